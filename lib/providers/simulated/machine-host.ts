import fs from 'node:fs/promises';
import path from 'node:path';
import { and, isNotNull, isNull, or, gt, sql } from 'drizzle-orm';
import { AgentRuntime, type AgentRole } from '@/agent/core/agent-runtime';
import type { ObjectStore } from '@/agent/core/object-store';
import type { Db } from '@/db/client';
import { simMachines } from '@/db/schema';
import type { Logger } from '@/lib/logger';
import { seedWorkspace } from './seed-workspace';

export interface MachineHostOptions {
  db: Db;
  /** Each machine's disk: `<dir>/<machine id>/workspace`, its agent's state beside it. */
  machinesDir: string;
  store: ObjectStore;
  /** Size of the workspace a fresh rental's GPU starts with. */
  seedMb: number;
  logger: Logger;
  /** Keep a machine's folder after it is gone (tests compare workspaces afterwards). */
  keepEndedMachines?: boolean;
  pollMs?: number;
}

type MachineRow = typeof simMachines.$inferSelect;

/**
 * The simulated provider's machines, brought to life: each running machine gets a real folder
 * and runs the same agent code as a real machine, started from the environment it booted with.
 * The provider's notice reaches the agent as GCE's metadata would; when the machine is taken
 * back the agent is cut off mid-work, as on a real machine.
 */
export class SimulatedMachineHost {
  private readonly agents = new Map<string, AgentRuntime>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly options: MachineHostOptions) {}

  workspaceOf(machineId: string): string {
    return path.join(this.options.machinesDir, machineId, 'workspace');
  }

  agentOf(machineId: string): AgentRuntime | undefined {
    return this.agents.get(machineId);
  }

  start(): void {
    const every = this.options.pollMs ?? 250;
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() =>
        this.tick().catch((error) =>
          this.options.logger.warn({ err: error }, 'sim_host_tick_failed'),
        ),
      );
    }, every);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.agents.values()].map((agent) => agent.stop()));
    this.agents.clear();
  }

  /** One look at the provider's machines: start, notify and stop agents to match. */
  async tick(): Promise<void> {
    const now = new Date();
    const alive = await this.options.db
      .select()
      .from(simMachines)
      .where(
        and(
          isNotNull(simMachines.bootEnv),
          isNull(simMachines.terminatedAt),
          or(isNull(simMachines.interruptAt), gt(simMachines.interruptAt, sql`now()`)),
        ),
      );
    const aliveIds = new Set(alive.map((machine) => machine.id));

    for (const [machineId, agent] of this.agents) {
      if (aliveIds.has(machineId)) continue;
      this.agents.delete(machineId);
      await agent.stop();
      this.options.logger.info({ machine_id: machineId }, 'sim_machine_gone');
      if (!this.options.keepEndedMachines) {
        await fs.rm(path.join(this.options.machinesDir, machineId), {
          recursive: true,
          force: true,
        });
      }
    }

    for (const machine of alive) {
      if (machine.runningAt > now) continue;
      const agent = this.agents.get(machine.id) ?? (await this.boot(machine));
      if (agent && machine.noticeAt && machine.noticeAt <= now) {
        void agent.onNotice({
          source: 'simulated',
          noticeAt: machine.noticeAt,
          interruptAt: machine.interruptAt,
        });
      }
    }
  }

  private async boot(machine: MachineRow): Promise<AgentRuntime | undefined> {
    const env = machine.bootEnv ?? {};
    if (
      !env.SPOT_AGENT_ID ||
      !env.SPOT_AGENT_SECRET ||
      !env.SPOT_CONTROL_URL ||
      !env.SPOT_RENTAL_ID
    )
      return;
    const role = (env.SPOT_AGENT_ROLE ?? 'primary') as AgentRole;
    const directory = path.join(this.options.machinesDir, machine.id);
    const workspace = path.join(directory, 'workspace');

    const fresh = await fs.stat(workspace).then(
      () => false,
      () => true,
    );
    if (fresh) {
      // A rented GPU comes with the user's work on it (demo files); a CPU standby starts empty,
      // even one that holds the work from boot because there was no checkpoint to restore.
      if (role === 'primary' && machine.kind === 'gpu')
        await seedWorkspace(workspace, this.options.seedMb);
      else await fs.mkdir(workspace, { recursive: true });
    }
    const agent = new AgentRuntime({
      agentId: env.SPOT_AGENT_ID,
      secret: env.SPOT_AGENT_SECRET,
      controlUrl: env.SPOT_CONTROL_URL,
      rentalId: env.SPOT_RENTAL_ID,
      role,
      workspace,
      stateDir: path.join(directory, 'agent'),
      store: this.options.store,
      logger: this.options.logger.child({ machine_id: machine.id }),
    });
    await agent.start();
    this.agents.set(machine.id, agent);
    this.options.logger.info({ machine_id: machine.id, role }, 'sim_machine_booted');
    return agent;
  }
}
