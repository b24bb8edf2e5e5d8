import { expect, test } from '@playwright/test';
import { demoUsers, openServiceAs } from '../guest';

test('explore', async ({ page }) => {
  test.setTimeout(200_000);
  await openServiceAs(page, demoUsers.platform, {
    title: 'Cart service',
    name: 'cartservice',
  });
  await expect(page.getByRole('heading', { name: 'Service level' })).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: 'e2e/results/slo-overview.png', fullPage: true });
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await page.waitForTimeout(4000);
  await page.screenshot({ path: 'e2e/results/slo-deployments.png', fullPage: true });
});
