import { describe, expect, it } from 'vitest';
import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { POST as createAlert } from '@/app/api/alerts/route';
import { useAppDatabase } from '../support/app-database';
import { call, nextAddress, signUp } from '../support/route-client';

useAppDatabase();

describe('request bodies have bounds', () => {
  it('refuses a body over 64 KB with a 400 naming the body, signed in or not', async () => {
    const user = await signUp('bounds');
    const huge = { gpuModel: 'x'.repeat(70 * 1024), maxPricePerGpuHour: 1, channels: ['email'] };
    const alert = await call(createAlert, {
      method: 'POST',
      path: '/api/alerts',
      cookie: user.cookie,
      body: huge,
    });
    expect(alert.status).toBe(400);
    expect(alert.body.error.fields).toEqual({ body: 'must be at most 64 KB' });

    const signIn = await call(authPost, {
      method: 'POST',
      path: '/api/auth/sign-in/email',
      body: { email: 'a@example.com', password: 'x'.repeat(70 * 1024) },
      headers: { 'x-forwarded-for': nextAddress() },
    });
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.fields).toEqual({ body: 'must be at most 64 KB' });
  });

  it.each([
    [{ name: 'n'.repeat(101) }, { name: 'must be at most 100 characters' }],
    [{ image: 'javascript:alert(1)' }, { image: 'is not accepted' }],
  ])('refuses a sign-up with %o', async (extra, fields) => {
    const answer = await call(authPost, {
      method: 'POST',
      path: '/api/auth/sign-up/email',
      body: {
        email: `b-${Date.now()}@example.com`,
        password: 'a-long-password-1234',
        name: 'n',
        ...extra,
      },
      headers: { 'x-forwarded-for': nextAddress() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual(fields);
  });
});
