import crypto from 'node:crypto';
import { expect } from 'chai';
import { seedCase } from '../../scripts/seed-cases';
import { checkPage, expectNoPageProblems, freshPagePerTest, screenshot, signIn } from '../harness/browser';
import { harness } from '../harness/harness';

const DAY = 86_400_000;

/**
 * The administrators' pages in chromium: the dashboard draws its charts with JavaScript and says the same in
 * tables without it; the case list and the revocation steps pass axe-core and work by keyboard-free clicks.
 */
describe('administrators\' pages in a browser', () => {
  const run = crypto.randomBytes(4).toString('hex');
  const number = `503/9${run.slice(0, 3)}/UJI/DPMPTSP/XII/2026`;

  before(async () => {
    const records = harness().records;
    const now = Date.now();
    const kelengkapan = 'Pemeriksaan kelengkapan berkas';
    // Their own numbering scope (UJI), so no other suite's registration numbers move.
    for (let i = 0; i < 5; i++) {
      const submittedAt = new Date(now - (1 + i * 4) * DAY);
      await seedCase(records, {
        caseId: `brw-${run}-${i}`,
        typeId: i % 2 ? 'pbg' : 'reklame',
        typeCode: 'UJI',
        applicantId: 'budi',
        applicant: { name: `Pemohon Peramban ${i}`, nik: '6112010101900009' },
        submittedAt,
        status: 'in_review',
        stage: { id: 'kelengkapan', name: kelengkapan, dueAt: new Date(now + (i === 4 ? -DAY : 2 * DAY)) },
        caseDueAt: new Date(now + 5 * DAY),
        tasks: [
          { stageId: 'kelengkapan', stageName: kelengkapan, role: 'reviewer:uji', status: 'done', createdAt: submittedAt, dueAt: new Date(now - DAY), decidedAt: new Date(now - (i % 2 ? 2 : 0.5) * DAY) },
        ],
      });
    }
    await seedCase(records, {
      caseId: `brw-${run}-issued`,
      typeId: 'reklame',
      typeCode: 'UJI',
      applicantId: 'budi',
      submittedAt: new Date(now - 20 * DAY),
      status: 'issued',
      stage: null,
      caseDueAt: new Date(now - 10 * DAY),
      closedAt: new Date(now - 12 * DAY),
    });
    await records.issuance.register({
      number,
      caseId: `brw-${run}-issued`,
      kind: 'permit',
      typeId: 'reklame',
      title: 'Izin Penyelenggaraan Reklame',
      holderName: 'Budi Santoso',
      sha256: crypto.randomBytes(32).toString('hex'),
      issuedAt: new Date(now - 12 * DAY).toISOString(),
      signerName: 'Drs. H. Syarif Abdullah, M.Si.',
      serial: '01',
    });
  });

  describe('with JavaScript', () => {
    const web = freshPagePerTest();

    it('draws the three charts with uPlot next to their tables, no problems, no serious axe violation', async () => {
      await signIn(web.page, 'admin');
      await web.page.goto('/dasbor');
      await web.page.locator('[data-chart="onTime"] canvas').waitFor();
      expect(await web.page.locator('.chart:not([hidden]) canvas').count()).to.equal(3);
      expect(await web.page.locator('[data-chart="open"] .u-legend').innerText()).to.contain('Terlambat').and.contain('Tahap');
      expect(await web.page.locator('table.table').count()).to.be.at.least(4);
      await checkPage(web.page, 'admin-dashboard');
    });

    it('filters through the form into the URL, then the case list, and revokes a permit in two steps', async () => {
      await signIn(web.page, 'admin');
      await web.page.goto('/dasbor');
      await web.page.selectOption('#f-jenis', 'pbg');
      await web.page.selectOption('#f-periode', '4');
      await Promise.all([web.page.waitForURL(/\/dasbor\?jenis=pbg&tahap=&periode=4&dari=&sampai=$/), web.page.getByRole('button', { name: 'Terapkan' }).click()]);
      expect(await web.page.locator('#f-jenis').inputValue()).to.equal('pbg');

      await web.page.goto('/dasbor/kasus?status=issued');
      await checkPage(web.page, 'admin-case-list');
      // The shared store holds other suites' issued cases: page on (as an administrator would) to this one.
      const revoke = web.page.getByRole('link', { name: `Cabut izin ${number}` });
      for (let pages = 1; (await revoke.count()) === 0 && pages < 20; pages++) {
        const here = web.page.url();
        await Promise.all([web.page.waitForURL((url) => url.href !== here), web.page.locator('a[rel="next"]').click()]);
      }
      await Promise.all([web.page.waitForURL(/\/pencabutan$/), revoke.click()]);
      await web.page.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
      await web.page.locator('.error-summary').waitFor();
      await checkPage(web.page, 'admin-revocation-errors');
      expect(await web.page.evaluate<string | undefined>('document.activeElement?.className')).to.contain('error-summary');

      await web.page.selectOption('#f-reasonCode', 'data_tidak_benar');
      await web.page.fill('#f-reason', 'Dokumen kepemilikan lahan terbukti palsu');
      await web.page.getByRole('button', { name: 'Lanjut ke konfirmasi' }).click();
      await web.page.getByRole('button', { name: 'Ya, cabut izin ini' }).waitFor();
      await checkPage(web.page, 'admin-revocation-confirm');
      expect((await harness().records.issuance.byNumber(number))!.status).to.equal('valid');
      // A double click revokes once: app.js drops the second submission while the first is on its way.
      const posts: string[] = [];
      web.page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
      });
      await Promise.all([web.page.waitForURL(/selesai=1$/), web.page.getByRole('button', { name: 'Ya, cabut izin ini' }).dblclick()]);
      expect(posts.filter((p) => p.endsWith('/pencabutan'))).to.have.length(1);
      expect(await web.page.locator('[role="status"]').innerText()).to.contain(`Izin ${number} telah dicabut`);
      await checkPage(web.page, 'admin-revocation-done');
      expect((await harness().records.issuance.byNumber(number))!).to.include({ status: 'revoked', publicReason: 'data_tidak_benar' });
      await Promise.all([web.page.waitForURL(/\/v\//), web.page.getByRole('link', { name: 'Lihat laman verifikasi publik' }).click()]);
      expect(await web.page.locator('main').innerText()).to.contain('Dokumen ini telah dicabut');
    });
  });

  describe('without JavaScript', () => {
    const web = freshPagePerTest({ javaScriptEnabled: false });

    it('shows every figure in tables and keeps the charts hidden', async () => {
      await signIn(web.page, 'admin');
      await web.page.goto('/dasbor');
      expect(await web.page.locator('.chart[hidden]').count()).to.equal(3);
      expect(await web.page.locator('canvas').count()).to.equal(0);
      expect(await web.page.locator('table.table').count()).to.be.at.least(4);
      expect(await web.page.getByRole('heading', { name: 'Umur kasus berjalan (hari kerja)' }).isVisible()).to.equal(true);
      // axe-core needs JavaScript in the page: the same markup is checked by the test with JavaScript above.
      await screenshot(web.page, 'admin-dashboard-no-js');
      expectNoPageProblems(web.page);
    });
  });
});
