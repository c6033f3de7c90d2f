import { expect, test } from './fixtures';

// Browsing the market needs no account; renting does, so the rent test signs a user up first.
test('browse, filter, sort, rent the cheapest RTX 4090 in the US and terminate it', async ({
  page,
  account,
}) => {
  await expect(page.getByTestId('signed-in-as')).toHaveAttribute('title', account.email);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Spot market' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Spot offers' })).toBeVisible();

  const filters = page.getByRole('form', { name: 'Filter offers' });
  await filters.getByLabel('GPU', { exact: true }).selectOption('RTX 4090');
  await filters.getByLabel('Region').selectOption('US');
  const maxPrice = filters.getByLabel('Max $ / GPU-hour');
  await maxPrice.fill('0.50');
  await maxPrice.press('Enter');
  await filters.getByLabel('Sort by').selectOption('availability:');
  await filters.getByLabel('Sort by').selectOption('price:');

  await expect(page).toHaveURL(/gpu=RTX\+4090/);
  await expect(page).toHaveURL(/region=US/);
  await expect(page).toHaveURL(/maxPrice=0.50/);

  const rows = page.getByRole('table', { name: 'Spot offers' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);

  // Every row matches the filters, sorted by price per GPU-hour.
  const prices: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    await expect(row.locator('td').nth(0)).toContainText('RTX 4090');
    await expect(row.locator('td').nth(1)).toContainText('US');
    const spot = await row.locator('td').nth(3).locator('div').first().innerText();
    prices.push(Number(spot.replace(/[^0-9.]/g, '')));
  }
  expect(prices.every((price) => price <= 0.5)).toBe(true);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);

  // Back undoes the last filter change, because filters live in the URL.
  await page.goBack();
  await expect(page).toHaveURL(/sort=availability/);
  await page.goForward();
  await expect(page).not.toHaveURL(/sort=availability/);

  const first = rows.first();
  await first.getByRole('button', { name: 'Rent' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Spot price');
  await expect(dialog).toContainText('On-demand price');
  await expect(dialog).toContainText('You save');
  await expect(dialog).toContainText('Interruption risk');
  await dialog.getByRole('button', { name: /^Rent for/ }).click();
  await expect(page.getByRole('dialog', { name: 'Machine rented' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Machines' }).click();

  await expect(page).toHaveURL(/\/machines$/);
  const machine = page.getByRole('table', { name: 'Your machines' }).locator('tbody tr').first();
  await expect(machine).toContainText('RTX 4090');
  await expect(machine.getByTestId('rental-state')).toHaveText(/provisioning|running/);
  await expect(machine.getByTestId('rental-state')).toHaveText('running', { timeout: 30_000 });

  page.once('dialog', (confirm) => void confirm.accept());
  await machine.getByRole('button', { name: 'Terminate' }).click();
  await expect(machine.getByTestId('rental-state')).toHaveText('terminated');
});

test('a shared link with a bad filter shows what is wrong instead of failing', async ({ page }) => {
  await page.goto('/?maxPrice=9&reliability=excellent');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('maxPrice');
  await expect(alert).toContainText('reliability');
});

test('a market page draws price history and interruptions', async ({ page }) => {
  await page.goto('/markets/rtx-4090--us');
  await expect(page.getByTestId('market-name')).toHaveText('RTX 4090 · US');
  await expect(page.getByText('Price per GPU-hour: spot vs on-demand')).toBeVisible();
  await expect(page.locator('.recharts-line').first()).toBeVisible();
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
});
