import pino from 'pino';
import { z } from 'zod';
import { AgentRuntime } from './core/agent-runtime';
import { awsNoticeWatcher, gceNoticeWatcher, type NoticeWatcher } from './core/notice-watchers';
import { createObjectStore } from './core/object-store';

/**
 * The machine agent, started on every rented machine (see README, "The machine agent"). The
 * control plane gives the machine its identity and settings as environment at boot.
 */
const agentEnv = z.object({
  SPOT_AGENT_ID: z.uuid(),
  SPOT_AGENT_SECRET: z.string().min(32),
  SPOT_CONTROL_URL: z.url(),
  SPOT_RENTAL_ID: z.uuid(),
  SPOT_AGENT_ROLE: z.enum(['primary', 'standby', 'restore-target']),
  SPOT_WORKSPACE: z.string().default('/workspace'),
  SPOT_AGENT_STATE_DIR: z.string().default('/var/lib/spot-agent'),
  SPOT_NOTICE_SOURCE: z.enum(['gce', 'aws', 'none']).default('none'),
  SPOT_METADATA_URL: z.url().optional(),
  R2_ENDPOINT: z.url(),
  R2_ACCESS_KEY_ID: z.string().min(1),
  R2_SECRET_ACCESS_KEY: z.string().min(1),
  R2_BUCKET: z.string().min(3),
  R2_REGION: z.string().default('auto'),
});

const parsed = agentEnv.safeParse(process.env);
const logger = pino({ base: { service: 'agent' } });
if (!parsed.success) {
  logger.fatal(
    { variables: parsed.error.issues.map((issue) => issue.path.join('.')) },
    'agent_env_invalid',
  );
  process.exit(1);
}
const env = parsed.data;

const runtime = new AgentRuntime({
  agentId: env.SPOT_AGENT_ID,
  secret: env.SPOT_AGENT_SECRET,
  controlUrl: env.SPOT_CONTROL_URL,
  rentalId: env.SPOT_RENTAL_ID,
  role: env.SPOT_AGENT_ROLE,
  workspace: env.SPOT_WORKSPACE,
  stateDir: env.SPOT_AGENT_STATE_DIR,
  store: createObjectStore({
    endpoint: env.R2_ENDPOINT,
    region: env.R2_REGION,
    accessKeyId: env.R2_ACCESS_KEY_ID,
    secretAccessKey: env.R2_SECRET_ACCESS_KEY,
    bucket: env.R2_BUCKET,
  }),
  logger,
});

const watchers: Record<string, NoticeWatcher | null> = {
  gce: gceNoticeWatcher(env.SPOT_METADATA_URL),
  aws: awsNoticeWatcher(env.SPOT_METADATA_URL),
  none: null,
};

await runtime.start();
void watchers[env.SPOT_NOTICE_SOURCE]?.(runtime.signal, (notice) => void runtime.onNotice(notice));
logger.info({ agent_id: env.SPOT_AGENT_ID, role: env.SPOT_AGENT_ROLE }, 'agent_started');

// A spot VM's shutdown starts with the notice: finish the checkpoint in flight before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void runtime.drain(25_000).then(() => process.exit(0)));
}
