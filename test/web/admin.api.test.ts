import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type express from 'express';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { AGE_BUCKETS, serviceLevelAnalytics, serviceLevelDashboard } from '../../api/use-cases/admin';
import { workingDaysAfter } from '../../domain/working-time/working-days';
import { workingTimeNow } from '../../api/use-cases/calendar';
import { weekBoundaries } from '../../domain/service-level-periods';
import { seedCase } from '../../scripts/seed-cases';
import type { TSeedCase } from '../../scripts/seed-cases';
import { openRecords } from '../../store/records';
import type { Records } from '../../store/records';
import { harness } from '../harness/harness';
import { csrfOf, signInAs } from '../harness/web';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PERMIT_NUMBER = '503/0001/REK/DPMPTSP/XII/2026';
const EVIL_NAME = '=HYPERLINK("http://evil.example","klik")';

/**
 * The administrators' pages over their own records database (the shared one holds every suite's cases), filled
 * with known cases, so that every figure of the dashboard can be checked exactly.
 */
describe('web pages: administrators (dashboard, CSV, case list, revocation)', () => {
  let records: Records;
  let app: express.Express;
  let dir: string;
  const now = new Date();
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const fixtures: TSeedCase[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-admin-pages-'));
    records = await openRecords(path.join(dir, 'records.db'));
    app = createApp({ ...harness().apiDeps, records });
    const reklame = (id: string) => ({ typeId: 'reklame', typeCode: 'REK', caseId: id, applicantId: 'budi' });
    const pbg = (id: string) => ({ typeId: 'pbg', typeCode: 'PBG', caseId: id, applicantId: 'siti' });
    const kelengkapan = 'Pemeriksaan kelengkapan berkas';
    fixtures.push(
      {
        ...reklame('adm-a'),
        submittedAt: at(-1 * DAY),
        status: 'in_review',
        stage: { id: 'kelengkapan', name: kelengkapan, dueAt: at(3 * DAY) },
        caseDueAt: at(5 * DAY),
        tasks: [{ stageId: 'kelengkapan', stageName: kelengkapan, role: 'reviewer:dpmptsp', status: 'open', createdAt: at(-1 * DAY), dueAt: at(3 * DAY) }],
      },
      {
        ...reklame('adm-b'),
        applicant: { name: EVIL_NAME, nik: '6112010101900002' },
        submittedAt: at(-10 * DAY),
        status: 'in_review',
        stage: { id: 'kelengkapan', name: kelengkapan, dueAt: at(-2 * DAY) },
        caseDueAt: at(1 * DAY),
        tasks: [{ stageId: 'kelengkapan', stageName: kelengkapan, role: 'reviewer:dpmptsp', status: 'open', createdAt: at(-10 * DAY), dueAt: at(-2 * DAY) }],
      },
      {
        ...pbg('adm-c'),
        submittedAt: at(-40 * DAY),
        status: 'in_review',
        stage: { id: 'kajian_teknis', name: 'Kajian teknis (PUPR dan Damkar)', dueAt: at(2 * DAY) },
        caseDueAt: at(-1 * DAY),
        tasks: [
          { stageId: 'kelengkapan', stageName: kelengkapan, role: 'reviewer:dpmptsp', status: 'done', createdAt: at(-40 * DAY), dueAt: at(-35 * DAY), decidedAt: at(-36 * DAY) },
          // Open for five days; adm-f's round of the same stage took about a week: expected past the case's deadline.
          { stageId: 'kajian_teknis', stageName: 'Kajian teknis', role: 'reviewer:pupr', status: 'open', createdAt: at(-5 * DAY), dueAt: at(2 * DAY) },
        ],
      },
      {
        ...pbg('adm-f'),
        submittedAt: at(-20 * DAY),
        status: 'in_review',
        stage: { id: 'persetujuan', name: 'Persetujuan Kepala DPMPTSP', dueAt: at(2 * DAY) },
        caseDueAt: at(8 * DAY),
        tasks: [
          { stageId: 'kelengkapan', stageName: kelengkapan, role: 'reviewer:dpmptsp', status: 'done', createdAt: at(-20 * DAY), dueAt: at(-10 * DAY), decidedAt: at(-9 * DAY) },
          { stageId: 'kajian_teknis', stageName: 'Kajian teknis', role: 'reviewer:pupr', status: 'done', createdAt: at(-9 * DAY), dueAt: at(1 * DAY), decidedAt: at(-1 * HOUR) },
          { stageId: 'kajian_teknis', stageName: 'Kajian teknis', role: 'reviewer:damkar', status: 'done', createdAt: at(-9 * DAY), dueAt: at(-2 * HOUR), decidedAt: at(-1 * HOUR) },
          { stageId: 'persetujuan', stageName: 'Persetujuan Kepala DPMPTSP', role: 'approver:kepala-dpmptsp', status: 'open', createdAt: at(-1 * HOUR), dueAt: at(2 * DAY) },
        ],
      },
      { typeId: 'sip', typeCode: 'SIP', caseId: 'adm-e', applicantId: 'budi', submittedAt: at(-3 * DAY), status: 'changes_requested', stage: null, caseDueAt: at(10 * DAY) },
      { ...reklame('adm-d'), submittedAt: at(-30 * DAY), status: 'issued', stage: null, caseDueAt: at(-20 * DAY), closedAt: at(-22 * DAY) },
    );
    for (let i = 0; i < 26; i++) {
      fixtures.push({
        typeId: 'sip',
        typeCode: 'SIP',
        caseId: `adm-p${String(i).padStart(2, '0')}`,
        applicantId: 'budi',
        submittedAt: at(-(2 + i) * DAY),
        status: 'in_review',
        stage: { id: 'rekomendasi', name: 'Rekomendasi Dinas Kesehatan', dueAt: at(4 * DAY) },
        caseDueAt: at(6 * DAY),
      });
    }
    for (const c of fixtures) await seedCase(records, c);
    await records.issuance.register({
      number: PERMIT_NUMBER,
      caseId: 'adm-d',
      kind: 'permit',
      typeId: 'reklame',
      title: 'Izin Penyelenggaraan Reklame',
      holderName: 'Budi Santoso',
      sha256: 'ab'.repeat(32),
      issuedAt: at(-22 * DAY).toISOString(),
      signerName: 'Drs. H. Syarif Abdullah, M.Si.',
      serial: '01',
    });
  });

  after(async () => {
    await records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const admin = async () => {
    const agent = supertest.agent(app);
    await signInAs(agent, 'admin');
    return agent;
  };
  const open = () => fixtures.filter((c) => c.status !== 'issued');

  describe('who may see them', () => {
    it('sends a visitor to sign in and shows anyone but an administrator the 404 page, for pages, exports and revocation', async () => {
      const visitor = await supertest.agent(app).get('/dasbor').expect(303);
      expect(visitor.headers.location).to.equal('/masuk?kembali=%2Fdasbor');
      for (const user of ['budi', 'rahmat', 'kepala']) {
        const agent = supertest.agent(app);
        await signInAs(agent, user);
        for (const url of ['/dasbor', '/dasbor/kasus', '/dasbor/terbuka.csv', '/dasbor/kasus.csv', '/dasbor/kasus/adm-d/pencabutan']) {
          const res = await agent.get(url).expect(404);
          expect(res.text, `${user} ${url}`).to.contain('Halaman tidak ditemukan');
        }
        const home = await agent.get('/').expect(200);
        expect(home.text).to.not.contain('href="/dasbor"');
        await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: csrfOf(home.text), langkah: 'konfirmasi', reasonCode: 'lainnya', reason: 'coba coba' }).expect(404);
      }
      expect((await records.issuance.byNumber(PERMIT_NUMBER))!.status).to.equal('valid');
    });
  });

  describe('the dashboard', () => {
    it('counts open cases per type and stage, the overdue ones, their age in working days and the on-time share per stage and week', async () => {
      const data = await serviceLevelDashboard({ ...harness().apiDeps, records }, { userId: 'admin', roles: ['admin'] }, { weeks: 8 });
      expect(data.totals).to.deep.equal({ open: 31, overdue: 2 });
      expect(data.openByStage.map((g) => [g.typeId, g.stageId, g.open, g.overdue])).to.deep.equal([
        ['pbg', 'kajian_teknis', 1, 1],
        ['pbg', 'persetujuan', 1, 0],
        ['reklame', 'kelengkapan', 2, 1],
        ['sip', null, 1, 0],
        ['sip', 'rekomendasi', 26, 0],
      ]);
      expect(data.overdue.nextCursor, 'both overdue cases on the dashboard').to.equal(null);
      expect(data.overdue.items.map((c) => c.id)).to.have.members(['adm-b', 'adm-c']);

      // Ages by the deadline rule (office calendar and closures in force), one by one, land in the same buckets as the database's count.
      const expectedAging = AGE_BUCKETS.map(() => 0);
      const time = await workingTimeNow(harness().apiDeps);
      for (const c of open()) {
        const age = workingDaysAfter(c.submittedAt, new Date(data.asOf), time);
        expectedAging[AGE_BUCKETS.filter((from) => age >= from).length - 1]!++;
      }
      expect(data.aging.map((b) => b.count)).to.deep.equal(expectedAging);
      expect(data.aging.map((b) => [b.from, b.to])).to.deep.equal([[0, 2], [3, 5], [6, 10], [11, 20], [21, null]]);

      const { boundaries } = weekBoundaries(new Date(data.asOf), 8, harness().apiDeps.officeCalendar);
      const weekOf = (d: Date) => boundaries.findIndex((b, i) => i + 1 < boundaries.length && d >= b && d < boundaries[i + 1]!);
      expect(data.onTime.weeks).to.have.length(8);
      const kajian = data.onTime.stages.find((s) => s.stageId === 'kajian_teknis')!;
      expect(kajian.weeks[weekOf(at(-1 * HOUR))]).to.deep.equal({ decided: 2, onTime: 1 });
      const kelengkapan = data.onTime.stages.find((s) => s.stageId === 'kelengkapan')!;
      expect(kelengkapan.weeks[weekOf(at(-36 * DAY))]!.onTime).to.be.at.least(1);
      expect(kelengkapan.weeks.reduce((n, w) => n + w.decided, 0)).to.equal(2);
      expect(kelengkapan.weeks.reduce((n, w) => n + w.onTime, 0)).to.equal(1);
      expect(data.onTime.stages.map((s) => s.stageId)).to.deep.equal(['kajian_teknis', 'kelengkapan']);
    });

    it('shows the figures in tables that work without JavaScript, with the charts data as JSON and self-hosted uPlot', async () => {
      const agent = await admin();
      const home = await agent.get('/').expect(200);
      expect(home.text).to.contain('href="/dasbor"');
      const res = await agent.get('/dasbor').expect(200).expect('Content-Type', /html/);
      expect(res.text).to.contain('<h1>Dasbor layanan</h1>');
      expect(res.text).to.match(/data-figure="open">31</).and.match(/data-figure="overdue">2</);
      expect(res.text).to.contain('Pemeriksaan kelengkapan berkas').and.contain('Di luar tahap');
      expect(res.text).to.contain('src="/assets/uplot/uPlot.iife.min.js"').and.contain('src="/assets/dashboard.js"');
      expect(res.text).to.not.match(/<script>(?!<\/script>)/); // no inline script (the CSP forbids them)
      const json = /<script type="application\/json" id="dasbor-data">([^<]*)<\/script>/.exec(res.text)?.[1];
      const charts = JSON.parse(json!);
      expect(charts.open.series[0].values.reduce((a: number, b: number) => a + b, 0)).to.equal(31);
      expect(charts.aging.labels[0]).to.equal('0–2 hari kerja');
      // The overdue list names the applicant as text (escaped), never as markup.
      expect(res.text).to.contain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)');
      await agent.get('/assets/dashboard.js').expect(200).expect('Content-Type', /javascript/);
      await agent.get('/assets/uplot/uPlot.iife.min.js').expect(200);
      await agent.get('/assets/uplot/uPlot.min.css').expect(200).expect('Content-Type', /css/);
      const english = await agent.get('/bahasa/en?kembali=%2Fdasbor').expect(303);
      expect(english.headers.location).to.equal('/dasbor');
      const en = await agent.get('/dasbor').expect(200);
      expect(en.text).to.contain('<h1>Service dashboard</h1>').and.contain('Completeness check');
    });

    it('shows the service-level analytics of GET /admin/sla per type and stage (median, p90, open by age) and the breach forecast, with CSV', async () => {
      const deps = { ...harness().apiDeps, records };
      const adminActor = { userId: 'admin', roles: ['admin'] };
      const data = await serviceLevelDashboard(deps, adminActor, { weeks: 8 });
      const direct = await serviceLevelAnalytics(deps, adminActor, {}, new Date(data.sla.asOf));
      expect(data.sla).to.deep.equal(direct);
      expect(data.sla.stages.map((s) => [s.typeId, s.stageId, s.closed, s.onTime, s.open])).to.deep.equal([
        ['pbg', 'kajian_teknis', 1, 1, 1],
        ['pbg', 'kelengkapan', 2, 1, 0],
        ['pbg', 'persetujuan', 0, 0, 1],
        ['reklame', 'kelengkapan', 0, 0, 2],
      ]);
      expect(data.sla.forecast.items.map((f) => [f.caseId, f.breaches.includes('case')])).to.deep.equal([['adm-c', true]]);
      expect(data.sla.forecast.withoutHistory).to.equal(3);

      const agent = await admin();
      const page = await agent.get('/dasbor').expect(200);
      expect(page.text).to.contain('Layanan per tahap').and.contain('Median hari kerja').and.contain('Persentil ke-90 hari kerja');
      expect(page.text).to.contain('Perkiraan pelanggaran tenggat').and.contain('3 tahap berjalan tidak diperkirakan');
      const forecastTable = page.text.slice(page.text.indexOf('id="forecast-title"'));
      const admC = (await records.getCase('adm-c'))!.registrationNumber;
      expect(forecastTable).to.contain(`<td>${admC}</td>`).and.contain('layanan, ');
      expect(page.text).to.contain('href="/dasbor/tahap.csv"').and.contain('href="/dasbor/perkiraan.csv"');
      // Wide tables scroll sideways in a box the keyboard can reach (axe: scrollable-region-focusable).
      expect(page.text).to.match(/<div class="table-wrap" role="region" aria-label="Layanan per tahap" tabindex="0">/);

      const parse = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      const stages = parse((await agent.get('/dasbor/tahap.csv?jenis=pbg').expect(200)).text);
      expect(stages[0]).to.equal('Jenis layanan,Tahap,Selesai,Tepat waktu,Persentase tepat waktu,Median hari kerja,Persentil ke-90 hari kerja,Berjalan,0–2 hari kerja,3–5 hari kerja,6–10 hari kerja,11–20 hari kerja,21 hari kerja atau lebih');
      expect(stages).to.have.length(4);
      expect(stages[2]).to.match(/^Persetujuan Bangunan Gedung \(PBG\),Pemeriksaan kelengkapan berkas,2,1,50,/);
      const forecast = parse((await agent.get('/dasbor/perkiraan.csv').expect(200)).text);
      expect(forecast).to.have.length(2);
      expect(forecast[1]!.startsWith(`${admC},`)).to.equal(true);

      // The range is in the URL (local dates): a day with no closed stage has none; bad dates are field errors.
      const lastYear = await agent.get('/dasbor?dari=2025-01-01&sampai=2025-01-31').expect(200);
      expect(lastYear.text).to.contain('1 Januari 2025');
      for (const [query, message, field] of [
        ['dari=2026-02-30', 'Tulis tanggal yang benar (TTTT-BB-HH).', 'dari'],
        ['dari=2026-03-02&sampai=2026-03-01', 'Tanggal akhir tidak boleh sebelum tanggal awal.', 'sampai'],
        ['dari=2025-01-01&sampai=2026-06-30', 'Rentang paling panjang 366 hari.', 'dari'],
      ]) {
        const bad = await agent.get(`/dasbor?${query}`).expect(400);
        expect(bad.text, query).to.contain(message).and.contain(`href="#f-${field}"`);
        expect(bad.text).to.not.contain('data-figure');
      }
      await agent.get('/dasbor/tahap.csv?dari=2026-13-01').expect(400);
      await agent.get('/bahasa/en?kembali=%2Fdasbor').expect(303);
      const en = await agent.get('/dasbor').expect(200);
      expect(en.text).to.contain('Service levels per stage').and.contain('Forecast deadline breaches').and.contain('Median working days');
      await agent.get('/bahasa/id?kembali=%2Fdasbor').expect(303);
    });

    it('filters by type, stage and period from the URL, and shows field errors for a bad filter, keeping the choices', async () => {
      const agent = await admin();
      const pbg = await agent.get('/dasbor?jenis=pbg&periode=4').expect(200);
      expect(pbg.text).to.match(/data-figure="open">2</).and.match(/data-figure="overdue">1</);
      expect(pbg.text).to.match(/<option value="pbg" selected="">|<option value="pbg" selected>/);
      expect((pbg.text.match(/Minggu /g) ?? []).length).to.be.at.least(4);
      const stage = await agent.get('/dasbor?tahap=kelengkapan').expect(200);
      expect(stage.text).to.match(/data-figure="open">2</);
      const bad = await agent.get('/dasbor?jenis=tidak-ada&periode=5&tahap=kelengkapan').expect(400);
      expect(bad.text).to.contain('Ada yang perlu diperbaiki');
      expect(bad.text).to.contain('href="#f-jenis"').and.contain('href="#f-periode"');
      expect(bad.text).to.contain('Pilih jenis layanan dari daftar.').and.contain('Pilih periode dari daftar.');
      expect(bad.text).to.match(/<option value="kelengkapan" selected/);
      expect(bad.text).to.not.contain('data-figure');
    });
  });

  describe('CSV exports', () => {
    const parse = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

    it('exports every dashboard table as UTF-8 CSV with a byte order mark, as a download, with the same filters', async () => {
      const agent = await admin();
      const res = await agent.get('/dasbor/terbuka.csv').expect(200);
      expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).to.match(/^attachment; filename="dasbor-terbuka-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(Buffer.from(res.text, 'utf8').subarray(0, 3).toString('hex')).to.equal('efbbbf');
      const lines = parse(res.text);
      expect(lines[0]).to.equal('Jenis layanan,Tahap,Berjalan,Terlambat');
      expect(lines).to.include('Izin Penyelenggaraan Reklame,Pemeriksaan kelengkapan berkas,2,1');
      expect(lines).to.have.length(6);

      const pbg = parse((await agent.get('/dasbor/terbuka.csv?jenis=pbg').expect(200)).text);
      expect(pbg).to.have.length(3);

      const aging = parse((await agent.get('/dasbor/umur.csv').expect(200)).text);
      expect(aging[0]).to.equal('Umur,Jumlah kasus');
      expect(aging.slice(1).reduce((n, line) => n + Number(line.split(',').at(-1)), 0)).to.equal(31);

      const onTime = parse((await agent.get('/dasbor/tepat-waktu.csv?periode=4').expect(200)).text);
      expect(onTime[0]).to.equal('Tahap,Minggu mulai,Diputus,Tepat waktu,Persentase tepat waktu');
      expect(onTime.filter((l) => l.startsWith('Kajian teknis')).some((l) => l.endsWith(',2,1,50'))).to.equal(true);

      await agent.get('/dasbor/tidak-ada.csv').expect(404);
      const refused = await agent.get('/dasbor/umur.csv?periode=5').expect(400);
      expect(refused.text).to.contain('Pilih periode dari daftar.');
    });

    it('quotes commas and quotes, and makes a cell that starts like a formula plain text (CSV injection)', async () => {
      const agent = await admin();
      const overdue = (await agent.get('/dasbor/terlambat.csv').expect(200)).text;
      const row = parse(overdue).find((line) => line.includes('HYPERLINK'))!;
      expect(row).to.contain(`"'=HYPERLINK(""http://evil.example"",""klik"") (6112********0002)"`);
      expect(parse(overdue)).to.have.length(3);
      const cases = (await agent.get('/dasbor/kasus.csv?jenis=reklame').expect(200)).text;
      expect(parse(cases)).to.have.length(3);
      expect(cases).to.not.match(/(^|,)=HYPERLINK/m);
    });
  });

  describe('the case list', () => {
    it('lists running cases overdue first, 25 a page, with filters and the next page\'s cursor in the URL', async () => {
      const agent = await admin();
      const numbersOf = (html: string) => [...html.matchAll(/<td>(REG\/[^<]+)<\/td>/g)].map((m) => m[1]!);
      const first = await agent.get('/dasbor/kasus').expect(200);
      expect(first.text).to.contain('Kasus sesuai saringan');
      expect(first.text.match(/<tr>/g)!.length - 1).to.equal(25);
      // Overdue first: the two overdue registration numbers come before any other.
      const overdueNumbers = (await records.serviceLevels.openCases(new Date(), { overdueOnly: true, limit: 10 })).items.map((c) => c.registrationNumber);
      expect(numbersOf(first.text).slice(0, 2)).to.have.members(overdueNumbers);
      const next = /href="(\/dasbor\/kasus\?setelah=[^"]+)" rel="next"/.exec(first.text)?.[1];
      expect(next, 'a GET link to the next page').to.be.a('string');
      expect(first.text).to.not.contain('rel="first"');
      const second = await agent.get(next!.replaceAll('&amp;', '&')).expect(200);
      expect(second.text.match(/<tr>/g)!.length - 1).to.equal(6);
      expect(second.text).to.contain('href="/dasbor/kasus" rel="first"').and.not.contain('rel="next"');
      expect(new Set([...numbersOf(first.text), ...numbersOf(second.text)]).size, 'every open case once').to.equal(31);
      const overdue = await agent.get('/dasbor/kasus?terlambat=ya&jenis=reklame').expect(200);
      expect(overdue.text.match(/<tr>/g)!.length - 1).to.equal(1);
      const stuck = await agent.get('/dasbor/kasus?masalah=macet').expect(200);
      expect(numbersOf(stuck.text)).to.deep.equal([]);
      const bad = await agent.get('/dasbor/kasus?status=entah').expect(400);
      expect(bad.text).to.contain('Pilih status dari daftar.');
      await agent.get('/dasbor/kasus?setelah=bm90LWEtY3Vyc29y').expect(400);
    });

    it('the JSON API answers the same use case a page at a time: every open case once, then nextCursor null', async () => {
      const auth = await harness().token('admin');
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: supertest.Response = await supertest(app).get('/api/v1/admin/cases').query(cursor ? { limit: 10, cursor } : { limit: 10 }).set('Authorization', auth).expect(200);
        if (pages === 0) {
          expect(Object.keys(res.body).sort()).to.deep.equal(['asOf', 'items', 'nextCursor']);
          expect(res.body.items[0]).to.not.have.property('issued');
          expect(res.body.items.slice(0, 2).map((c: { overdue: boolean }) => c.overdue)).to.deep.equal([true, true]);
        }
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).to.equal(4);
      expect(new Set(seen).size).to.equal(31);
      expect(seen).to.have.length(31);
      const forged = await supertest(app).get('/api/v1/admin/cases').query({ cursor: 'bm90LWEtY3Vyc29y' }).set('Authorization', auth).expect(400);
      expect(forged.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['cursor']);
      // A cursor of the open list is not one of the stuck list.
      const open = await supertest(app).get('/api/v1/admin/cases').query({ limit: 1 }).set('Authorization', auth).expect(200);
      await supertest(app).get('/api/v1/admin/cases').query({ problem: 'stuck', cursor: open.body.nextCursor }).set('Authorization', auth).expect(400);
      await supertest(app).get('/api/v1/admin/cases').query({ limit: 201 }).set('Authorization', auth).expect(400);
      await supertest(app).get('/api/v1/admin/cases').set('Authorization', await harness().token('rahmat')).expect(403);
    });
  });

  describe('revocation', () => {
    it('starts from the issued permit in the case list, checks the form, asks for confirmation, and the public sees it revoked at once', async () => {
      const agent = await admin();
      const list = await agent.get('/dasbor/kasus?status=issued').expect(200);
      expect(list.text).to.contain(`${PERMIT_NUMBER} (berlaku)`);
      expect(list.text).to.contain('href="/dasbor/kasus/adm-d/pencabutan"');
      const form = await agent.get('/dasbor/kasus/adm-d/pencabutan').expect(200);
      expect(form.text).to.contain('Pencabutan izin').and.contain('Pelanggaran ketentuan perizinan');
      const token = csrfOf(form.text);

      const empty = await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: token, langkah: 'periksa', reasonCode: '', reason: 'abc' }).expect(400);
      expect(empty.text).to.contain('Ada yang perlu diperbaiki').and.contain('href="#f-reasonCode"').and.contain('href="#f-reason"');
      expect(empty.text).to.contain('Pilih dari daftar.').and.contain('Paling sedikit 5 karakter.');
      expect(empty.text).to.match(/<textarea[^>]*name="reason"[^>]*>abc<\/textarea>/);

      const note = 'Lokasi melanggar RTRW, temuan tim "terpadu"';
      const confirm = await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: token, langkah: 'periksa', reasonCode: 'pelanggaran_ketentuan', reason: note }).expect(200);
      expect(confirm.text).to.contain('Konfirmasi pencabutan izin').and.contain('Ya, cabut izin ini').and.contain('name="langkah" value="konfirmasi"');
      expect((await records.issuance.byNumber(PERMIT_NUMBER))!.status).to.equal('valid');

      const back = await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: token, langkah: 'ubah', reasonCode: 'pelanggaran_ketentuan', reason: note }).expect(200);
      expect(back.text).to.match(/<option value="pelanggaran_ketentuan" selected/);

      await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ langkah: 'konfirmasi', reasonCode: 'pelanggaran_ketentuan', reason: note }).expect(403);
      const done = await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: token, langkah: 'konfirmasi', reasonCode: 'pelanggaran_ketentuan', reason: note }).expect(303);
      expect(done.headers.location).to.equal('/dasbor/kasus/adm-d/pencabutan?selesai=1');
      const after = await agent.get(done.headers.location!).expect(200);
      expect(after.text).to.contain(`Izin ${PERMIT_NUMBER} telah dicabut`).and.contain(`href="/v/${PERMIT_NUMBER}"`);
      // The public page (the QR code's) says so at once.
      const publicPage = await supertest(app).get(`/v/${PERMIT_NUMBER}`).expect(200);
      expect(publicPage.text).to.contain('Dokumen ini telah dicabut').and.contain('Pelanggaran ketentuan perizinan').and.not.contain('RTRW');

      const stored = (await records.issuance.byNumber(PERMIT_NUMBER))!;
      expect(stored).to.include({ status: 'revoked', publicReason: 'pelanggaran_ketentuan', statusReason: note });
      const publicAnswer = await supertest(app).get(`/api/v1/public/verify/${encodeURIComponent(PERMIT_NUMBER)}`).expect(200);
      expect(publicAnswer.body.status).to.equal('revoked');
      expect(JSON.stringify(publicAnswer.body)).to.not.contain('RTRW');

      const again = await agent.post('/dasbor/kasus/adm-d/pencabutan').type('form').send({ _csrf: token, langkah: 'konfirmasi', reasonCode: 'lainnya', reason: 'sekali lagi' }).expect(409);
      expect(again.text).to.contain('tidak dapat dicabut lagi');
      const listed = await agent.get('/dasbor/kasus?status=issued').expect(200);
      expect(listed.text).to.contain(`${PERMIT_NUMBER} (dicabut)`).and.not.contain('href="/dasbor/kasus/adm-d/pencabutan"');
    });

    it('gives a closed case the working days it took, not the days since it was submitted', async () => {
      const agent = await admin();
      const [header, ...rows] = (await agent.get('/dasbor/kasus.csv?status=issued').expect(200)).text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      const age = header!.split(',').indexOf('Umur (hari kerja)');
      expect(rows, 'adm-d, the one issued case').to.have.length(1);
      // Submitted 30 days ago and issued 22 days ago: 8 calendar days hold at most 6 working days (30 days, at least 17).
      expect(Number(rows[0]!.split(',')[age])).to.be.within(0, 6);
    });

    it('shows the form errors in English on the English page, and a case without an issued permit is the 404 page', async () => {
      const agent = await admin();
      await agent.get('/bahasa/en?kembali=%2F').expect(303);
      const missing = await agent.get('/dasbor/kasus/adm-a/pencabutan').expect(404);
      expect(missing.text).to.contain('Page not found');
      const form = await agent.get('/dasbor/kasus/adm-d/pencabutan').expect(200);
      const token = csrfOf(form.text);
      // adm-d is revoked by the test before; a fresh permit for this one.
      await records.issuance.register({ number: '503/0002/REK/DPMPTSP/XII/2026', caseId: 'adm-a', kind: 'permit', typeId: 'reklame', title: 'Izin', holderName: 'Budi', sha256: 'cd'.repeat(32), issuedAt: now.toISOString(), signerName: 'Kepala', serial: '01' });
      const bad = await agent.post('/dasbor/kasus/adm-a/pencabutan').type('form').send({ _csrf: token, langkah: 'periksa', reasonCode: 'bukan_kode', reason: '' }).expect(400);
      expect(bad.text).to.contain('There is a problem').and.contain('Choose from the list.').and.contain('At least 5 characters.');
    });
  });
});
