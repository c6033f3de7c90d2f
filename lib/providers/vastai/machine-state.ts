import { z } from 'zod';
import type { MachineStatus } from '../types';

/** The part of `GET /instances/{id}/` we read; `instances` holds the one instance, or null. */
export const vastaiInstanceAnswer = z.object({
  instances: z
    .object({
      actual_status: z.string().nullish(),
      intended_status: z.string().nullish(),
      cur_state: z.string().nullish(),
      status_msg: z.string().nullish(),
    })
    .nullable(),
});
export type VastaiInstance = NonNullable<z.infer<typeof vastaiInstanceAnswer>['instances']>;

/**
 * Vast.ai's instance states as ours. An interruptible instance that is outbid is paused by the
 * host while we still want it running: that is the interruption. Vast.ai gives no notice before
 * it, so a rental goes from running to interrupted without an `interrupting` step, and the
 * interruption is seen at the first state sync after it happened.
 */
export function machineStatusOf(instance: VastaiInstance | null): MachineStatus {
  // `unloaded`: the instance was destroyed and the GPUs released.
  if (!instance || instance.cur_state === 'unloaded') return 'terminated';

  const actual = instance.actual_status ?? null;
  const outbid = /outbid/i.test(instance.status_msg ?? '');
  const stoppedOnPurpose = instance.intended_status === 'stopped';

  if (outbid) return 'interrupted';
  if (stoppedOnPurpose) return 'terminated';
  if (actual === 'stopped' || actual === 'offline' || instance.cur_state === 'stopped') {
    return 'interrupted';
  }
  // The container's own process ended: the machine was not taken back, the work just stopped.
  if (actual === 'exited') return 'terminated';
  // `unknown` is a missed heartbeat, not yet a lost machine; `rebooting` passes.
  if (
    actual === 'running' ||
    actual === 'frozen' ||
    actual === 'rebooting' ||
    actual === 'unknown'
  ) {
    return 'running';
  }
  // null (being placed), `loading` (image pulling), `created`, or a state new to us.
  return 'provisioning';
}
