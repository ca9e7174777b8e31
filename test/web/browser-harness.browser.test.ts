import fs from 'node:fs';
import { expect } from 'chai';
import { baseUrl, expectNoSeriousA11yViolations, freshPagePerTest, screenshot } from '../harness/browser';

describe('browser harness (chromium through playwright-core)', () => {
  const web = freshPagePerTest();

  it('serves the app on a real port: /healthz answers in the browser', async () => {
    const response = await web.page.goto('/healthz');
    expect(response?.status()).to.equal(200);
    expect(response?.url()).to.equal(`${await baseUrl()}/healthz`);
    expect(JSON.parse(await web.page.locator('body').innerText())).to.deep.equal({ status: 'ok' });
  });

  it('axe-core fails with a readable list on a serious violation', async () => {
    await web.page.setContent('<!doctype html><html lang="id"><title>x</title><main><img src="data:,"><input id="q"></main></html>');
    const failure = await expectNoSeriousA11yViolations(web.page).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failure).to.include('[critical] image-alt');
    expect(failure).to.include('[critical] label');
    expect(failure).to.include('at img');
  });

  it('saves screenshots under .tmp/screenshots', async () => {
    await web.page.setContent('<!doctype html><html lang="id"><title>x</title><main><h1>Sahkan</h1></main></html>');
    const file = await screenshot(web.page, 'browser harness');
    expect(file).to.match(/\.tmp\/screenshots\/browser-harness\.png$/);
    expect(fs.readFileSync(file).subarray(1, 4).toString()).to.equal('PNG');
  });
});
