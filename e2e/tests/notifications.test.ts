import { expect, Page, test } from '@playwright/test';
import { demoUsers, openServiceAs, signInAs } from '../guest';

// What OpsReady tells people, in the demo: the payment service is down for
// good, the cart service flaps every 45 s. The end-to-end portal reminds of
// an outage every 20 s (e2e/app-config.e2e.yaml).

const paymentDown = /Payment service is (still )?down in production/;

/**
 * The OpsReady notifications in the bell's page whose title matches,
 * searched for as a user would: the demo tells the payments team of more
 * than one page of things (burn-rate pages, crash loops, campaigns).
 */
async function notificationsMatching(
  page: Page,
  title: RegExp,
  search: string,
) {
  await page.goto('/notifications');
  await expect(
    page.getByRole('heading', { name: 'Notifications' }).first(),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill(search);
  const rows = page.getByRole('row').filter({ hasText: title });
  return rows;
}

test("the payment service's outage is one notification in a payments engineer's bell, updated rather than repeated", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, demoUsers.paymentsOwner);
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();

  let rows = await notificationsMatching(
    page,
    paymentDown,
    'Payment service is',
  );
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  const first = await rows.first().innerText();
  await page.screenshot({ path: 'e2e/results/notifications-bell.png' });

  // Over a minute of the outage going on: still one, and it changes.
  const deadline = Date.now() + 75_000;
  let latest = first;
  while (latest === first && Date.now() < deadline) {
    await page.waitForTimeout(10_000);
    rows = await notificationsMatching(page, paymentDown, 'Payment service is');
    await expect(rows).toHaveCount(1);
    latest = await rows.first().innerText();
  }
  expect(latest).not.toEqual(first);
  expect(latest).toMatch(
    /Payment service is still down in production \(for \d+ min\)/,
  );
});

test('a maintenance window declared on the entity page holds the next notification', async ({
  page,
}) => {
  // The cart service flaps every 45 s; its next change comes within two
  // minutes of declaring the window.
  test.setTimeout(240_000);
  const cartservice = { title: 'Cart service', name: 'cartservice' };
  await openServiceAs(page, demoUsers.platform, cartservice);
  await page.getByRole('link', { name: 'Errors', exact: true }).click();

  await page.getByRole('button', { name: 'Declare maintenance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare maintenance' });
  await dialog.getByLabel('Reason').fill('Redis failover drill');
  await dialog.getByRole('button', { name: 'Declare window' }).click();
  await expect(
    page.getByText('Maintenance declared: Redis failover drill'),
  ).toBeVisible();

  // The timeline says what was held, and until when; nobody was told.
  const held = page
    .getByRole('listitem')
    .filter({ hasText: /Owners told: Cart service is/ })
    .filter({ hasText: /Held: maintenance until/ });
  const deadline = Date.now() + 150_000;
  while ((await held.count()) === 0 && Date.now() < deadline) {
    await page.waitForTimeout(10_000);
    await page.reload();
  }
  await expect(held.first()).toBeVisible();
  await held.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/results/maintenance-held.png' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'e2e/results/maintenance-window.png' });
});
