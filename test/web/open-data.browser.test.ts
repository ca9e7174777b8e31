import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DATASETS } from '../../domain/open-data';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, freshPagePerTest } from '../harness/browser';
import { foreignTexts, keyNamesShown, visibleTexts } from '../harness/page-language';

/** The open-data page in a browser: reached from the navigation, every dataset with its downloads, id and en. */
describe('open-data page in a browser (/data-terbuka)', function () {
  this.timeout(120_000);
  const web = freshPagePerTest();

  async function expectOneLanguage(page: Page, lang: 'id' | 'en') {
    expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
    const texts = await visibleTexts(page);
    expect(keyNamesShown(texts, Object.keys(MESSAGES.id))).to.deep.equal([]);
    expect(foreignTexts(texts, lang, [MESSAGES])).to.deep.equal([]);
  }

  it('lists the datasets with JSON and CSV links, in Indonesian and in English', async () => {
    const { page } = web;
    await page.goto('/');
    await page.getByRole('link', { name: MESSAGES.id['openData.nav'] }).first().click();
    await page.waitForURL((url) => url.pathname === '/data-terbuka');
    expect(await page.locator('h2').allInnerTexts()).to.deep.equal(DATASETS.map((d) => d.title.id));
    for (const d of DATASETS) {
      expect(await page.locator(`[data-action="csv-${d.id}"]`).getAttribute('href')).to.equal(`/api/v1/public/data/${d.id}.csv`);
      expect(await page.locator(`[data-action="json-${d.id}"]`).getAttribute('href')).to.equal(`/api/v1/public/data/${d.id}`);
    }
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'open-data');

    await page.getByRole('link', { name: MESSAGES.id['layout.switchToLabel'] }).click();
    await page.waitForURL((url) => url.pathname === '/data-terbuka');
    expect(await page.locator('h2').allInnerTexts()).to.deep.equal(DATASETS.map((d) => d.title.en));
    await expectOneLanguage(page, 'en');
    await checkPage(page, 'open-data-en');
  });
});
