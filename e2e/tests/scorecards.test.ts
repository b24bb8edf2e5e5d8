import { expect, test } from '@playwright/test';
import { demoUsers, enterAsGuest, openService, signInAs } from '../guest';

test('the compliance tab shows a tab per scorecard, each with its own checks and levels', async ({
  page,
}) => {
  await openService(page, 'Checkout service');
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  const scorecards = page.getByRole('tablist', { name: 'Scorecards' });
  await expect(scorecards.getByRole('tab')).toHaveText([
    /^Production readiness · /,
    /^Security · /,
    /^Operability · /,
  ]);
  await scorecards.getByRole('tab', { name: /^Security/ }).click();
  await expect(page.getByText('About Security')).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Levels of Security' }),
  ).toContainText('hardened');
  // Only the scorecard's checks: no catalog description among them.
  await expect(
    page.getByRole('region', { name: 'Kubernetes workloads' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Catalog metadata' }),
  ).toContainText('Owner');
  await expect(page.getByText('Description', { exact: true })).toHaveCount(0);
  await page.screenshot({
    path: 'e2e/results/scorecards-compliance.png',
    fullPage: true,
  });
});

test('a group page rolls the scores of every team below it up', async ({
  page,
}) => {
  await signInAs(page, demoUsers.platform);
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
  await page.goto('/catalog/default/group/engineering');
  await expect(page.getByText('OpsReady roll-up')).toBeVisible();
  await expect(page.getByText(/^Average \d+ \/ 100$/)).toBeVisible();
  const parts = page.getByRole('table', { name: 'Where the score comes from' });
  for (const team of ['storefront', 'payments']) {
    await expect(parts.getByRole('link', { name: team })).toBeVisible();
  }
  await page.screenshot({
    path: 'e2e/results/rollup-group.png',
    fullPage: true,
  });
  await page.goto('/catalog/default/domain/commerce');
  await expect(page.getByText(/^Average \d+ \/ 100$/)).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Where the score comes from' })
      .getByRole('link', { name: 'Online Boutique' }),
  ).toBeVisible();
});

test('the policy what-if previews a candidate against the fleet, scorecard by scorecard', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.getByRole('link', { name: 'OpsReady' }).first().click();
  await page.getByRole('tab', { name: 'Policy what-if' }).click();
  const candidate = page.getByRole('textbox', {
    name: 'Candidate configuration',
  });
  await expect(candidate).toContainText('scorecards:');
  // Bronze for almost any score: whoever had no level rises.
  const text = await candidate.inputValue();
  await candidate.fill(
    text.replace(
      /name: bronze\n(\s+)minScore: \d+/,
      'name: bronze\n$1minScore: 10',
    ),
  );
  // The portal evaluates its services shortly after it starts: until then
  // there is nothing to preview.
  await expect(async () => {
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(
      page.getByText(/^\d+ of [1-9]\d* entities change level/).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByText(/rise from no level to bronze/).first(),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: /Security/ })).toBeVisible();
  // The page scrolls inside its content: the answer, not the editor above.
  await page
    .getByText(/^\d+ of \d+ entities change level/)
    .first()
    .scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/results/policy-whatif.png' });
});
