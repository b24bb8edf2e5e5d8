import { expect, Page, test } from '@playwright/test';
import {
  createOpsReadyApiClient,
  responseData,
} from '@opsready/plugin-opsready-common';
import { demoUsers, openServiceAs } from '../guest';

// The demo's Prometheus scrapes the demo services under real traffic
// (packages/demo-fleet): the cart service's error rate has climbed since
// its latest release, the storefront has been slow since its own. Both
// releases finished minutes before the demo started.

const CART = { title: 'Cart service', name: 'cartservice' };

/** The entity's own tabs, not the links of the same name in its cards. */
function tab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

test('the demo cart service burns its error budget: a page on its timeline, rollback advised, and the gate holds its releases', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openServiceAs(page, demoUsers.platform, CART);

  // Measured now, rather than waiting for the next sweep.
  await tab(page, 'Compliance').click();
  await page.getByRole('button', { name: 'Run checks now' }).click();
  await expect(page.getByRole('status')).toHaveText(/score/i, {
    timeout: 60_000,
  });

  await tab(page, 'Overview').click();
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByRole('heading', { name: 'Service level' }) });
  await expect(card.getByText('Measured from Prometheus')).toBeVisible();
  await expect(card.getByTestId('slo-error-budget')).toContainText(
    'Error budget exhausted',
  );
  await expect(
    card.getByRole('list', { name: 'Burn-rate alerts' }),
  ).toContainText('Page: the error budget burns');
  await expect(
    card.getByRole('list', { name: 'Deployments in range' }),
  ).toContainText(/1\.9\.1 to production.*Rollback advised/);
  await card.screenshot({ path: 'e2e/results/slo-panel.png' });

  // The history says why, with the figures the trigger read.
  await tab(page, 'Deployments').click();
  const release = page
    .getByRole('row')
    .filter({ hasText: 'production' })
    .filter({ hasText: '1.9.1' });
  await expect(release).toContainText('Rollback advised');
  await expect(release).toContainText(/Fired Error rate \d+(\.\d+)? %/);
  await release.getByRole('button', { name: /Rollback evidence/ }).click();
  const errorRate = page
    .getByRole('dialog')
    .getByRole('region', { name: 'Error rate trigger' });
  await expect(errorRate).toContainText(
    /Error rate \d+(\.\d+)? % since 1\.9\.1 was deployed, above 5 %/,
  );
  await errorRate.getByRole('button', { name: 'Show query' }).click();
  await expect(errorRate).toContainText('service="cartservice"');
  await page.getByRole('button', { name: 'Close' }).click();

  // The page-level burn is an error of the timeline, beside Alertmanager's
  // own alert from the golden template's rules.
  await tab(page, 'Errors').click();
  await expect(
    page.getByText(/Page: the error budget burns/).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/More than 5% of the requests to cartservice/).first(),
  ).toBeVisible({ timeout: 90_000 });

  // CI asks before deploying: a release freeze, naming the SLO.
  const api = createOpsReadyApiClient({
    baseUrl: 'http://localhost:7008/api/opsready',
    headers: { authorization: 'Bearer demo-fleet-seeder-token' },
  });
  const gate = await responseData(
    api.GET('/gate', {
      params: {
        query: {
          entityRef: 'component:default/cartservice',
          minLevel: 'bronze',
          requireErrorBudget: true,
        },
      },
    }),
  );
  expect(gate.pass).toBe(false);
  expect(gate.errorBudget).toMatchObject({
    exhausted: true,
    reason: expect.stringContaining(
      'Release freeze: the error budget of the 99.9 % availability SLO over 28 days is exhausted',
    ),
  });
});

test('the slow storefront is advised a rollback on its p95, and the fleet lists who burns fastest', async ({
  page,
}) => {
  await openServiceAs(page, demoUsers.platform, {
    title: 'Storefront web',
    name: 'frontend',
  });
  await tab(page, 'Deployments').click();
  const release = page
    .getByRole('row')
    .filter({ hasText: 'production' })
    .filter({ hasText: '1.17.1' });
  await expect(release).toContainText('Rollback advised', { timeout: 90_000 });
  await expect(release).toContainText(/Fired p95 \+\d+ %/);

  // The fleet's "burning fastest": its rows name a burn-rate alert.
  await page.getByRole('link', { name: 'OpsReady' }).first().click();
  await expect(
    page.getByRole('heading', { name: 'Burning fastest' }),
  ).toBeVisible();
  const burning = page
    .getByRole('row')
    .filter({ hasText: /the error budget burns/ });
  await expect(
    burning.filter({ hasText: 'Cart service' }).getByRole('link'),
  ).toBeVisible({ timeout: 60_000 });
  await expect(burning.filter({ hasText: 'Checkout service' })).toHaveCount(0);
});
