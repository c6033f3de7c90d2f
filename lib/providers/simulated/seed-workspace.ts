import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const MB = 1024 * 1024;

async function writeRandom(file: string, bytes: number) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'w');
  try {
    for (let written = 0; written < bytes; written += MB) {
      await handle.write(randomBytes(Math.min(MB, bytes - written)));
    }
  } finally {
    await handle.close();
  }
}

/**
 * What a fresh simulated GPU's disk holds, so failover has real data to move: a training script,
 * its config and log, data shards and a model checkpoint, `totalMb` in all.
 */
export async function seedWorkspace(workspace: string, totalMb: number): Promise<void> {
  await fs.mkdir(workspace, { recursive: true });
  const text = (name: string, body: string) => fs.writeFile(path.join(workspace, name), body);
  await fs.mkdir(path.join(workspace, 'configs'), { recursive: true });
  await fs.mkdir(path.join(workspace, 'logs'), { recursive: true });
  await text('README.md', '# Fine-tuning run\n\nStarted on a spot GPU from Spot Market.\n');
  await text('train.py', 'import torch\n\nfor step in range(10_000):\n    pass  # training loop\n');
  await text(
    'configs/run.yaml',
    'model: llama-3-8b\nbatch_size: 16\nlr: 2.0e-5\ncheckpoint_every: 1000\n',
  );
  const log = Array.from(
    { length: 200 },
    (_, step) => `step ${step * 5} loss ${(2.5 - step * 0.004).toFixed(4)}`,
  );
  await text('logs/train.log', `${log.join('\n')}\n`);

  const bytes = Math.round(totalMb * MB);
  const shard = Math.floor((bytes * 0.5) / 4);
  for (let index = 0; index < 4; index++) {
    await writeRandom(path.join(workspace, 'data', `shard-00${index}.bin`), shard);
  }
  await writeRandom(path.join(workspace, 'checkpoints', 'model-step-001000.pt'), bytes - 4 * shard);
}
