import { expect, Page } from '@playwright/test';

/**
 * Signs in as a guest, as a platform engineer trying the portal locally
 * would. The guest session lives in the page: navigate by clicking from
 * here on, since a full page load signs the guest out.
 */
export async function enterAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}

/** Signs in and opens a service from the catalog by its title. */
export async function openService(page: Page, title: string) {
  await enterAsGuest(page);
  await page.getByRole('link', { name: title }).click();
  await expect(
    page.getByRole('heading', { name: title }).first(),
  ).toBeVisible();
}

/** Goes to the catalog through the sidebar, as a user would. */
export async function openCatalog(page: Page) {
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
}
