import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { demoUsers, openServiceAs } from '../guest';

// The demo fleet publishes legacy-billing into the directory the end-to-end
// portal's catalog reads (scripts/e2e.sh), with manifests that fail the
// probes, resources and PodDisruptionBudget checks.
const REPOSITORY = join(
  __dirname,
  '..',
  '..',
  '.data',
  'e2e-repositories',
  'legacy-billing',
);
const SERVICE = { title: 'legacy-billing', name: 'legacy-billing' };

function git(...args: string[]): string {
  return execFileSync('git', ['-C', REPOSITORY, ...args], {
    encoding: 'utf8',
  }).trim();
}

async function scoreOf(page: import('@playwright/test').Page) {
  const text = await page.getByLabel('Compliance score').innerText();
  return Number(/Score (\d+)/.exec(text)![1]);
}

test('an owner fixes legacy-billing from its compliance tab: a verified branch, merged, and the score rises', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openServiceAs(page, demoUsers.paymentsOwner, SERVICE);
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  await expect(page.getByLabel('Compliance score')).toHaveText(
    /^Score \d+ \/ 100$/,
  );
  const before = await scoreOf(page);

  // Every fixable failing check at once: probes, resources, the budget.
  await page.getByRole('button', { name: /Fix all fixable/ }).click();
  await expect(
    page.getByRole('heading', { name: 'Fix OpsReady checks' }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const output = page.getByTestId('text-output-box');
  await expect(output).toContainText(
    'kubernetes.probes, kubernetes.resources, kubernetes.pdb pass after the fix and no other check got worse',
    { timeout: 180_000 },
  );
  await expect(output).toContainText('readinessProbe');
  await expect(output).toContainText('kind: PodDisruptionBudget');
  await expect(output).toContainText(
    /git -C \S+legacy-billing merge --ff-only opsready\/fix-/,
  );
  await page.screenshot({ path: 'e2e/results/fix-run.png', fullPage: true });

  // One commit on a branch of its own; main and its files untouched.
  const branches = git('branch', '--list', 'opsready/*');
  const branch = branches.replace('*', '').trim();
  expect(branch).toMatch(/^opsready\/fix-/);
  expect(git('rev-list', '--count', `main..${branch}`)).toBe('1');
  expect(git('status', '--porcelain')).toBe('');

  // Back on the tab, each check the branch fixes says so, with the branch.
  const compliance =
    '/catalog/default/component/legacy-billing/opsready-compliance';
  await page.goto(compliance);
  await expect(page.getByText('Fix proposed', { exact: true })).toHaveCount(3);
  await expect(page.getByText(branch).first()).toBeVisible();
  await page
    .getByRole('region', { name: 'Kubernetes workloads' })
    .screenshot({ path: 'e2e/results/fix-proposed.png' });

  // Merged as the run's output says, then the checks run again: the
  // score rises and the proposals, their checks passing, are gone.
  git('merge', '--ff-only', branch);
  await page.getByRole('button', { name: 'Run checks now' }).click();
  await expect(async () => {
    expect(await scoreOf(page)).toBeGreaterThan(before);
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText('Fix proposed', { exact: true })).toHaveCount(0);
  await page.screenshot({
    path: 'e2e/results/fix-merged.png',
    fullPage: true,
  });
});
