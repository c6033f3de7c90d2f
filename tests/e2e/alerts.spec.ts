import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';

// State-changing API calls must come from our own origin, as the browser's do.
const clearSimulatedPrices = (request: APIRequestContext, origin: string) =>
  request.delete('/api/simulator/prices', { data: {}, headers: { origin } });

// The market test that runs after this one must see the simulated market as it is.
test.afterEach(async ({ page, baseURL }) => {
  await clearSimulatedPrices(page.request, baseURL!);
});

test('an RTX 4090 alert below $0.35/h in US-East fires by email into the outbox, then is edited and deleted', async ({
  page,
  account,
  baseURL,
}) => {
  expect(account.email).toContain('@');
  const request = page.request;
  // Start from a price above the bound, so the alert cannot fire before the simulator pushes it down.
  await clearSimulatedPrices(request, baseURL!);
  expect(
    (
      await request.post('/api/simulator/prices', {
        data: { gpuModel: 'RTX 4090', region: 'US-East', pricePerGpuHour: 0.5 },
        headers: { origin: baseURL! },
      })
    ).status(),
  ).toBe(201);
  await expect
    .poll(
      async () => {
        const answer = await (
          await request.get('/api/offers?gpu=RTX%204090&region=US-East&available=any')
        ).json();
        return (
          answer.offers.length > 0 &&
          answer.offers.every(
            (offer: { spotPricePerGpuHour: number }) => offer.spotPricePerGpuHour === 0.5,
          )
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  await page.goto('/alerts');
  const form = page.getByRole('form', { name: 'Create price alert' });
  await form.getByLabel('GPU', { exact: true }).selectOption('RTX 4090');
  await form.getByLabel('Max $ / GPU-hour').fill('0.35');
  await form.getByLabel('Region or location').selectOption('US-East');
  await expect(form.getByLabel('Email')).toBeChecked();
  await form.getByRole('button', { name: 'Create alert' }).click();

  const row = page.getByRole('table', { name: 'Your price alerts' }).locator('tbody tr').first();
  await expect(row.getByTestId('alert-rule')).toHaveText('RTX 4090 ≤ $0.350/GPU-h');
  await expect(row).toContainText('US-East');
  await expect(row.getByTestId('alert-state')).toHaveText('armed');

  const simulator = page.getByRole('form', { name: 'Push a simulated price' });
  await simulator.getByRole('combobox', { name: 'Simulated GPU' }).selectOption('RTX 4090');
  await simulator.getByRole('combobox', { name: 'Simulated place' }).selectOption('US-East');
  await simulator.getByRole('spinbutton', { name: 'Simulated $ / GPU-hour' }).fill('0.30');
  await simulator.getByRole('button', { name: 'Push price' }).click();
  await expect(page.getByRole('list', { name: 'Simulated prices' })).toContainText(
    '1× RTX 4090 in US-East: $0.300/GPU-h',
  );

  await expect(row.getByTestId('alert-state')).toHaveText('fired', { timeout: 40_000 });
  await expect(row.getByTestId('alert-last-fired')).toContainText('$0.300/GPU-h');
  // Every RTX 4090 host in US-East now asks $0.30; which one is free at this moment varies.
  await expect(row.getByTestId('alert-last-fired')).toContainText(
    /\d× RTX 4090 in US-East on Simulated market/,
  );

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Notifications' })
    .click();
  await expect(
    page.getByRole('status').filter({
      hasText: 'Email is not configured on this server: messages are kept in your outbox here.',
    }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Email outbox' }).click();
  const mail = page
    .getByRole('list', { name: 'Email outbox' })
    .locator('li')
    .filter({ hasText: 'RTX 4090 at $0.300/GPU-h in US-East' });
  await expect(mail).toHaveCount(1);
  await expect(mail.getByTestId('notification-state')).toHaveText('in outbox');
  await expect(mail.getByTestId('notification-delivery')).toHaveText('kept in your outbox');
  await expect(mail.getByTestId('notification-body')).toContainText(
    'RTX 4090 is at $0.300 per GPU-hour in US-East (US) on Simulated market, at or below your $0.350 alert. Rent it: http',
  );

  await page.getByRole('button', { name: 'All notifications' }).click();
  const item = page
    .getByRole('list', { name: 'Notifications', exact: true })
    .locator('li')
    .filter({ hasText: 'RTX 4090 at $0.300/GPU-h' });
  await expect(item).toHaveCount(1);
  await item
    .getByRole('link', { name: /^Rent the \d× RTX 4090 in US-East on Simulated market$/ })
    .click();
  await expect(page.getByTestId('offer-name')).toHaveText(/^(\d× )?RTX 4090 in US-East$/);
  await expect(page.getByTestId('offer-price')).toContainText('$0.300/GPU-h');
  await expect(page.getByRole('button', { name: 'Rent' })).toBeEnabled();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Alerts' })
    .click();
  await row.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit price alert' });
  await expect(dialog.getByLabel('Region or location')).toHaveValue('US-East');
  await dialog.getByLabel('Max $ / GPU-hour').fill('0.25');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('alert-rule')).toHaveText('RTX 4090 ≤ $0.250/GPU-h');
  await expect(row.getByTestId('alert-state')).toHaveText('armed');

  page.once('dialog', (confirm) => void confirm.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No price alerts yet')).toBeVisible();
});

test('Settings → Notifications shows each channel, and an SMS without Twilio fails with the reason', async ({
  page,
  account,
}) => {
  expect(account.email).toContain('@');
  await page.goto('/settings/notifications');
  await expect(page.getByRole('region', { name: 'Email' })).toContainText(
    'Email is not configured on this server: messages are kept in your outbox here.',
  );
  await expect(
    page
      .getByRole('region', { name: 'Web push' })
      .getByRole('button', { name: 'Enable push on this device' }),
  ).toBeVisible();
  const sms = page.getByRole('region', { name: 'SMS' });
  await expect(sms).toContainText('Unavailable: SMS is not configured on this server');
  await sms.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByText('Test queued.')).toBeVisible();

  await page.goto('/notifications');
  const test = page
    .locator('li[data-channel="sms"]')
    .filter({ hasText: 'Test notification from Spot Market' })
    .first();
  await expect(test.getByTestId('notification-state')).toHaveText('failed', { timeout: 20_000 });
  await expect(test.getByTestId('notification-delivery')).toContainText(
    'SMS is not configured on this server (TWILIO_ACCOUNT_SID',
  );
});
