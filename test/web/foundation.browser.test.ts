import { expect } from 'chai';
import { loadDevUsers } from '../../config/dev-users';
import { roleName } from '../../web/role-name';
import { translator } from '../../web/i18n/translate';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, freshPagePerTest, newPage, signIn } from '../harness/browser';
import { foreignTexts, keyNamesShown, visibleTexts } from '../harness/page-language';
import type { Page } from 'playwright-core';

const ID = MESSAGES.id;
const EN = MESSAGES.en;
const KEYS = Object.keys(ID);
const fill = (message: string, params: Record<string, string>) => message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');

/** No catalogue key and no text of the other language anywhere on the page. */
async function expectOneLanguage(page: Page, lang: 'id' | 'en') {
  expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
  const texts = await visibleTexts(page);
  expect(keyNamesShown(texts, KEYS), `catalogue keys shown on ${page.url()}`).to.deep.equal([]);
  expect(foreignTexts(texts, lang, [MESSAGES]), `texts of the other language on ${page.url()} (${lang})`).to.deep.equal([]);
}

describe('pages: sign-in, sessions, language, error pages (browser)', () => {
  const web = freshPagePerTest();
  const users = loadDevUsers();

  it('the development sign-in page lists every seeded user by role; signing in and out works', async () => {
    const { page } = web;
    await page.goto('/masuk');
    expect(await page.locator('h1').innerText()).to.equal(ID['signIn.title']);
    for (const user of users) {
      const row = page.locator('tr', { has: page.locator(`input[name="userId"][value="${user.id}"]`) });
      expect(await row.innerText(), user.id).to.include(roleName(user.roles[0]!, translator('id'))).and.to.include(user.name);
    }
    await checkPage(page, 'sign-in');

    await signIn(page, 'budi');
    await page.getByText(fill(ID['layout.signedInAs'], { name: 'Budi Santoso' })).waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'sahkan.sid');
    expect(session, JSON.stringify(cookies)).to.include({ httpOnly: true, sameSite: 'Lax', secure: false });
    await checkPage(page, 'home-signed-in');

    await page.getByRole('button', { name: ID['nav.signOut'] }).click();
    await page.getByRole('link', { name: ID['nav.signIn'], exact: true }).waitFor();
    expect(await page.getByText(fill(ID['layout.signedInAs'], { name: 'Budi Santoso' })).count()).to.equal(0);
    await checkPage(page, 'home-signed-out');
  });

  it('signing in needs no JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    try {
      await signIn(page, 'rahmat');
      await page.getByText(fill(ID['layout.signedInAs'], { name: users.find((u) => u.id === 'rahmat')!.name })).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('a form without its CSRF token is refused with the expired-form page, and nobody is signed in', async () => {
    const { page } = web;
    await page.goto('/masuk');
    await page.evaluate(`document.querySelectorAll('input[name="_csrf"]').forEach((input) => { input.value = 'forged'; })`);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('button[data-user="budi"]').click()]);
    expect(response.status()).to.equal(403);
    expect(await page.locator('h1').innerText()).to.equal(ID['error.csrf.title']);
    await page.goto('/');
    expect(await page.getByText(fill(ID['layout.signedInAs'], { name: 'Budi Santoso' })).count()).to.equal(0);
  });

  it('the language switch turns every string English and is remembered across pages; and back', async () => {
    const { page } = web;
    await page.goto('/masuk');
    await expectOneLanguage(page, 'id');
    await page.getByRole('link', { name: ID['layout.switchToLabel'] }).click();
    await page.waitForURL('**/masuk');
    expect(await page.locator('h1').innerText()).to.equal(EN['signIn.title']);
    await expectOneLanguage(page, 'en');
    await checkPage(page, 'sign-in-en');

    await signIn(page, 'budi');
    await page.getByText(fill(EN['layout.signedInAs'], { name: 'Budi Santoso' })).waitFor();
    await expectOneLanguage(page, 'en');
    await page.goto('/tidak-ada-halaman-ini');
    await expectOneLanguage(page, 'en');
    await checkPage(page, 'not-found-en');

    await page.getByRole('link', { name: EN['layout.switchToLabel'] }).click();
    await page.waitForURL('**/tidak-ada-halaman-ini');
    await expectOneLanguage(page, 'id');
  });

  it('an unknown address is a 404 page in words, with a way home, never JSON or a stack trace', async () => {
    const { page } = web;
    // Not a page of any area (/permohonan/… sends a signed-out visitor to sign in first).
    const response = await page.goto('/tidak-ada/sama-sekali');
    expect(response?.status()).to.equal(404);
    expect(response?.headers()['content-type']).to.match(/^text\/html/);
    expect(await page.locator('h1').innerText()).to.equal(ID['error.notFound.title']);
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'not-found');
    await page.getByRole('link', { name: ID['error.backHome'] }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });
});
