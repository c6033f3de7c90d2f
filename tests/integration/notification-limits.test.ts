import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as createAlert } from '@/app/api/alerts/route';
import { POST as sendTest } from '@/app/api/notifications/test/route';
import { MAX_ALERTS_PER_USER } from '@/lib/alerts/manage-alerts';
import { ingestOffers } from '../support/alert-fixtures';
import { useAppDatabase } from '../support/app-database';
import { call, signUp, type TestUser } from '../support/route-client';

// Messages go to addresses nobody verified: these bounds keep an account from spamming through us.
const database = useAppDatabase();
let user: TestUser;
beforeAll(async () => {
  user = await signUp('limits');
  await ingestOffers(
    database.current.db,
    'limits',
    [{ externalId: 'o', pricePerGpuHour: 0.4 }],
    new Date(),
  );
});

describe('bounds on what one account can send', () => {
  it('allows five test messages a quarter-hour, then answers 429 saying when to retry', async () => {
    const send = () =>
      call(sendTest, {
        method: 'POST',
        path: '/api/notifications/test',
        cookie: user.cookie,
        body: { channel: 'sms' },
      });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(202);

    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: 'Too many test messages',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it(`refuses the alert after ${MAX_ALERTS_PER_USER} with a 409 saying why`, async () => {
    await database.current.db.execute(sql`
      insert into price_alerts (user_id, gpu_model, max_price_per_gpu_hour, channels)
      select ${user.id}, 'RTX 4090', 0.3, array['email'] from generate_series(1, ${MAX_ALERTS_PER_USER})`);
    const answer = await call(createAlert, {
      method: 'POST',
      path: '/api/alerts',
      cookie: user.cookie,
      body: { gpuModel: 'RTX 4090', maxPricePerGpuHour: 0.3, channels: ['email'] },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'conflict', reason: 'too_many_alerts' });
  });
});
