import { expect, test } from '@playwright/test';
import {
  demoUsers,
  enterAsGuest,
  openService,
  openServiceAs,
  openCatalog,
} from '../guest';

// What users do, not only read: run the checks, resolve an error, filter the
// fleet. Each acts on demo data no other test reads.

test('a service owner runs the checks now and reads the outcome', async ({
  page,
}) => {
  await openServiceAs(page, demoUsers.paymentsOwner, {
    title: 'Payment service',
    name: 'paymentservice',
  });
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  await expect(page.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  await page.getByRole('button', { name: 'Run checks now' }).click();
  // The outcome says what changed (or that nothing did), in words.
  await expect(page.getByRole('status')).toHaveText(/score/i);
  await expect(
    page.getByRole('button', { name: 'Run checks now' }),
  ).toBeEnabled();
});

test('a platform engineer on call resolves an error with notes, and it leaves the open list', async ({
  page,
}) => {
  await openServiceAs(page, demoUsers.platform, {
    title: 'Storefront web',
    name: 'frontend',
  });
  await page.getByRole('link', { name: 'Errors', exact: true }).click();
  await page.getByRole('button', { name: /Time range/ }).click();
  await page.getByRole('option', { name: 'Last 30 days' }).click();
  const error = page.getByRole('button', {
    name: /Product page p95 render time above 800 ms/,
  });
  await error.click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Product pages load slowly.')).toBeVisible();
  await dialog
    .getByLabel('Resolution notes')
    .fill('Image thumbnails cached at the edge; p95 back to 310 ms.');
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await expect(dialog).toBeHidden();

  // The list shows open errors: the resolved one leaves it, and is found
  // among the resolved.
  await expect(error).toBeHidden();
  await page.getByRole('button', { name: /Status/ }).click();
  await page.getByRole('option', { name: 'resolved' }).click();
  await expect(error).toBeVisible();
});

test('a platform engineer filters the fleet by team', async ({ page }) => {
  await enterAsGuest(page);
  await page.getByRole('link', { name: 'OpsReady' }).first().click();
  const entities = page.getByRole('heading', { name: /^Entities \(\d+\)$/ });
  await expect(entities).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Checkout service' }),
  ).toBeVisible();

  await page.getByRole('button', { name: /Owner/ }).click();
  await page.getByRole('option', { name: 'group:default/storefront' }).click();
  // Storefront's services stay in the entities table; payments' go.
  const table = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Entity' }) });
  await expect(table.getByRole('link', { name: 'Cart service' })).toBeVisible();
  await expect(
    table.getByRole('link', { name: 'Checkout service' }),
  ).toBeHidden();
});

test('the demo services answer their health probes: checkout up, payment down', async ({
  page,
}) => {
  // The first probes run seconds after start-up; a state needs two
  // successes (up) or three failures (down) in a row.
  test.setTimeout(180_000);
  await enterAsGuest(page);
  const health = page
    .locator('.MuiCard-root', { hasText: 'OpsReady' })
    .getByLabel('Health');
  for (const [title, state] of [
    ['Checkout service', 'production Up'],
    ['Payment service', 'production Down'],
  ]) {
    await expect(async () => {
      await openCatalog(page);
      await page.getByRole('link', { name: title }).click();
      await expect(health).toHaveText(`Health: ${state}`, { timeout: 5_000 });
    }).toPass({ timeout: 150_000 });
  }
});
