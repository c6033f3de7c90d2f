import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** What the agent remembers across restarts, beside the workspace (never inside it). */
const localState = z.object({
  /** Sequence of the newest checkpoint the workspace is known to hold (taken or restored). */
  seq: z.number().int().nonnegative(),
  manifestKey: z.string().nullable(),
  /** True once the workspace is this machine's to protect (primary from boot, others after a restore). */
  active: z.boolean(),
  /** True after the last checkpoint before hand-over: the workspace is no longer the source. */
  handedOver: z.boolean(),
});
export type LocalState = z.infer<typeof localState>;

export class AgentStateFile {
  constructor(private readonly file: string) {}

  async read(initial: LocalState): Promise<LocalState> {
    const text = await fs.promises.readFile(this.file, 'utf8').catch(() => null);
    if (!text) return initial;
    const parsed = localState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : initial;
  }

  async write(state: LocalState): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, JSON.stringify(state));
    await fs.promises.rename(temporary, this.file);
  }
}
