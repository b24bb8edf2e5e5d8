import { Entity } from '@backstage/catalog-model';
import { expect, Page, test } from '@playwright/test';
import { publishEntity } from '../catalogFiles';
import { demoUsers, signInAs } from '../guest';

// A platform engineer launches a campaign from the OpsReady page, its team
// sees it on the service, the service is fixed, and after "Run checks now"
// the campaign shows it done.

const NAME = 'ledger-service';
const CAMPAIGN = 'Every ledger service links its documentation';

const ledger = (links: Entity['metadata']['links'] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: NAME,
    description: 'Keeps the double-entry ledger of payments.',
    tags: ['ledger'],
    links,
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
    system: 'online-boutique',
  },
});

async function openCampaigns(page: Page) {
  await page.goto('/opsready/campaigns');
  await expect(page.getByRole('tab', { name: 'Campaigns' })).toBeVisible();
}

test('a campaign launched from the OpsReady page is on the service it asks, and moves when the service is fixed', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await publishEntity(ledger(), stored => !stored.metadata.links?.length);

  await signInAs(page, demoUsers.platform);
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
  await openCampaigns(page);
  await page.getByRole('button', { name: 'Launch a campaign' }).click();
  const form = page.getByRole('dialog', { name: 'Launch a campaign' });
  await form.getByLabel('Name').fill(CAMPAIGN);
  await form.getByLabel('Owner group').fill('group:default/platform');
  await form
    .getByLabel('Description')
    .fill('Link the runbook and the docs from the catalog entity.');
  await form.getByLabel('Checks that must pass').click();
  await page.getByRole('option', { name: /Documentation/ }).click();
  await page.keyboard.press('Escape');
  await form.getByLabel('Tags').fill('ledger');
  await form.getByLabel('Tags').press('Enter');
  await expect(form.getByText(/Matches 1 entity/)).toBeVisible();
  await page.screenshot({ path: 'e2e/results/campaign-form.png' });
  await form.getByRole('button', { name: 'Launch' }).click();
  await expect(form).toBeHidden();

  // Its page: nothing done yet.
  await expect(page.getByRole('heading', { name: CAMPAIGN })).toBeVisible();
  await expect(
    page.getByText('0 of 1 done', { exact: true }).first(),
  ).toBeVisible();

  // The service's compliance tab says what it still needs, and by when.
  await page.goto(`/catalog/default/component/${NAME}/opsready-compliance`);
  const card = page.locator('.MuiCard-root', { hasText: 'Campaigns' });
  await expect(card.getByRole('link', { name: CAMPAIGN })).toBeVisible();
  const needs = card.getByRole('list', {
    name: `Still needed for ${CAMPAIGN}`,
  });
  await expect(needs).toContainText('Documentation');
  await expect(needs).toContainText('No TechDocs and no documentation link');
  await page.screenshot({ path: 'e2e/results/campaign-on-entity.png' });

  // The team links its docs; the catalog reads the change.
  await publishEntity(
    ledger([{ url: 'https://docs.example.com/ledger', title: 'Docs' }]),
    stored => (stored.metadata.links ?? []).length > 0,
  );
  await page.getByRole('button', { name: 'Run checks now' }).click();
  await expect(page.getByRole('status')).toHaveText(/score/i);
  await page.reload();
  const row = card.getByRole('listitem').filter({ hasText: CAMPAIGN });
  await expect(row.getByText('Done', { exact: true })).toBeVisible();
  await expect(needs).toHaveCount(0);

  // And the campaign counts it.
  await openCampaigns(page);
  await page.getByRole('link', { name: CAMPAIGN }).click();
  await expect(
    page.getByText('1 of 1 done', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/results/campaign-detail.png',
    fullPage: true,
  });
});
