import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import type { TTask } from '../../domain/case';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { as, SAMPLE_PNG, submissionBody } from '../harness/api-client';
import { harness } from '../harness/harness';
import { csrfOf, signInAs } from '../harness/web';
import { until } from '../harness/until';

/** The next page's link of a list page (its cursor in the URL), or undefined on the last page. */
const nextPageOf = (html: string) => /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

const openTasksOf = (caseId: string) => harness().records.listTasksForCase(caseId).then((tasks) => tasks.filter((t) => t.status === 'open' || t.status === 'claimed'));

async function openTask(caseId: string, match: (task: TTask) => boolean): Promise<TTask> {
  return until(async () => (await openTasksOf(caseId)).find(match), `an open task of ${caseId}`);
}

/** Budi's uploads, made once and referred to by every case of this suite (a KTP as PNG, the rest as PDF). */
let uploads: Promise<Awaited<ReturnType<typeof submissionBody>>> | undefined;

async function reklameBody() {
  uploads ??= (async () => {
    const body = await submissionBody(harness().catalog.get('reklame')!, 'budi');
    const res = await harness().http().post('/api/v1/documents').set('Authorization', await harness().token('budi')).attach('file', SAMPLE_PNG, 'ktp.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    body.documents.ktp = res.body.id;
    return body;
  })();
  return uploads;
}

/** A reklame case submitted through the API (the applicant's pages are another helper's area). */
async function submitReklame(): Promise<{ caseId: string; registrationNumber: string; documents: Record<string, string> }> {
  const body = await reklameBody();
  const submitted = await harness().http().post('/api/v1/permits').set('Authorization', await harness().token('budi')).send(body);
  expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
  return { caseId: submitted.body.id, registrationNumber: submitted.body.registrationNumber, documents: body.documents };
}

/** Approves every open review task through the JSON API, stage after stage, until the case awaits its signature. */
async function reviewToSignature(caseId: string): Promise<TTask> {
  for (;;) {
    const open = await openTasksOf(caseId);
    const sign = open.find((t) => t.kind === 'sign');
    if (sign) return sign;
    for (const task of open) {
      const res = await harness().http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await as(task.role)).send({ outcome: 'approve' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    if (open.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('web pages: reviewers’ inbox, task pages, decisions and signing', function () {
  this.timeout(180_000);

  let caseId: string;
  let documents: Record<string, string>;
  let completeness: TTask;
  let rahmat: supertest.Agent;

  before(async () => {
    ({ caseId, documents } = await submitReklame());
    completeness = await openTask(caseId, (t) => t.role === 'reviewer:dpmptsp');
    rahmat = harness().http();
    await signInAs(rahmat, 'rahmat');
  });

  it('sends a signed-out visitor to sign in and back', async () => {
    const res = await harness().http().get('/tugas').expect(303);
    expect(res.headers.location).to.equal('/masuk?kembali=%2Ftugas');
  });

  it('lists the open tasks of my role with a service-level tag, and filters by type, stage and overdue in the URL', async () => {
    // Other suites share the store and leave earlier-due tasks of this role: walk the pages of a view.
    const listed = async (query: string) => {
      let url: string | undefined = `/tugas?${query}`;
      for (let page = 1; page <= 100 && url; page++) {
        const res = await rahmat.get(url).expect(200);
        if (res.text.includes(`data-task-id="${completeness.id}"`)) return true;
        url = nextPageOf(res.text);
      }
      if (!url) return false;
      throw new Error(`more than 100 pages of /tugas?${query}`);
    };
    const inbox = await rahmat.get('/tugas').expect(200);
    expect(inbox.text).to.match(/class="tag tag-sla-(onTrack|dueSoon|overdue)"/);
    expect(inbox.text).to.contain('Tugas saya').and.contain('Segera jatuh tempo” berarti');
    expect(await listed('')).to.equal(true);

    expect(await listed('jenis=reklame&tahap=kelengkapan')).to.equal(true);
    const sameType = await rahmat.get('/tugas?jenis=reklame&tahap=kelengkapan').expect(200);
    expect(sameType.text).to.match(/<option value="reklame" selected/);
    expect(await listed('jenis=pbg')).to.equal(false);
    expect(await listed('tahap=kajian_teknis')).to.equal(false);
    // A task opened a moment ago is not overdue.
    expect(await listed('terlambat=1')).to.equal(false);
    const overdue = await rahmat.get('/tugas?terlambat=1').expect(200);
    expect(overdue.text).to.contain('name="terlambat" value="1" checked');
  });

  it('finds a task by its registration number or a part of it (?q=), the search kept in the form', async () => {
    const number = (await harness().records.getCase(caseId))!.registrationNumber!;
    const idsOf = (html: string) => [...html.matchAll(/data-task-id="([^"]+)"/g)].map((m) => m[1]);
    const whole = await rahmat.get(`/tugas?q=${encodeURIComponent(number)}`).expect(200);
    expect(idsOf(whole.text)).to.deep.equal([completeness.id]);
    expect(whole.text).to.match(new RegExp(`<input id="f-q" name="q" [^>]*value="${number}"`));
    // The sequence part, typed in lower case with a stray space: the same task among the numbers that contain it.
    const sequence = number.split('/').at(-1)!;
    const part = await rahmat.get(`/tugas?q=${encodeURIComponent(` ${number.slice(0, 4).toLowerCase()}${number.slice(4)}`)}`).expect(200);
    expect(idsOf(part.text)).to.deep.equal([completeness.id]);
    expect(idsOf((await rahmat.get(`/tugas?q=${sequence}&jenis=reklame`).expect(200)).text)).to.include(completeness.id);
    expect(idsOf((await rahmat.get(`/tugas?q=${sequence}&jenis=pbg`).expect(200)).text)).to.not.include(completeness.id);
    expect(idsOf((await rahmat.get('/tugas?q=REG%2FTIDAK%2FADA').expect(200)).text)).to.deep.equal([]);
    // LIKE wildcards are not search syntax: they are dropped, not matched.
    const wildcards = await rahmat.get(`/tugas?q=${encodeURIComponent(number.replace('/', '_'))}`).expect(200);
    expect(idsOf(wildcards.text)).to.not.include(completeness.id);
  });

  it('pages the inbox 20 at a time by cursor with the filters kept in the links, every task once', async () => {
    const idsOf = (html: string) => [...html.matchAll(/data-task-id="([^"]+)"/g)].map((m) => m[1]!);
    /** Every task of a view, following the next links; the pages' ids in order. */
    const walk = async (first: string) => {
      const pages: string[][] = [];
      for (let url: string | undefined = first; url && pages.length < 200; ) {
        const res = await rahmat.get(url).expect(200);
        pages.push(idsOf(res.text));
        url = nextPageOf(res.text);
      }
      return pages;
    };
    // Enough reklame cases that the completeness stage fills more than one page for this role.
    const before = (await walk('/tugas?jenis=reklame')).flat().length;
    for (let i = before; i < 21; i++) await submitReklame();
    const first = await rahmat.get('/tugas?jenis=reklame').expect(200);
    expect(idsOf(first.text)).to.have.length(20);
    expect(nextPageOf(first.text)).to.match(/^\/tugas\?jenis=reklame&setelah=/);
    const pages = await walk('/tugas?jenis=reklame');
    const all = pages.flat();
    expect(all.length).to.be.greaterThan(20);
    expect(new Set(all).size, 'no task on two pages').to.equal(all.length);
    expect(pages.slice(0, -1).every((ids) => ids.length === 20)).to.equal(true);
    const second = await rahmat.get(nextPageOf(first.text)!).expect(200);
    expect(second.text).to.contain('href="/tugas?jenis=reklame" rel="first"');
    await rahmat.get('/tugas?setelah=abc').expect(400);
  });

  it('shows the task page with the case, the applicant’s data and every document previewed inline', async () => {
    const page = await rahmat.get(`/tugas/${completeness.id}`).expect(200);
    expect(page.text).to.contain('<h1>Pemeriksaan: ');
    expect(page.text).to.contain('6171010101900001'); // acting staff see the NIK in full
    expect(page.text).to.contain(`<iframe class="preview-frame" src="/dokumen/${documents.design}"`);
    expect(page.text).to.match(new RegExp(`<img class="preview-image" src="/dokumen/${documents.ktp}" alt="[^"]+"`));
    expect(page.text).to.contain('name="outcome" value="approve"').and.contain('name="outcome" value="request_changes"').and.contain('name="outcome" value="reject"');
    expect(page.text).to.not.contain('type="password"');
    // The case's data as people read it: the permit type's option label and Ya/Tidak, never the stored value.
    expect(page.text).to.contain('>Papan/billboard<').and.contain('>Ya<').and.not.contain('>papan_billboard<');
    // The registration number is set apart at the top, labelled, as on the inbox card.
    const number = (await harness().records.getCase(caseId))!.registrationNumber;
    expect(page.text).to.match(new RegExp(`<h1>[^<]+</h1><p class="reg-number"><span class="reg-number-label">Nomor registrasi</span> <strong data-registration-number="true">${number}</strong>`));
    const card = (await rahmat.get(`/tugas?q=${encodeURIComponent(number)}`).expect(200)).text;
    const item = card.slice(card.indexOf(`data-task-id="${completeness.id}"`));
    expect(item).to.match(new RegExp(`^[^]*?</h3><p class="reg-number">[^]*?<strong data-registration-number="true">${number}</strong>`));
    // Roles by their display name, never the role id.
    expect(page.text).to.contain('data-role="reviewer:dpmptsp">Petugas DPMPTSP<').and.contain('Permohonan diajukan · Pemohon');
    // The case's clock: each stage's deadline with the working days used and left.
    expect(page.text).to.contain('<h2 id="clock-title">Waktu layanan</h2>').and.contain('data-clock-stage="kelengkapan"').and.contain('data-used="0"');

    const pdf = await rahmat.get(`/dokumen/${documents.design}`).expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.match(/^inline; filename=/);
    expect(pdf.body.subarray(0, 5).toString()).to.equal('%PDF-');
    const png = await rahmat.get(`/dokumen/${documents.ktp}`).expect(200);
    expect(png.headers['content-type']).to.equal('image/png');
    await rahmat.get('/dokumen/000000000000000000000000').expect(404);
  });

  it('is 404 for a reviewer of another agency with no task on the case: task page, documents and actions', async () => {
    const dedi = harness().http();
    await signInAs(dedi, 'dedi');
    const page = await dedi.get(`/tugas/${completeness.id}`).expect(404);
    expect(page.text).to.contain('Halaman tidak ditemukan').and.not.contain('6171010101900001');
    await dedi.get(`/dokumen/${documents.ktp}`).expect(404);
    const inbox = await dedi.get('/tugas').expect(200);
    const claim = await dedi.post(`/tugas/${completeness.id}/ambil`).type('form').send({ _csrf: csrfOf(inbox.text) }).expect(404);
    expect(claim.text).to.contain('Halaman tidak ditemukan');
    const applicant = harness().http();
    await signInAs(applicant, 'siti');
    await applicant.get(`/dokumen/${documents.ktp}`).expect(404);
  });

  it('refuses request changes without a comment with a field error and keeps the choice, then claims and approves', async () => {
    const page = await rahmat.get(`/tugas/${completeness.id}`).expect(200);
    const refused = await rahmat.post(`/tugas/${completeness.id}/keputusan`).type('form').send({ _csrf: csrfOf(page.text), outcome: 'request_changes', comment: '  ' }).expect(400);
    expect(refused.text).to.contain('Ada yang perlu diperbaiki').and.contain('href="#f-comment"');
    expect(refused.text).to.match(/id="f-comment-error" class="field-message">Tuliskan apa yang harus diperbaiki pemohon\./);
    expect(refused.text).to.match(/value="request_changes" checked/);
    const noReason = await rahmat.post(`/tugas/${completeness.id}/keputusan`).type('form').send({ _csrf: csrfOf(page.text), outcome: 'reject', comment: '' }).expect(400);
    expect(noReason.text).to.contain('Tuliskan alasan penolakan.');
    expect((await harness().records.getTask(completeness.id))?.status).to.equal('open');

    const claimed = await rahmat.post(`/tugas/${completeness.id}/ambil`).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    expect(claimed.headers.location).to.equal(`/tugas/${completeness.id}?pesan=diambil`);
    let mine = await rahmat.get(claimed.headers.location!).expect(200);
    expect(mine.text).to.contain('Tugas ini sekarang Anda kerjakan.').and.contain('data-action="lepas"');
    expect((await harness().records.getTask(completeness.id))?.assignee).to.equal('rahmat');

    // Released, it is back in the role's inbox unclaimed; claimed again for the decision.
    const released = await rahmat.post(`/tugas/${completeness.id}/lepas`).type('form').send({ _csrf: csrfOf(mine.text) }).expect(303);
    const back = await rahmat.get(released.headers.location!).expect(200);
    expect(back.text).to.contain('Tugas telah dilepaskan').and.contain('data-action="ambil"').and.contain('Tugas dilepaskan');
    expect(await harness().records.getTask(completeness.id)).to.include({ status: 'open', assignee: null });
    // Releasing what I no longer hold is a plain 409 on the task page.
    const stale = await rahmat.post(`/tugas/${completeness.id}/lepas`).type('form').send({ _csrf: csrfOf(mine.text) }).expect(409);
    expect(stale.text).to.contain('Keadaan tugas sudah berubah');
    await rahmat.post(`/tugas/${completeness.id}/ambil`).type('form').send({ _csrf: csrfOf(mine.text) }).expect(303);
    mine = await rahmat.get(`/tugas/${completeness.id}`).expect(200);

    const done = await rahmat.post(`/tugas/${completeness.id}/keputusan`).type('form').send({ _csrf: csrfOf(mine.text), outcome: 'approve', comment: 'Berkas lengkap.' }).expect(303);
    const after = await rahmat.get(done.headers.location!).expect(200);
    expect(after.text).to.contain('Keputusan Anda telah disimpan.').and.contain('Tugas ini sudah selesai').and.contain('Berkas lengkap.');
    expect(after.text).to.not.contain('id="decision-form"');
    const task = await harness().records.getTask(completeness.id);
    expect(task).to.include({ status: 'done', outcome: 'approve', assignee: 'rahmat' });

    // Deciding the same task again (a stale form) is a plain explanation on the task page, not a 500.
    const again = await rahmat.post(`/tugas/${completeness.id}/keputusan`).type('form').send({ _csrf: csrfOf(after.text), outcome: 'approve' }).expect(409);
    expect(again.text).to.contain('Keadaan tugas sudah berubah');
  });

  it('explains a task claimed by another officer and refuses its decision with 409 on the page', async () => {
    const { caseId: other, registrationNumber } = await submitReklame();
    const task = await openTask(other, (t) => t.role === 'reviewer:dpmptsp');
    const claim = await harness().http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await as('reviewer:dpmptsp')).send({});
    expect(claim.status, JSON.stringify(claim.body)).to.equal(200);
    const page = await rahmat.get(`/tugas/${task.id}`).expect(200);
    expect(page.text).to.contain('Tugas ini sedang dikerjakan oleh petugas lain').and.not.contain('id="decision-form"');
    // Found by its number: the shared store may push it off the first page of every reklame task.
    const inbox = await rahmat.get(`/tugas?q=${encodeURIComponent(registrationNumber)}`).expect(200);
    expect(inbox.text).to.contain(`data-task-id="${task.id}"`).and.contain('Sedang dikerjakan petugas lain');
    const refused = await rahmat.post(`/tugas/${task.id}/keputusan`).type('form').send({ _csrf: csrfOf(page.text), outcome: 'approve' }).expect(409);
    expect(refused.text).to.contain('Keadaan tugas sudah berubah').and.contain('data-notice="conflict"');
    // The JSON API's release: only the holder may (409 for anyone else), then the task is open to claim again.
    const notMine = await harness().http().post(`/api/v1/tasks/${task.id}/release`).set('Authorization', await harness().token('rahmat'));
    expect(notMine.status, JSON.stringify(notMine.body)).to.equal(409);
    const released = await harness().http().post(`/api/v1/tasks/${task.id}/release`).set('Authorization', await as('reviewer:dpmptsp')).send({});
    expect(released.status, JSON.stringify(released.body)).to.equal(200);
    expect(released.body.task).to.include({ status: 'open', assignee: null });
    expect((await rahmat.get(`/tugas/${task.id}`).expect(200)).text).to.contain('id="decision-form"');
  });

  describe('signing', () => {
    let signTask: TTask;
    let kepala: supertest.Agent;

    before(async () => {
      signTask = await reviewToSignature(caseId);
      kepala = harness().http();
      await signInAs(kepala, 'kepala');
    });

    it('shows the signer the certificate to be signed (rendered, no number reserved) and a passphrase field that is never filled', async () => {
      const page = await kepala.get(`/tugas/${signTask.id}`).expect(200);
      expect(page.text).to.contain(`src="/tugas/${signTask.id}/pratinjau.pdf"`);
      expect(page.text).to.match(/<input id="f-passphrase" name="passphrase" type="password"[^>]*autocomplete="off"/);
      const preview = await kepala.get(`/tugas/${signTask.id}/pratinjau.pdf`).expect(200);
      expect(preview.headers['content-type']).to.equal('application/pdf');
      expect(preview.headers['content-disposition']).to.match(/^inline/);
      expect(preview.body.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(await harness().records.issuance.byCase(caseId)).to.equal(undefined);
      // Only the signer's role sees the preview.
      await rahmat.get(`/tugas/${signTask.id}/pratinjau.pdf`).expect(404);
    });

    it('says a wrong passphrase is wrong on the same page without echoing it, then signs with the right one and links the certificate', async () => {
      const page = await kepala.get(`/tugas/${signTask.id}`).expect(200);
      const wrong = await kepala.post(`/tugas/${signTask.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(page.text), passphrase: 'tebakan-salah-123' }).expect(403);
      expect(wrong.text).to.contain('Frasa sandi salah. Dokumen belum ditandatangani').and.contain('href="#f-passphrase"');
      expect(wrong.text).to.not.contain('tebakan-salah-123');
      expect((await harness().records.getTask(signTask.id))?.status).to.equal('open');
      const empty = await kepala.post(`/tugas/${signTask.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(page.text), passphrase: '' }).expect(400);
      expect(empty.text).to.contain('Masukkan frasa sandi Anda.');

      const signed = await kepala.post(`/tugas/${signTask.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(page.text), passphrase: DEV_SIGNER_PASSPHRASE }).expect(303);
      expect(signed.headers.location).to.equal(`/tugas/${signTask.id}?pesan=ditandatangani`);
      const issued = await until(() => harness().records.issuance.byCase(caseId), 'the certificate');
      const result = await kepala.get(signed.headers.location!).expect(200);
      expect(result.text).to.contain('Dokumen telah Anda tandatangani.').and.contain(`Sertifikat nomor ${issued.number} telah terbit.`);
      expect(result.text).to.contain(`href="/tugas/${signTask.id}/sertifikat.pdf"`).and.not.contain(DEV_SIGNER_PASSPHRASE);
      // The public page as the QR code names it, the number's `/` kept (not %2F).
      expect(result.text).to.contain(`href="/v/${issued.number}"`);
      await kepala.get(`/v/${issued.number}`).expect(200);
      const pdf = await kepala.get(`/tugas/${signTask.id}/sertifikat.pdf`).expect(200);
      expect(pdf.headers['content-type']).to.equal('application/pdf');
      expect(pdf.body.includes(Buffer.from('/ByteRange'))).to.equal(true);
    });
  });

  describe('the passphrase throttle on the page (an app with a low throttle)', () => {
    after(() => harness().records.security.attemptSucceeded('kepala'));

    it('shows the 429 wait, with when to try again and Retry-After, next to the passphrase field', async () => {
      const { apiDeps } = harness();
      const app = createApp({ ...apiDeps, limits: { rate: apiDeps.limits!.rate, passphrase: { freeFailures: 1, baseDelayMs: 60_000, maxFailures: 5, lockMs: 120_000 } } });
      const other = (await submitReklame()).caseId;
      const task = await reviewToSignature(other);
      const agent = supertest.agent(app);
      await signInAs(agent, 'kepala');
      const page = await agent.get(`/tugas/${task.id}`).expect(200);
      await agent.post(`/tugas/${task.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(page.text), passphrase: 'salah-1' }).expect(403);
      const waiting = await agent.post(`/tugas/${task.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(page.text), passphrase: 'salah-2' }).expect(429);
      expect(Number(waiting.headers['retry-after'])).to.be.within(1, 60);
      expect(waiting.text).to.match(/Terlalu banyak frasa sandi salah\. Coba lagi setelah [^<]+ WIB\./);
      expect(waiting.text).to.not.contain('salah-2');
    });
  });
});
