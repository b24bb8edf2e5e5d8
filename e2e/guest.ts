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

/** The demo's people (app-config.demo.yaml, auth.providers.demo.users). */
export const demoUsers = {
  paymentsOwner: 'Alan Turing, payments',
  platform: 'Ada Lovelace, platform',
};

/** Signs in as one of the demo's people, by the title the sign-in page shows. */
export async function signInAs(page: Page, title: string) {
  await page.goto('/');
  const signIn = page.getByRole('button', { name: `Sign in as ${title}` });
  await expect(signIn).toBeVisible();
  await signIn.click();
}

/**
 * Signs in as one of the demo's people and opens a service's page by its
 * entity name. The catalog first lists what the user's teams own, so the
 * page is opened by its address; the demo sign-in outlives a page load.
 */
export async function openServiceAs(
  page: Page,
  as: string,
  service: { title: string; name: string },
) {
  await signInAs(page, as);
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
  await page.goto(`/catalog/default/component/${service.name}`);
  await expect(
    page.getByRole('heading', { name: service.title }).first(),
  ).toBeVisible();
}

/** Signs in as a guest and opens a service from the catalog by its title. */
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

/**
 * Goes to the catalog afresh: through another page first, since clicking
 * Catalog while on it keeps the list it loaded, which a test waiting for a
 * new entity would read again and again.
 */
export async function reopenCatalog(page: Page) {
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Create', exact: true })
    .click();
  await expect(page).toHaveURL(/\/create/);
  await openCatalog(page);
}
