import { expect, test } from './fixtures';

// The whole pipeline from the browser: failover on, rent, simulate the provider's notice, watch
// the machine go to a standby, then raise this machine's restore bound and watch it come back.
test('a rented GPU fails over to a CPU standby and is restored onto a GPU', async ({
  page,
  account,
}) => {
  expect(account.email).toContain('@');
  await page.goto('/settings/failover');
  const settings = page.getByRole('form', { name: 'Failover settings' });
  await settings.getByLabel('Fail over to a CPU standby automatically').check();
  await expect(settings.getByRole('radio', { name: /e2-standard-4/ })).toBeChecked();
  // A bound no offer meets yet: the work must wait on the standby.
  await settings.getByRole('radio', { name: /At most/ }).check();
  await settings.getByLabel('Restore price bound ($ per GPU-hour)').fill('0.01');
  await settings.getByRole('button', { name: 'Save failover settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');

  await page.goto('/?gpu=RTX+4090');
  const offer = page.getByRole('table', { name: 'Spot offers' }).locator('tbody tr').first();
  await offer.getByRole('button', { name: 'Rent' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Rent for/ })
    .click();
  await page.getByRole('link', { name: 'Go to Machines' }).click();
  await page
    .getByRole('table', { name: 'Your machines' })
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /RTX 4090/ })
    .click();

  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
  const state = page.getByTestId('rental-state');
  await expect(state).toHaveText('running', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Simulate interruption' }).click();

  const timeline = page.getByRole('list', { name: 'Failover timeline' });
  await expect(state).toHaveText('on standby', { timeout: 60_000 });
  for (const step of ['detect', 'sync', 'standby', 'notify']) {
    await expect(timeline.locator(`[data-step="${step}"]`)).toHaveAttribute(
      'data-step-state',
      'succeeded',
    );
  }
  await expect(timeline.locator('[data-step="sync"]')).toContainText('rentals/');
  await expect(timeline.locator('[data-step="standby"]')).toContainText('restored and verified');
  await expect(timeline.locator('[data-step="restore"]')).toHaveAttribute(
    'data-step-state',
    'waiting',
  );
  await expect(page.getByTestId('standby-cost')).toContainText('e2-standard-4 at $0.150/h');

  // This machine may now go back at any price up to $5 per GPU-hour.
  const override = page.getByRole('form', { name: 'Failover for this machine' });
  await override.getByRole('radio', { name: 'Override them for this machine' }).check();
  await override.getByLabel('Restore price bound ($ per GPU-hour)').fill('5');
  await override.getByRole('button', { name: 'Save for this machine' }).click();
  await expect(override.getByRole('status')).toHaveText('Saved.');

  await expect(state).toHaveText('restored', { timeout: 90_000 });
  await expect(timeline.locator('[data-step="restore"]')).toHaveAttribute(
    'data-step-state',
    'succeeded',
  );
  await expect(page.getByTestId('cost-split')).toContainText('standby $');
});

test('the failover settings name a bad field', async ({ page, account }) => {
  expect(account.email).toContain('@');
  await page.goto('/settings/failover');
  const settings = page.getByRole('form', { name: 'Failover settings' });
  await settings.getByLabel('Checkpoint every (minutes)').fill('0');
  await settings.getByRole('button', { name: 'Save failover settings' }).click();
  await expect(settings.getByRole('alert')).toContainText('checkpointIntervalMinutes');
});
