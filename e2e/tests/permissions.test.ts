import { expect, Page, test } from '@playwright/test';
import { demoUsers, openServiceAs } from '../guest';

// Who may do what, under the OpsReady permission policy the demo runs: an
// owner asks, the platform grants. Acts on Payment service's exemptions,
// which no other test reads.

const paymentservice = { title: 'Payment service', name: 'paymentservice' };
const cartservice = { title: 'Cart service', name: 'cartservice' };

async function openCompliance(
  page: Page,
  service: { title: string; name: string },
  as: string,
) {
  await openServiceAs(page, as, service);
  await page.getByRole('link', { name: 'Compliance', exact: true }).click();
  await expect(page.getByLabel('Compliance score')).toBeVisible();
}

test('an owner runs checks and asks for an exemption, which only the platform grants', async ({
  page: owner,
  browser,
}) => {
  // Two people sign in and open the tab in turn.
  test.setTimeout(180_000);
  await openCompliance(owner, paymentservice, demoUsers.paymentsOwner);
  await expect(
    owner.getByRole('button', { name: 'Run checks now' }),
  ).toBeEnabled();
  // An owner asks; granting is not theirs.
  await expect(
    owner.getByRole('button', { name: 'Grant an exemption' }),
  ).toHaveCount(0);
  await owner
    .getByRole('button', { name: 'Request an exemption' })
    .first()
    .click();
  const dialog = owner.getByRole('dialog');
  const title = (await dialog.getByRole('heading').textContent()) ?? '';
  const checkTitle = /“(.+)”/.exec(title)![1];
  await dialog
    .getByRole('textbox', { name: /Reason/ })
    .fill('Payments runs it behind the gateway that covers this.');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    owner.getByText(/user:default\/alan\.turing asked for an exemption until/),
  ).toBeVisible();
  await expect(
    owner.getByRole('button', { name: 'Review the request' }),
  ).toHaveCount(0);

  // Someone else, in a browser session of their own.
  const session = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  const platform = await session.newPage();
  await openCompliance(platform, paymentservice, demoUsers.platform);
  await platform.getByRole('button', { name: 'Review the request' }).click();
  const decision = platform.getByRole('dialog');
  await expect(decision).toContainText(checkTitle);
  await decision.getByRole('button', { name: 'Grant exemption' }).click();
  await expect(decision).toBeHidden();
  // In force: the check says so, and whose reason it is.
  await expect(
    platform.getByRole('button', { name: `${checkTitle} — exempt until` }),
  ).toBeVisible();
  await expect(
    platform.getByText(
      'Exempted by user:default/alan.turing: Payments runs it behind the gateway that covers this.',
    ),
  ).toBeVisible();
  await session.close();
});

test("someone else's service: run checks and ask stay disabled, saying why", async ({
  page,
}) => {
  await openCompliance(page, cartservice, demoUsers.paymentsOwner);
  const run = page.getByRole('button', { name: 'Run checks now' });
  await expect(run).toBeDisabled();
  await expect(
    page.getByTitle(
      "Only this entity's owners and the platform team may run its checks.",
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Request an exemption' }).first(),
  ).toBeDisabled();
});
