import { z } from 'zod';
import { sleep, type Notice } from './deliver-notice';

/** Watches the provider's metadata for the notice that the machine will be taken back. */
export type NoticeWatcher = (
  signal: AbortSignal,
  onNotice: (notice: Notice) => void,
) => Promise<void>;

/** GCE gives a preemptible / spot VM 30 s between the notice and the stop. */
const GCE_NOTICE_MS = 30_000;

/**
 * GCE: `instance/preempted` on the metadata server reads `TRUE` once preemption has begun. The
 * first read answers at once; later ones hang until the value changes (`wait_for_change`).
 */
export function gceNoticeWatcher(baseUrl = 'http://metadata.google.internal'): NoticeWatcher {
  return async (signal, onNotice) => {
    let etag: string | null = null;
    while (!signal.aborted) {
      const url = new URL('/computeMetadata/v1/instance/preempted', baseUrl);
      if (etag) {
        url.searchParams.set('wait_for_change', 'true');
        url.searchParams.set('last_etag', etag);
        url.searchParams.set('timeout_sec', '60');
      }
      try {
        const response = await fetch(url, {
          headers: { 'Metadata-Flavor': 'Google' },
          signal: AbortSignal.any([signal, AbortSignal.timeout(70_000)]),
        });
        const text = (await response.text()).trim();
        etag = response.headers.get('etag') ?? etag ?? 'none';
        if (response.ok && text === 'TRUE') {
          const now = Date.now();
          onNotice({
            source: 'gce',
            noticeAt: new Date(now),
            interruptAt: new Date(now + GCE_NOTICE_MS),
          });
          return;
        }
      } catch {
        await sleep(1_000, signal);
      }
    }
  };
}

const instanceAction = z.object({ action: z.string(), time: z.iso.datetime({ offset: true }) });

/**
 * AWS: `spot/instance-action` (IMDSv2, behind a session token) answers 404 until the two-minute
 * interruption notice, then `{"action": "terminate" | "stop" | "hibernate", "time": "…Z"}`.
 * AWS suggests reading it every 5 s.
 */
export function awsNoticeWatcher(
  baseUrl = 'http://169.254.169.254',
  everyMs = 5_000,
): NoticeWatcher {
  return async (signal, onNotice) => {
    let token: string | null = null;
    while (!signal.aborted) {
      try {
        token ??= await (
          await fetch(new URL('/latest/api/token', baseUrl), {
            method: 'PUT',
            headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' },
            signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
          })
        ).text();
        const response = await fetch(new URL('/latest/meta-data/spot/instance-action', baseUrl), {
          headers: { 'X-aws-ec2-metadata-token': token },
          signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
        });
        if (response.status === 401) token = null;
        if (response.ok) {
          const action = instanceAction.safeParse(await response.json().catch(() => null));
          if (action.success) {
            onNotice({
              source: 'aws',
              noticeAt: new Date(),
              interruptAt: new Date(action.data.time),
            });
            return;
          }
        }
      } catch {
        token = null;
      }
      await sleep(everyMs, signal);
    }
  };
}
