import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as readAccount, PATCH as updateAccount } from '@/app/api/account/route';
import { POST as changePassword } from '@/app/api/account/password/route';
import { createAuth } from '@/lib/auth/auth';
import { getEnv } from '@/lib/env';
import { useAppDatabase } from '../support/app-database';
import { call, cookieFrom, signIn, signUp, type TestUser } from '../support/route-client';

const database = useAppDatabase();
const me = (cookie: string) => call(readAccount, { path: '/api/account', cookie });

describe('session cookie', () => {
  it('is httpOnly and SameSite=Lax over http, and Secure with the __Secure- prefix over https', async () => {
    const plain = await signUp('cookie');
    expect(plain.cookie).toMatch(/^better-auth\.session_token=/);

    const origin = 'https://spot.example.com';
    const auth = createAuth(database.current.db, { ...getEnv(), APP_URL: origin });
    const response = await auth.handler(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'secure@example.com',
          password: 'long-enough-password',
          name: 's',
        }),
      }),
    );
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(
      /^__Secure-better-auth\.session_token=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });
});

describe('phone number', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp('phone');
  });
  const patch = (body: unknown) =>
    call(updateAccount, { method: 'PATCH', path: '/api/account', cookie: user.cookie, body });

  // prettier-ignore
  it.each([
    [{ phone: '4155550123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: '+1 415 555 0123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: '+04155550123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: 14155550123 }, { phone: expect.any(String) }],
    [{}, { phone: expect.any(String) }],
    [{ phone: '+14155550123', email: 'x@example.com' }, { email: 'is not a known parameter' }],
  ])('refuses %j naming the field', async (body, fields) => {
    const answer = await patch(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'invalid', message: expect.any(String), fields });
  });

  it('stores a valid number (trimmed) and removes it with null', async () => {
    expect((await patch({ phone: ' +14155550123 ' })).body.account.phone).toBe('+14155550123');
    expect((await me(user.cookie)).body.account).toMatchObject({
      email: user.email,
      phone: '+14155550123',
    });
    expect((await patch({ phone: null })).body.account.phone).toBeNull();
  });
});

describe('change password', () => {
  it('checks the current password, then signs out the other sessions and keeps this one', async () => {
    const user = await signUp('change');
    const elsewhere = cookieFrom((await signIn(user.email, user.password)).headers);
    const post = (body: unknown) =>
      call(changePassword, {
        method: 'POST',
        path: '/api/account/password',
        cookie: user.cookie,
        body,
      });

    const wrong = await post({
      currentPassword: 'not-my-password',
      newPassword: 'a-new-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'does not match your password' });
    const short = await post({ currentPassword: user.password, newPassword: 'short' });
    expect(short.body.error.fields).toEqual({ newPassword: 'must be at least 8 characters' });

    const changed = await post({ currentPassword: user.password, newPassword: 'a-new-password-1' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ changed: true });

    expect((await me(cookieFrom(changed.headers))).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, 'a-new-password-1')).status).toBe(200);
  });
});
