import { expect, newAccount, signUp, submitCredentials, test } from './fixtures';

test('sign up, sign out, sign in, rent, and a second user sees nothing of the machine', async ({
  page,
  browser,
}) => {
  // A visitor asking for Machines is sent to sign in, and comes back after signing up.
  await page.goto('/machines');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fmachines$/);
  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Fmachines$/);
  const account = newAccount();
  await submitCredentials(page, 'Create your account', account);
  await expect(page).toHaveURL(/\/machines$/);
  await expect(page.getByText('You have no machines yet')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }),
  ).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  await page.goto('/sign-in');
  await submitWrongPassword(page, account.email);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await page.reload();
  await submitCredentials(page, 'Sign in', account);
  await expect(page).toHaveURL(/\/$/);

  const firstOffer = page.getByRole('table', { name: 'Spot offers' }).locator('tbody tr').first();
  await firstOffer.getByRole('button', { name: 'Rent' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Rent for/ })
    .click();
  await expect(page.getByRole('dialog', { name: 'Machine rented' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Machines' }).click();
  const machine = page.getByRole('table', { name: 'Your machines' }).locator('tbody tr');
  await expect(machine).toHaveCount(1);
  const rentalId = await machine.getAttribute('data-rental-id');
  expect(rentalId).toMatch(/^[0-9a-f-]{36}$/);

  // Another person, in a browser of their own.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  await otherPage.goto('/machines');
  await expect(otherPage.getByText('You have no machines yet')).toBeVisible();
  const list = await otherPage.request.get('/api/rentals');
  expect(await list.json()).toEqual({ rentals: [] });
  const direct = await otherPage.request.get(`/api/rentals/${rentalId}`);
  expect(direct.status()).toBe(404);
  expect(await direct.json()).toEqual({
    error: { code: 'not_found', message: 'Rental not found' },
  });
  await other.close();

  // The owner still has it.
  const own = await page.request.get(`/api/rentals/${rentalId}`);
  expect(own.status()).toBe(200);
});

test('the account page saves a phone number and refuses a malformed one', async ({
  page,
  account,
}) => {
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(account.email);
  const phone = page.getByRole('form', { name: 'Phone number' });

  await phone.getByLabel('Phone number').fill('415 555 0123');
  await phone.getByRole('button', { name: 'Save phone number' }).click();
  await expect(phone).toContainText('must be in international format, e.g. +14155550123');

  await phone.getByLabel('Phone number').fill('+14155550123');
  await phone.getByRole('button', { name: 'Save phone number' }).click();
  await expect(phone.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(
    page.getByRole('form', { name: 'Phone number' }).getByLabel('Phone number'),
  ).toHaveValue('+14155550123');
});

async function submitWrongPassword(page: import('@playwright/test').Page, email: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill('not-the-right-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
}

test('a visitor who tries to rent is asked to sign in and comes back to the same market view', async ({
  page,
}) => {
  await page.goto('/?gpu=RTX+4090');
  const firstOffer = page.getByRole('table', { name: 'Spot offers' }).locator('tbody tr').first();
  await firstOffer.getByRole('button', { name: 'Rent' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Rent for/ })
    .click();
  await page.getByRole('dialog').getByRole('link', { name: 'Sign in to rent' }).click();

  await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Fgpu%3DRTX%2B4090$/);
  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await submitCredentials(page, 'Create your account', newAccount());
  await expect(page).toHaveURL(/\/\?gpu=RTX\+4090$/);
  await expect(
    page.getByRole('form', { name: 'Filter offers' }).getByLabel('GPU', { exact: true }),
  ).toHaveValue('RTX 4090');
});
