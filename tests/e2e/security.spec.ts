import { expect, test } from '@playwright/test';

/** Against the production build the e2e run starts (scripts/start.ts builds and serves it). */
const answers = [
  { path: '/', status: 200, page: true },
  { path: '/sign-in', status: 200, page: true },
  { path: '/machines', status: 307, page: true },
  { path: '/api/offers?limit=1', status: 200, page: false },
  { path: '/api/health', status: 200, page: false },
  { path: '/api/rentals', status: 401, page: false },
];

for (const { path, status, page } of answers) {
  test(`${path} answers ${status} with the security headers`, async ({ request }) => {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(status);
    const headers = response.headers();
    const policy = headers['content-security-policy'] ?? '';

    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
    if (page) expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    else expect(policy).toBe(`default-src 'none'; frame-ancestors 'none'`);
  });
}

test('each page render gets its own nonce, and Next.js scripts carry it', async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get('/');
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test('the session cookie is httpOnly and SameSite=Lax, and a cross-site POST with it is refused', async ({
  request,
  baseURL,
}) => {
  const email = `e2e-${Date.now()}@example.com`;
  const signUp = await request.post('/api/auth/sign-up/email', {
    headers: { origin: baseURL! },
    data: { email, password: 'long-enough-password', name: 'e2e' },
  });
  expect(signUp.status()).toBe(200);
  const cookie = signUp.headers()['set-cookie'] ?? '';
  expect(cookie).toMatch(/better-auth\.session_token=/);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).not.toMatch(/Secure/); // served over plain http on loopback

  const body = { phone: '+14155550123' };
  const crossSite = await request.patch('/api/account', {
    headers: { origin: 'https://evil.example' },
    data: body,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toEqual({
    error: { code: 'forbidden', message: 'Cross-site request refused' },
  });

  const sameSite = await request.patch('/api/account', {
    headers: { origin: baseURL! },
    data: body,
  });
  expect(sameSite.status()).toBe(200);
});
