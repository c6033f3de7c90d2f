import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH as updateAccount } from '@/app/api/account/route';
import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { DELETE as terminateRental } from '@/app/api/rentals/[id]/route';
import { users } from '@/db/schema';
import { useAppDatabase } from '../support/app-database';
import { rentFor, seedMarket } from '../support/market-fixture';
import { APP_URL, call, signUp, type TestUser } from '../support/route-client';

/**
 * A state-changing request carrying a valid session cookie is refused unless it says it comes
 * from our own origin: Origin first, else Sec-Fetch-Site, else Referer.
 */
const database = useAppDatabase();
let user: TestUser;

beforeAll(async () => {
  user = await signUp('csrf');
});

const EVIL = 'https://evil.example';
const refused = (message = 'Cross-site request refused') => ({
  error: { code: 'forbidden', message },
});

// prettier-ignore
const provenance: Array<{ name: string; origin: string | null; headers?: Record<string, string>; status: number; message?: string }> = [
  { name: 'Origin of another site', origin: EVIL, status: 403 },
  { name: 'Origin "null" (sandboxed frame, data: URL)', origin: 'null', status: 403 },
  { name: 'Origin of our host on another port', origin: 'http://127.0.0.1:4000', status: 403 },
  { name: 'Origin of our host over https', origin: 'https://127.0.0.1:3999', status: 403 },
  { name: 'no Origin, Sec-Fetch-Site cross-site', origin: null, headers: { 'sec-fetch-site': 'cross-site' }, status: 403 },
  { name: 'no Origin, Sec-Fetch-Site same-site', origin: null, headers: { 'sec-fetch-site': 'same-site' }, status: 403 },
  { name: 'no Origin, Referer of another site', origin: null, headers: { referer: `${EVIL}/win-a-gpu` }, status: 403 },
  { name: 'no Origin, Sec-Fetch-Site or Referer', origin: null, status: 403, message: 'Request refused: send the Origin header of the page making it' },
  { name: 'our Origin', origin: APP_URL, status: 200 },
  { name: 'our Origin under its loopback twin', origin: 'http://localhost:3999', status: 200 },
  { name: 'no Origin, Sec-Fetch-Site same-origin', origin: null, headers: { 'sec-fetch-site': 'same-origin' }, status: 200 },
  { name: 'no Origin, Referer of our own page', origin: null, headers: { referer: `${APP_URL}/account` }, status: 200 },
];

describe('PATCH /api/account with a valid session', () => {
  it.each(provenance)('$name → $status', async ({ origin, headers, status, message }) => {
    const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const answer = await call(updateAccount, {
      method: 'PATCH',
      path: '/api/account',
      cookie: user.cookie,
      origin,
      headers,
      body: { phone },
    });

    expect(answer.status).toBe(status);
    const [row] = await database.current.db.select().from(users).where(eq(users.id, user.id));
    if (status === 403) {
      expect(answer.body).toEqual(refused(message));
      expect(row!.phone).not.toBe(phone);
    } else {
      expect(answer.body.account.phone).toBe(phone);
      expect(row!.phone).toBe(phone);
    }
  });
});

describe('other state-changing routes', () => {
  it('a cross-site DELETE of a rental is refused and the machine keeps running', async () => {
    await seedMarket(database.current.db);
    const rentalId = await rentFor(database.current.db, user);
    const request = {
      method: 'DELETE',
      path: `/api/rentals/${rentalId}`,
      params: { id: rentalId },
      cookie: user.cookie,
    };

    const crossSite = await call(terminateRental, { ...request, origin: EVIL });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toEqual(refused());

    const sameSite = await call(terminateRental, request);
    expect(sameSite.status).toBe(200);
    expect(sameSite.body.rental.state).toBe('terminated');
  });

  it("better-auth's own endpoints keep their origin check: a cross-site sign-out is refused", async () => {
    const request = { method: 'POST', path: '/api/auth/sign-out', cookie: user.cookie, body: {} };

    const crossSite = await call(authPost, { ...request, origin: EVIL });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('INVALID_ORIGIN');

    const sameSite = await call(authPost, request);
    expect(sameSite.status).toBe(200);
    expect(sameSite.body).toEqual({ success: true });
  });
});
