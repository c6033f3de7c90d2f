import { formatPrice, withArticle } from '@/lib/client/format';
import { standbyTypes } from '@/lib/providers/standby';
import type { StepDefinition } from '../run/failover-deps';
import { describeAge } from './step-helpers';

/**
 * Notify: one message per chosen channel, written under the run's key before anything is sent,
 * so a resumed run never tells the user twice.
 */
export const notifyStep: StepDefinition = {
  name: 'notify',
  maxAttempts: 5,
  async run({ deps, run, rental, settings, record, log }) {
    const standby = standbyTypes[settings.standbyType];
    const gpu = `${rental.gpuCount > 1 ? `${rental.gpuCount}× ` : ''}${rental.gpuModel}`;
    const age = run.checkpointTakenAt
      ? ` from a checkpoint taken ${describeAge(Math.max(0, (run.noticeAt.getTime() - run.checkpointTakenAt.getTime()) / 1000))} before the notice`
      : ' with an empty workspace (no checkpoint existed)';
    const restore = settings.autoRestore
      ? `It moves back to ${withArticle(rental.gpuModel)} as soon as one is offered at or below ${formatPrice(settings.restoreBoundPerGpuHour)}/GPU-hour.`
      : 'Automatic restore is off for it: turn it on from the machine page to move back to a GPU when one is offered.';
    const dedupeKey = `failover:${run.id}:standby`;

    const written = await deps.notifier.notify(deps.db, {
      userId: rental.userId,
      rentalId: rental.id,
      dedupeKey,
      channels: settings.channels,
      title: `Your ${gpu} was taken back: work moved to a CPU standby`,
      body: `The provider took back your ${gpu} in ${rental.location}. Your work runs on ${withArticle(standby.label)} standby (${formatPrice(standby.pricePerHour)}/h)${run.checkpointFallback ? age : ''}. ${restore}`,
      link: `${deps.appUrl}/machines/${rental.id}`,
      now: deps.clock.now(),
    });
    await record({
      dedupeKey,
      channels: settings.channels,
      notificationIds: written.map((row) => row.id),
    });
    log.info({ channels: settings.channels, written: written.length }, 'notifications_queued');

    const channels = settings.channels.length
      ? `by ${settings.channels.join(', ')}`
      : '(no channel chosen)';
    return { state: 'succeeded', outcome: `Told the user ${channels}` };
  },
};
