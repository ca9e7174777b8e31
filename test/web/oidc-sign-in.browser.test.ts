import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, newContext, screenshot } from '../harness/browser';
import { startOidcApp } from '../harness/identity-provider';
import type { TOidcApp } from '../harness/identity-provider';

const ID = MESSAGES.id;

describe('sign-in through the regency identity provider (browser, a real oidc-provider)', () => {
  let oidcApp: TOidcApp;
  let context: BrowserContext | undefined;
  let page: Page;

  before(async () => {
    oidcApp = await startOidcApp();
    context = await newContext({ baseURL: oidcApp.appUrl });
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await oidcApp?.stop();
  });

  it('signs an applicant in from a protected page and back to it, then out here and at the provider', async () => {
    oidcApp.provider.nextLogin('oidc-siti');
    await page.goto('/permohonan');
    expect(new URL(page.url()).pathname).to.equal('/masuk');
    expect(await page.locator('[data-user]').count(), 'no development users').to.equal(0);
    await checkPage(page, 'sign-in-oidc');

    // Through the provider's login and consent (answered at once by the test provider) and back.
    await Promise.all([page.waitForURL(`${oidcApp.appUrl}/permohonan`), page.locator('[data-action="sign-in-oidc"]').click()]);
    await page.getByText(ID['layout.signedInAs'].replace('{name}', 'Siti Rahayu')).waitFor();
    await checkPage(page, 'signed-in-oidc');

    // The sign-out form's redirect to the provider's end_session_endpoint passes the pages' form-action policy.
    await Promise.all([page.waitForURL((url) => url.href.startsWith(`${oidcApp.provider.issuer}/session/end`)), page.getByRole('button', { name: ID['nav.signOut'] }).click()]);
    await screenshot(page, 'oidc-provider-sign-out');
    await Promise.all([page.waitForURL(`${oidcApp.appUrl}/`), page.locator('button[name="logout"][value="yes"]').click()]);
    expect(await page.getByRole('button', { name: ID['nav.signOut'] }).count(), 'signed out').to.equal(0);
    await page.goto('/permohonan');
    expect(new URL(page.url()).pathname, 'a protected page asks to sign in again').to.equal('/masuk');
  });
});
