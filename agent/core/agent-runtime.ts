import path from 'node:path';
import { AgentStateFile, type LocalState } from './agent-state';
import { ControlClient } from './control-client';
import { checkpointLabel } from './keys';
import type { ObjectStore } from './object-store';
import { runCommandChannel } from './command-channel';
import type { AgentCommand, AgentConfig } from './protocol';
import { restoreCheckpoint, type RestoreResult } from './restore-checkpoint';
import { HashCache } from './scan-workspace';
import { takeCheckpoint, type CheckpointResult } from './take-checkpoint';
import { deliverNotice, sleep, type AgentLogger, type Notice } from './deliver-notice';

export type AgentRole = 'primary' | 'standby' | 'restore-target';
export type { AgentLogger, Notice };

export interface AgentRuntimeOptions {
  agentId: string;
  secret: string;
  controlUrl: string;
  rentalId: string;
  role: AgentRole;
  workspace: string;
  /** Agent state, hash cache and downloads in progress; same file system as the workspace. */
  stateDir: string;
  store: ObjectStore;
  logger: AgentLogger;
}

/** How long a notice checkpoint waits for the webhook's answer (the run id for its key). */
const RUN_ID_WAIT_MS = 1_500;

/**
 * The agent on one machine: it tells the control plane about a notice at once and checkpoints
 * the workspace in the same breath, checkpoints on the interval while it holds the work, and runs
 * the commands the control plane queues for it (checkpoint, restore), each once per command id.
 */
export class AgentRuntime {
  readonly control: ControlClient;
  private readonly abort = new AbortController();
  private readonly stateFile: AgentStateFile;
  private readonly cache: HashCache;
  private state: LocalState = { seq: 0, manifestKey: null, active: false, handedOver: false };
  private config: AgentConfig = { checkpointIntervalSeconds: 0 };
  private lastCheckpointAt = Date.now();
  private queue: Promise<unknown> = Promise.resolve();
  private notice: Notice | null = null;
  private noticeCheckpoint: Promise<CheckpointResult> | null = null;
  private loops: Promise<void>[] = [];

  constructor(readonly options: AgentRuntimeOptions) {
    this.control = new ControlClient({
      baseUrl: options.controlUrl,
      agentId: options.agentId,
      secret: options.secret,
    });
    this.stateFile = new AgentStateFile(path.join(options.stateDir, 'state.json'));
    this.cache = new HashCache(path.join(options.stateDir, 'hash-cache.json'));
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  async start(): Promise<void> {
    const active = this.options.role === 'primary';
    this.state = await this.stateFile.read({
      seq: 0,
      manifestKey: null,
      active,
      handedOver: false,
    });
    await this.cache.load();
    const commands = runCommandChannel({
      control: this.control,
      agentId: this.options.agentId,
      logger: this.options.logger,
      signal: this.signal,
      execute: (command) => this.runCommand(command),
      onConfig: (config) => (this.config = config),
      busy: () => this.notice !== null || !this.state.active,
    });
    this.loops = [commands, this.intervalLoop()];
  }

  /** Stops everything at once, as a machine taken back would: uploads in flight are cut. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('agent stopped'));
    await Promise.allSettled([...this.loops, this.queue]);
  }

  /** Waits up to `ms` for the work in hand (a notice checkpoint), then stops. */
  async drain(ms: number): Promise<void> {
    await Promise.race([this.queue, sleep(ms, this.signal)]);
    await this.stop();
  }

  /** The provider announced it takes the machine back. Acts once, however often it is told. */
  async onNotice(notice: Notice): Promise<void> {
    if (this.notice) return;
    this.notice = notice;
    const { agentId } = this.options;
    this.options.logger.info({ agent_id: agentId, source: notice.source }, 'agent_notice');

    // The webhook goes first so the run starts now; the checkpoint starts with it, named after
    // the run when the answer comes back quickly, and the webhook keeps retrying on its own.
    const delivered = deliverNotice(
      this.control,
      notice,
      this.signal,
      this.options.logger,
      agentId,
    );
    const runId = await Promise.race([
      delivered,
      sleep(RUN_ID_WAIT_MS, this.signal).then(() => null),
    ]);
    if (!this.state.active || this.state.handedOver) return;
    const label = runId ? checkpointLabel(runId, 'sync') : checkpointLabel('notice', agentId);
    this.noticeCheckpoint = this.checkpoint('notice', label);
    this.noticeCheckpoint.catch(() => undefined);
  }

  /** Runs work one piece at a time: a checkpoint never reads a workspace being restored. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Takes a checkpoint and reports it to the control plane when complete. */
  checkpoint(reason: string, label: string, final = false): Promise<CheckpointResult> {
    return this.serial(async () => {
      const result = await takeCheckpoint({
        store: this.options.store,
        rentalId: this.options.rentalId,
        agentId: this.options.agentId,
        workspace: this.options.workspace,
        label,
        reason,
        cache: this.cache,
        signal: this.signal,
      });
      this.lastCheckpointAt = Date.now();
      const handedOver = this.state.handedOver || final;
      this.state = { ...this.state, seq: result.seq, manifestKey: result.manifestKey, handedOver };
      await this.stateFile.write(this.state);
      this.options.logger.info(
        {
          agent_id: this.options.agentId,
          reason,
          seq: result.seq,
          uploaded_bytes: result.uploadedBytes,
          duration_ms: result.durationMs,
        },
        'agent_checkpoint_done',
      );
      void this.control
        .sendEvent({ event: 'checkpoint', reason, checkpoint: result })
        .catch(() => undefined);
      return result;
    });
  }

  /** Makes the workspace equal to a checkpoint, refusing one older than what the disk holds. */
  restore(manifestKey: string, seq: number): Promise<RestoreResult> {
    return this.serial(async () => {
      if (this.state.seq > seq) {
        throw new Error(
          `stale: this machine holds checkpoint ${this.state.seq}, newer than ${seq}`,
        );
      }
      const result = await restoreCheckpoint({
        store: this.options.store,
        workspace: this.options.workspace,
        manifestKey,
        tempDir: path.join(this.options.stateDir, 'tmp'),
        cache: this.cache,
        signal: this.signal,
      });
      this.state = { seq, manifestKey, active: true, handedOver: false };
      await this.stateFile.write(this.state);
      this.lastCheckpointAt = Date.now();
      return result;
    });
  }

  private async runCommand(command: AgentCommand): Promise<Record<string, unknown>> {
    if (command.kind === 'restore')
      return { ...(await this.restore(command.args.manifestKey, command.args.seq)) };
    if (command.args.reason === 'notice' && this.noticeCheckpoint)
      return { ...(await this.noticeCheckpoint) };
    if (!this.state.active) throw new Error('this machine does not hold the work');
    if (this.state.handedOver && !command.args.final)
      throw new Error('this machine has handed over');
    return {
      ...(await this.checkpoint(command.args.reason, command.args.label, command.args.final)),
    };
  }

  private async intervalLoop(): Promise<void> {
    while (!this.signal.aborted) {
      await sleep(1_000, this.signal);
      const every = this.config.checkpointIntervalSeconds * 1_000;
      const due = every > 0 && Date.now() - this.lastCheckpointAt >= every;
      if (!due || !this.state.active || this.state.handedOver || this.notice) continue;
      await this.checkpoint('interval', checkpointLabel('interval', this.options.agentId)).catch(
        (error) =>
          this.options.logger.warn(
            { agent_id: this.options.agentId, err: String(error) },
            'agent_checkpoint_failed',
          ),
      );
    }
  }
}
