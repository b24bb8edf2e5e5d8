import { expect, test } from '@playwright/test';
import { enterAsGuest, reopenCatalog } from '../guest';

// scripts/e2e.sh empties the directory templates publish into before each
// run, so the name is free.
const SERVICE = 'refund-service';

test('a developer creates a service from the node-service golden template and finds it in the catalog, scored', async ({
  page,
}) => {
  // Rendering, verifying and publishing a repository, then the catalog
  // reading it, takes longer than browsing.
  test.setTimeout(240_000);
  await enterAsGuest(page);

  // Create… in the sidebar (a full page load would sign the guest out).
  await expect(
    page.getByRole('link', { name: 'Checkout service' }),
  ).toBeVisible();
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Create' })
    .click();
  const card = page.locator('.MuiCard-root', {
    hasText: 'Node.js service (TypeScript)',
  });
  await card.getByRole('button', { name: 'Choose' }).click();

  // The service.
  await page.getByLabel('Name').fill(SERVICE);
  await page
    .getByLabel('Description')
    .fill('Refunds orders that were paid but not shipped.');
  await page.getByLabel('Owner').fill('payments');
  await page.getByRole('option', { name: /payments/i }).click();
  await page.getByLabel('System').fill('boutique');
  await page.getByRole('option', { name: /online.boutique/i }).click();
  await page.screenshot({
    path: 'e2e/results/create-node-service.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Next' }).click();

  // How it runs: the defaults (standard tier, production, port 8080).
  await expect(page.getByLabel('Port')).toHaveValue('8080');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run: every step, the verification of the golden checks among them.
  await expect(page.getByText('Verify the golden checks')).toBeVisible();
  await expect(page.getByTestId('text-output-box')).toContainText(
    /refund-service reaches level gold with a score of \d+/,
    { timeout: 180_000 },
  );
  await page.screenshot({
    path: 'e2e/results/create-node-service-done.png',
    fullPage: true,
  });

  // The new service appears in the catalog within seconds (the publish
  // step asks the catalog to read its location again): look, as a user
  // would, by going back to the catalog until it is listed.
  const catalogLink = page.getByRole('link', { name: SERVICE });
  await expect(async () => {
    await reopenCatalog(page);
    await expect(catalogLink).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await catalogLink.click();
  await expect(
    page.getByRole('heading', { name: SERVICE }).first(),
  ).toBeVisible();
  const opsready = page.locator('.MuiCard-root', { hasText: 'OpsReady' });
  await expect(opsready.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  await page.screenshot({
    path: 'e2e/results/created-service-overview.png',
    fullPage: true,
  });

  // OpsReady knows the service came from a template: it is not failed for
  // not having deployed yet.
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  await expect(
    page.getByText(
      /^New service: created less than an hour ago and not deployed to production yet/,
    ),
  ).toBeVisible();
});
