import { expect, test } from '@playwright/test';
import { enterAsGuest } from '../guest';

test('a guest opens a demo service and reads its OpsReady score and checks', async ({
  page,
}) => {
  await enterAsGuest(page);

  // The catalog lists the demo services; open the checkout service.
  await page.getByRole('link', { name: 'Checkout service' }).click();
  await expect(
    page.getByRole('heading', { name: 'Checkout service' }).first(),
  ).toBeVisible();

  const card = page.locator('.MuiCard-root', { hasText: 'OpsReady' });
  await expect(card.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  await expect(card.getByText(/^(Level: \w+|No level yet)$/)).toBeVisible();
  await expect(card.getByLabel('Check counts')).toHaveText(/\d+ passing/);
  // What needs attention is listed with the reason: it has no docs link.
  await expect(card.getByText('Needs attention')).toBeVisible();
  await expect(
    card.getByText(/^No TechDocs and no documentation link/),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/checkoutservice-overview.png',
    fullPage: true,
  });
});

test('a service missing catalog metadata shows what fails and why', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.getByRole('link', { name: 'productcatalogservice' }).click();

  const card = page.locator('.MuiCard-root', { hasText: 'OpsReady' });
  await expect(card.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  await expect(card.getByLabel('Check counts')).toHaveText(/\d+ failing/);
  await expect(card.getByText('No description is set.')).toBeVisible();
  await expect(card.getByText('Not part of any system.')).toBeVisible();
});
