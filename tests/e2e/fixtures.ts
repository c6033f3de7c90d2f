import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';

export interface Account {
  email: string;
  password: string;
}

export const newAccount = (): Account => ({
  email: `e2e-${randomBytes(5).toString('hex')}@example.com`,
  password: `pw-${randomBytes(10).toString('hex')}`,
});

/** Fills the sign-in or sign-up form on the current page and waits to be signed in. */
export async function submitCredentials(
  page: Page,
  form: 'Sign in' | 'Create your account',
  account: Account,
) {
  const fields = page.getByRole('form', { name: form });
  await fields.getByLabel('Email').fill(account.email);
  await fields.getByLabel('Password').fill(account.password);
  await fields
    .getByRole('button', { name: form === 'Sign in' ? 'Sign in' : 'Create account' })
    .click();
  await expect(page.getByTestId('signed-in-as')).toHaveAttribute('title', account.email);
}

/** Signs a fresh user up through the sign-up page; the page is then signed in. */
export async function signUp(page: Page): Promise<Account> {
  const account = newAccount();
  await page.goto('/sign-up');
  await submitCredentials(page, 'Create your account', account);
  return account;
}

/**
 * `page` fails its test on any Content-Security-Policy violation, so every browser test also
 * proves the policy lets the app run; `account` is a freshly signed-up, signed-in user.
 */
export const test = base.extend<{ account: Account }>({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations).toEqual([]);
  },
  account: async ({ page }, use) => {
    await use(await signUp(page));
  },
});

export { expect };
