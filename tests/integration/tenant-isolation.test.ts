import { asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DELETE as deleteAccount,
  GET as readAccount,
  PATCH as updateAccount,
} from '@/app/api/account/route';
import { POST as changePassword } from '@/app/api/account/password/route';
import { DELETE as deleteAlert, PATCH as editAlert } from '@/app/api/alerts/[id]/route';
import { GET as listAlerts, POST as createAlertRoute } from '@/app/api/alerts/route';
import { GET as readChannels } from '@/app/api/notifications/channels/route';
import { GET as listNotifications } from '@/app/api/notifications/route';
import { POST as sendTest } from '@/app/api/notifications/test/route';
import { DELETE as unsubscribePush } from '@/app/api/push-subscriptions/route';
import { DELETE as terminateRental, GET as readRental } from '@/app/api/rentals/[id]/route';
import {
  GET as readRentalFailover,
  PUT as overrideFailover,
} from '@/app/api/rentals/[id]/failover/route';
import {
  GET as readFailoverSettings,
  PUT as saveFailoverSettings,
} from '@/app/api/settings/failover/route';
import { GET as listRentals, POST as rentOffer } from '@/app/api/rentals/route';
import {
  accounts,
  failoverSettings,
  notifications,
  priceAlerts,
  pushSubscriptions,
  rentals,
  sessions,
  users,
} from '@/db/schema';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { useAppDatabase } from '../support/app-database';
import { availableOffer, rentFor, seedMarket } from '../support/market-fixture';
import { call, signUp, type TestUser } from '../support/route-client';

/**
 * Two users, A (the owner) and B (the intruder), over every user-owned route. Each route is one
 * line: B calls it naming A's things wherever the route takes an id, and must get `intruder`
 * without a trace of A's data while A's rows stay as they were; A gets `owner`; a visitor
 * gets 401. Routes added later (price alerts, notifications, failover settings, push
 * subscriptions) join the proof with one line each.
 */
interface Owner extends TestUser {
  rentalId: string;
  phone: string;
  alertId: string;
  pushEndpoint: string;
}
interface OwnedRoute {
  name: string;
  handler: (request: Request, context: any) => Promise<Response>;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (a: Owner) => string;
  params?: (a: Owner) => Record<string, string>;
  body?: (a: Owner) => unknown;
  intruder: number;
  owner: number;
}

const database = useAppDatabase();
const db = () => database.current.db;
const newPassword = 'a-brand-new-password-42';

// prettier-ignore
const routes: OwnedRoute[] = [
  { name: 'list rentals', handler: listRentals, method: 'GET', path: () => '/api/rentals', intruder: 200, owner: 200 },
  { name: 'read a rental', handler: readRental, method: 'GET', path: (a) => `/api/rentals/${a.rentalId}`, params: (a) => ({ id: a.rentalId }), intruder: 404, owner: 200 },
  { name: 'terminate a rental', handler: terminateRental, method: 'DELETE', path: (a) => `/api/rentals/${a.rentalId}`, params: (a) => ({ id: a.rentalId }), intruder: 404, owner: 200 },
  { name: 'rent an offer', handler: rentOffer, method: 'POST', path: () => '/api/rentals', body: () => availableOfferNow, intruder: 201, owner: 201 },
  { name: 'read the account', handler: readAccount, method: 'GET', path: () => '/api/account', intruder: 200, owner: 200 },
  { name: 'set the phone number', handler: updateAccount, method: 'PATCH', path: () => '/api/account', body: () => ({ phone: '+14155550199' }), intruder: 200, owner: 200 },
  { name: "change the password with the owner's", handler: changePassword, method: 'POST', path: () => '/api/account/password', body: (a) => ({ currentPassword: a.password, newPassword }), intruder: 400, owner: 200 },
  { name: 'list price alerts', handler: listAlerts, method: 'GET', path: () => '/api/alerts', intruder: 200, owner: 200 },
  { name: 'create a price alert', handler: createAlertRoute, method: 'POST', path: () => '/api/alerts', body: () => anAlert, intruder: 201, owner: 201 },
  { name: 'pause a price alert', handler: editAlert, method: 'PATCH', path: (a) => `/api/alerts/${a.alertId}`, params: (a) => ({ id: a.alertId }), body: () => ({ paused: true }), intruder: 404, owner: 200 },
  { name: 'delete a price alert', handler: deleteAlert, method: 'DELETE', path: (a) => `/api/alerts/${a.alertId}`, params: (a) => ({ id: a.alertId }), intruder: 404, owner: 204 },
  { name: 'list notifications', handler: listNotifications, method: 'GET', path: () => '/api/notifications', intruder: 200, owner: 200 },
  { name: 'read channel settings', handler: readChannels, method: 'GET', path: () => '/api/notifications/channels', intruder: 200, owner: 200 },
  { name: 'send a test message', handler: sendTest, method: 'POST', path: () => '/api/notifications/test', body: () => ({ channel: 'email' }), intruder: 202, owner: 202 },
  { name: "unsubscribe the owner's push endpoint", handler: unsubscribePush, method: 'DELETE', path: () => '/api/push-subscriptions', body: (a) => ({ endpoint: a.pushEndpoint }), intruder: 404, owner: 204 },
  { name: 'read failover settings', handler: readFailoverSettings, method: 'GET', path: () => '/api/settings/failover', intruder: 200, owner: 200 },
  { name: 'save failover settings', handler: saveFailoverSettings, method: 'PUT', path: () => '/api/settings/failover', body: () => failoverOn, intruder: 200, owner: 200 },
  { name: "read a rental's failover", handler: readRentalFailover, method: 'GET', path: (a) => `/api/rentals/${a.rentalId}/failover`, params: (a) => ({ id: a.rentalId }), intruder: 404, owner: 200 },
  { name: "override a rental's failover", handler: overrideFailover, method: 'PUT', path: (a) => `/api/rentals/${a.rentalId}/failover`, params: (a) => ({ id: a.rentalId }), body: () => ({ override: { autoRestore: false } }), intruder: 404, owner: 200 },
  { name: "delete the account typing the owner's email", handler: deleteAccount, method: 'DELETE', path: () => '/api/account', body: (a) => ({ confirmation: a.email }), intruder: 400, owner: 200 },
];

let availableOfferNow: unknown;
const anAlert = { gpuModel: 'RTX 4090', maxPricePerGpuHour: 0.3, channels: ['email'] };
const failoverOn = {
  enabled: true,
  standbyType: 'e2-medium',
  autoRestore: true,
  checkpointIntervalMinutes: 15,
  channels: ['email'],
  restoreMaxPricePerGpuHour: null,
};

async function owner(): Promise<Owner> {
  const user = await signUp('owner');
  const rentalId = await rentFor(db(), user);
  const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const saved = await call(updateAccount, {
    method: 'PATCH',
    path: '/api/account',
    cookie: user.cookie,
    body: { phone },
  });
  expect(saved.body.account.phone).toBe(phone);
  const alert = await createAlert(db(), user.id, anAlert as never, new Date());
  await db().insert(failoverSettings).values({ userId: user.id, enabled: true });
  const pushEndpoint = `https://push.example.com/send/${user.id}`;
  await db().insert(pushSubscriptions).values({
    userId: user.id,
    endpoint: pushEndpoint,
    p256dh: 'BPublicKeyOfTheOwnersBrowser',
    auth: 'owner-auth-secret',
  });
  return { ...user, rentalId, phone, alertId: alert.id, pushEndpoint };
}

/** Everything of A's a route could change: account, credential, sessions, rentals. */
async function snapshot(userId: string) {
  return {
    user: await db().select().from(users).where(eq(users.id, userId)),
    credential: await db()
      .select({ password: accounts.password })
      .from(accounts)
      .where(eq(accounts.userId, userId)),
    sessions: await db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)),
    alerts: await db().select().from(priceAlerts).where(eq(priceAlerts.userId, userId)),
    notifications: await db().select().from(notifications).where(eq(notifications.userId, userId)),
    push: await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)),
    failover: await db().select().from(failoverSettings).where(eq(failoverSettings.userId, userId)),
    rentals: await db()
      .select()
      .from(rentals)
      .where(eq(rentals.userId, userId))
      .orderBy(asc(rentals.id)),
  };
}

beforeAll(async () => {
  await seedMarket(db());
  availableOfferNow = await availableOffer(db());
});

describe.each(routes)('$method $name', (route) => {
  it(`answers a visitor 401, the intruder ${route.intruder} with none of the owner's data, the owner ${route.owner}`, async () => {
    const a = await owner();
    const b = await signUp('intruder');
    await rentFor(db(), b);
    const request = (cookie?: string) => ({
      method: route.method,
      path: route.path(a),
      params: route.params?.(a),
      body: route.body?.(a),
      cookie,
    });

    const visitor = await call(route.handler, request());
    expect(visitor.status).toBe(401);
    expect(visitor.body).toEqual({
      error: { code: 'unauthorized', message: 'Sign in to continue' },
    });

    const before = await snapshot(a.id);
    const intruder = await call(route.handler, request(b.cookie));
    expect(intruder.status).toBe(route.intruder);
    if (route.intruder === 404) expect(intruder.body.error.code).toBe('not_found');
    const seen = JSON.stringify(intruder.body);
    for (const secret of [
      a.id,
      a.email,
      a.rentalId,
      a.phone,
      a.password,
      a.alertId,
      a.pushEndpoint,
    ])
      expect(seen).not.toContain(secret);
    expect(await snapshot(a.id)).toEqual(before);

    const own = await call(route.handler, request(a.cookie));
    expect(own.status).toBe(route.owner);
  });
});
