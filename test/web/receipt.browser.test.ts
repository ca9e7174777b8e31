import { expect } from 'chai';
import { submit } from '../harness/api-client';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';

describe('the submission receipt in chromium: registration number and PIN large, grouped, copyable, printable', function () {
  this.timeout(180_000);
  const web = freshPagePerTest({ permissions: ['clipboard-read', 'clipboard-write'] });

  it('shows the PIN in large monospace groups, copies the bare number and PIN with the buttons, and prints the receipt alone', async () => {
    const sent = await submit('reklame', 'budi');
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const { id, registrationNumber, trackingPin } = sent.body as { id: string; registrationNumber: string; trackingPin: string };
    const page = web.page;
    await signIn(page, 'budi');
    await page.goto(`/izin/reklame/ajukan/terkirim/${id}`);

    const pin = page.locator('[data-tracking-pin]');
    expect(await page.locator('[data-registration-number]').innerText()).to.equal(registrationNumber);
    expect(await pin.locator('.tracking-code-group').allInnerTexts()).to.deep.equal([trackingPin.slice(0, 3), trackingPin.slice(3)]);
    // Apart on screen, together when selected and copied by hand.
    expect(await pin.innerText()).to.equal(trackingPin);
    const style = await pin.evaluate((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), family: getComputedStyle(el).fontFamily }));
    expect(style.size, 'the PIN at least 32 px').to.be.at.least(32);
    expect(style.family).to.match(/mono/i);
    await checkPage(page, 'applicant receipt');

    // The buttons come with app.js (no inline script under our CSP) and put the bare values on the clipboard.
    await page.click('[data-action="copy-pin"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(trackingPin);
    expect(await page.locator('[data-action="copy-pin"]').innerText()).to.equal('Tersalin');
    expect(await page.locator('[data-copy-status]').innerText()).to.contain(trackingPin);
    await page.click('[data-action="copy-number"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(registrationNumber);

    // Printed: no header, footer or buttons; the number and PIN stay.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.site-footer', '[data-action="copy-pin"]', '[data-action="print-receipt"]', '[data-action="follow"]']) {
      expect(await page.locator(hidden).isVisible(), hidden).to.equal(false);
    }
    expect(await pin.isVisible()).to.equal(true);
    await page.emulateMedia({ media: 'screen' });

    // The case page carries the same receipt.
    await page.goto(`/permohonan/${id}`);
    expect(await page.locator('[data-tracking-pin]').getAttribute('data-tracking-pin')).to.equal(trackingPin);
    expect(await page.locator('[data-action="copy-pin"]').isVisible()).to.equal(true);
    await checkPage(page, 'applicant case receipt');
  });

  it('keeps the copy buttons hidden where the page runs without app.js', async () => {
    const sent = await submit('reklame', 'budi');
    const page = web.page;
    await page.route('**/assets/app.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await signIn(page, 'budi');
    await page.goto(`/izin/reklame/ajukan/terkirim/${(sent.body as { id: string }).id}`);
    expect(await page.locator('[data-tracking-pin]').isVisible()).to.equal(true);
    expect(await page.locator('[data-action="copy-pin"]').isVisible()).to.equal(false);
    expect(await page.locator('[data-action="print-receipt"]').isVisible()).to.equal(false);
  });
});
