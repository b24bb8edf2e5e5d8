import { expect, Page, test } from '@playwright/test';
import { openService } from '../guest';

/**
 * Opens one of the service's tabs until what the Kubernetes collector
 * records shows: it reads the demo cluster through the Kubernetes backend
 * plugin seconds after start-up, and a tab shows what was there when it
 * opened.
 */
async function openTabUntil(
  page: Page,
  tab: string,
  shown: () => Promise<void>,
) {
  await expect(async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByRole('link', { name: tab, exact: true }).click();
    await shown();
  }).toPass({ timeout: 120_000 });
}

test("the demo cluster's crash-looping pod is an open error on the payment service", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openService(page, 'Payment service');
  const crashLoop = page.getByRole('button', {
    name: /Container server keeps crashing: CrashLoopBackOff/,
  });
  await openTabUntil(page, 'Errors', () =>
    expect(crashLoop).toBeVisible({ timeout: 5_000 }),
  );
  await crashLoop.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('in cluster demo');
  await expect(dialog).toContainText('Deployment boutique/paymentservice');
});

test("the demo cluster's rollout history, rollback included, is on the checkout service's deployments", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openService(page, 'Checkout service');
  const versions = page.getByRole('table', { name: 'Versions by environment' });
  // The cluster rolled checkoutservice back from v0.10.6 to v0.10.5.
  await openTabUntil(page, 'Deployments', () =>
    expect(versions).toContainText('v0.10.5', { timeout: 5_000 }),
  );
  await expect(versions).toContainText('demo');
  await page.getByRole('button', { name: /Environment/ }).click();
  await page.getByRole('option', { name: 'demo', exact: true }).click();
  // Each revision the cluster kept is a deployment by kubernetes in the
  // history: the one rolled back from is a change failure, and going back
  // to v0.10.5 is marked a rollback. A history row names its environment
  // (the versions table's rows do not) and starts its version cell with
  // the version ("v0.10.5 (from v0.10.4)").
  const deployed = (version: string) =>
    page
      .getByRole('row')
      .filter({ hasText: 'demo' })
      .filter({
        has: page.getByRole('cell', {
          name: new RegExp(`^${version.replace(/\./g, '\\.')}\\b`),
        }),
      });
  await expect(deployed('v0.10.4')).toContainText('kubernetes');
  await expect(deployed('v0.10.6')).toContainText('Change failure');
  await expect(
    deployed('v0.10.5').filter({ hasText: 'Rollback' }),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/checkoutservice-kubernetes-deployments.png',
    fullPage: true,
  });
});
