import { expect, test } from '@playwright/test';
import { enterAsGuest, openService } from '../guest';

test('the compliance tab lists every check by category with its fix', async ({
  page,
}) => {
  await openService(page, 'Checkout service');
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  await expect(page.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  await expect(
    page.getByRole('region', { name: 'Catalog metadata' }),
  ).toBeVisible();
  await expect(page.getByText('How to fix').first()).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/checkoutservice-compliance.png',
    fullPage: true,
  });
});

test('the deployments tab shows DORA, versions by environment and the rollback', async ({
  page,
}) => {
  await openService(page, 'Checkout service');
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Deployment frequency' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Versions by environment' }),
  ).toBeVisible();
  // The demo fleet rolled checkoutservice back from v0.10.6 to v0.10.5.
  await expect(
    page.getByText('Rollback', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/checkoutservice-deployments.png',
    fullPage: true,
  });
});

test('the errors tab charts and lists the open errors, and the timeline', async ({
  page,
}) => {
  await openService(page, 'Payment service');
  await page.getByRole('link', { name: 'Errors', exact: true }).click();
  await page.getByRole('button', { name: /Time range/ }).click();
  await page.getByRole('option', { name: 'Last 30 days' }).click();
  await expect(page.getByText('Errors over time')).toBeVisible();
  await expect(
    page.getByRole('button', { name: /payment provider timed out/ }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/paymentservice-errors.png',
    fullPage: true,
  });
});

test('the fleet page ranks teams and links every entity', async ({ page }) => {
  await enterAsGuest(page);
  await page.getByRole('link', { name: 'OpsReady' }).first().click();
  await expect(
    page.getByRole('heading', { name: /^Entities \(\d+\)$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Owners by average score' }),
  ).toBeVisible();
  await page.screenshot({ path: 'e2e/results/fleet.png', fullPage: true });
  await page.getByRole('link', { name: 'Checkout service' }).click();
  await expect(
    page.getByRole('heading', { name: 'Checkout service' }).first(),
  ).toBeVisible();
});
