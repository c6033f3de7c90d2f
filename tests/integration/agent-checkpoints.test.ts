import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentRuntime } from '@/agent/core/agent-runtime';
import { objectKey } from '@/agent/core/keys';
import { createObjectStore, type ObjectStore } from '@/agent/core/object-store';
import { restoreCheckpoint, RestoreVerificationError } from '@/agent/core/restore-checkpoint';
import { HashCache } from '@/agent/core/scan-workspace';
import { takeCheckpoint } from '@/agent/core/take-checkpoint';
import { logger } from '@/lib/logger';
import { startS3StandIn, type S3StandIn } from '@/lib/storage/s3-stand-in';
import { hashTree } from '../support/hash-tree';

// Its own S3 server (s3rver) in a temporary folder, and a fresh rental id per test.
let temp: string;
let s3: S3StandIn;
let store: ObjectStore;

beforeAll(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'spot-agent-'));
  s3 = await startS3StandIn({ port: 0, directory: path.join(temp, 's3') });
  store = createObjectStore(s3.config);
});
afterAll(async () => {
  await s3.close();
  await fs.rm(temp, { recursive: true, force: true });
});

async function workspaceWith(files: Record<string, Buffer | string>) {
  const root = await fs.mkdtemp(path.join(temp, 'ws-'));
  for (const [name, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), body);
  }
  return root;
}

const checkpoint = (rentalId: string, workspace: string, label: string) =>
  takeCheckpoint({
    store,
    rentalId,
    agentId: 'agent-1',
    workspace,
    label,
    reason: 'test',
    cache: new HashCache(),
  });

describe('agent checkpoints and restores against a real S3 server', () => {
  it('uploads only what changed since the last checkpoint, multipart for a large file', async () => {
    const rentalId = `r-${randomBytes(4).toString('hex')}`;
    const big = randomBytes(40 * 1024 * 1024);
    const workspace = await workspaceWith({
      'model.bin': big,
      'a.txt': 'alpha',
      'dir/b.txt': 'beta',
      'dir/copy.txt': 'alpha',
    });

    const first = await checkpoint(rentalId, workspace, 'one');
    expect(first).toMatchObject({ seq: 1, files: 4, uploadedFiles: 3, bytes: big.length + 14 });
    expect(first.manifestKey).toBe(`rentals/${rentalId}/manifests/0000000001-one.json`);

    await fs.writeFile(path.join(workspace, 'a.txt'), 'alpha, edited');
    const second = await checkpoint(rentalId, workspace, 'two');
    expect(second).toMatchObject({ seq: 2, files: 4, uploadedFiles: 1, uploadedBytes: 13 });

    const target = await workspaceWith({ 'stale.txt': 'not in the checkpoint' });
    const restored = await restoreCheckpoint({
      store,
      workspace: target,
      manifestKey: second.manifestKey,
      tempDir: path.join(temp, 'tmp'),
    });
    expect(restored).toMatchObject({ seq: 2, files: 4, downloadedFiles: 4, removedFiles: 1 });
    expect(hashTree(target)).toEqual(hashTree(workspace));

    const again = await restoreCheckpoint({
      store,
      workspace: target,
      manifestKey: second.manifestKey,
      tempDir: path.join(temp, 'tmp'),
    });
    expect(again).toMatchObject({
      downloadedFiles: 0,
      removedFiles: 0,
      verifiedDigest: restored.verifiedDigest,
    });
  });

  it('refuses an object whose bytes do not match its sha256', async () => {
    const rentalId = `r-${randomBytes(4).toString('hex')}`;
    const workspace = await workspaceWith({ 'weights.bin': randomBytes(1024) });
    const taken = await checkpoint(rentalId, workspace, 'one');
    const manifest = (await store.getJson(taken.manifestKey)) as {
      files: Array<{ sha256: string }>;
    };
    const tampered = path.join(temp, 'tampered.bin');
    await fs.writeFile(tampered, randomBytes(1024));
    await store.putFile(objectKey(rentalId, manifest.files[0]!.sha256), tampered);

    const target = await workspaceWith({});
    await expect(
      restoreCheckpoint({
        store,
        workspace: target,
        manifestKey: taken.manifestKey,
        tempDir: path.join(temp, 'tmp'),
      }),
    ).rejects.toBeInstanceOf(RestoreVerificationError);
    expect(hashTree(target)).toEqual({});
  });

  it('refuses a manifest whose paths would leave the workspace', async () => {
    const rentalId = `r-${randomBytes(4).toString('hex')}`;
    const key = `rentals/${rentalId}/manifests/0000000001-evil.json`;
    await store.putJson(key, {
      version: 1,
      rentalId,
      seq: 1,
      label: 'evil',
      reason: 'test',
      agentId: 'x',
      takenAt: new Date().toISOString(),
      totalBytes: 1,
      files: [{ path: '../outside.txt', size: 1, sha256: 'a'.repeat(64), mode: 0o644 }],
    });
    const target = await workspaceWith({});
    await expect(
      restoreCheckpoint({
        store,
        workspace: target,
        manifestKey: key,
        tempDir: path.join(temp, 'tmp'),
      }),
    ).rejects.toThrow(/relative path inside the workspace/);
  });

  it('never restores an older checkpoint over newer data on the machine', async () => {
    const rentalId = `r-${randomBytes(4).toString('hex')}`;
    const workspace = await workspaceWith({ 'log.txt': 'step 1\n' });
    const agent = new AgentRuntime({
      agentId: '00000000-0000-4000-8000-000000000001',
      secret: 'x'.repeat(40),
      controlUrl: 'http://127.0.0.1:9', // nothing listens: reports are dropped, work goes on
      rentalId,
      role: 'primary',
      workspace,
      stateDir: path.join(temp, `state-${rentalId}`),
      store,
      logger,
    });
    const older = await agent.checkpoint('interval', 'older');
    await fs.appendFile(path.join(workspace, 'log.txt'), 'step 2\n');
    const newer = await agent.checkpoint('interval', 'newer');
    expect(newer.seq).toBe(older.seq + 1);

    await expect(agent.restore(older.manifestKey, older.seq)).rejects.toThrow(/stale/);
    expect(await fs.readFile(path.join(workspace, 'log.txt'), 'utf8')).toBe('step 1\nstep 2\n');
    await expect(agent.restore(newer.manifestKey, newer.seq)).resolves.toMatchObject({
      downloadedFiles: 0,
    });
    await agent.stop();
  });
});
