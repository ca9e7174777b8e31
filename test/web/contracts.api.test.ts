import { expect } from 'chai';
import type supertest from 'supertest';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { csrfOf, signInAs } from '../harness/web';
import { CONTRACT_FORM } from '../harness/page-steps';
import { activeContract, TERMINATION_REASON } from '../harness/contracts';


const openTasksOf = async (caseId: string) => (await harness().records.listTasksForCase(caseId)).filter((t) => t.status === 'open' || t.status === 'claimed');
const openTask = (caseId: string, kind: string) => until(async () => (await openTasksOf(caseId)).find((t) => t.kind === kind), `an open ${kind} task of ${caseId}`);

/** Every hidden input and value of the first form with this id, as a browser would send it back. */
function formValues(html: string, formId: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
    const value = /value="([^"]*)"/.exec(m[1]!)?.[1] ?? '';
    if (name) values[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  return values;
}

/** Words that belong to permits only: a contract is drafted by the PPK, not applied for, and is no "izin" or certificate. */
const PERMIT_WORDING = /\bizin\b|permohonan|pemohon|sertifikat|\bpermit\b|application/i;
/** The page's own words, without the layout (whose tagline names both services) and without markup (links' paths). */
const mainOf = (html: string) => (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/<[^>]*>/g, ' ');

describe('contract pages over HTTP: draft form, case page, proposal, task pages, 404', function () {
  this.timeout(240_000);
  let ppk: supertest.Agent;
  let vendor: supertest.Agent;
  let other: supertest.Agent;
  let caseId: string;

  before(async () => {
    ppk = harness().http();
    vendor = harness().http();
    other = harness().http();
    await signInAs(ppk, 'ppk');
    await signInAs(vendor, 'vendor-a');
    await signInAs(other, 'vendor-b');
  });

  it('offers the contracts link to the PPK and vendors only, and the draft form to the PPK only', async () => {
    expect((await ppk.get('/').expect(200)).text).to.contain('href="/kontrak"');
    expect((await vendor.get('/').expect(200)).text).to.contain('href="/kontrak"');
    const budi = harness().http();
    await signInAs(budi, 'budi');
    expect((await budi.get('/').expect(200)).text).not.to.contain('href="/kontrak"');
    await vendor.get('/kontrak/baru').expect(403);
    await vendor.get('/kontrak/baru/barang').expect(403);
    const types = await ppk.get('/kontrak/baru').expect(200);
    expect(types.text).to.contain('href="/kontrak/baru/barang"').and.contain('Surat Perjanjian Pengadaan Barang');
    await ppk.get('/kontrak/baru/tidak-ada').expect(404);
  });

  it('keeps what was typed, adds rows without JavaScript and shows field errors by the fields', async () => {
    const form = await ppk.get('/kontrak/baru/barang').expect(200);
    expect(form.text).to.contain('name="terms.items.2.description"').and.contain('Pembayaran sekaligus setelah seluruh barang diterima');
    const base = { ...formValues(form.text, 'contract-form'), ...CONTRACT_FORM };

    const more = await ppk.post('/kontrak/baru/barang').type('form').send({ ...base, aksi: 'tambah-baris' }).expect(200);
    expect(more.text).to.contain('name="terms.items.5.description"').and.contain('value="Printer laser A4"');
    expect(more.text).not.to.contain('data-error-summary');

    const bad = { ...base, 'terms.title': '', 'terms.ppk.nip': '1978', 'terms.items.0.unitPrice': 'dua belas juta', 'terms.value': '1.000', aksi: 'kirim' };
    const refused = await ppk.post('/kontrak/baru/barang').type('form').send(bad).expect(400);
    expect(refused.text).to.contain('data-error-summary');
    expect(refused.text).to.match(/id="f-terms-title-error"[^>]*>Wajib diisi\./);
    expect(refused.text).to.match(/id="f-terms-ppk-nip-error"[^>]*>NIP terdiri dari 18 angka\./);
    expect(refused.text).to.match(/id="f-terms-items-0-unitPrice-error"[^>]*>Tuliskan rupiah tanpa sen/);
    expect(refused.text).to.contain('value="dua belas juta"').and.contain('value="1978"').and.contain('value="Komputer desktop"');

    // The items are right but the value is not their total: the use case says so at the value.
    const wrongTotal = await ppk.post('/kontrak/baru/barang').type('form').send({ ...base, 'terms.value': '1.000', aksi: 'kirim' }).expect(400);
    expect(wrongTotal.text).to.match(/id="f-terms-value-error"[^>]*>Nilai kontrak harus sama dengan jumlah daftar kuantitas dan harga \(Rp\s138\.000\.000\)/);
  });

  it('drafts through the form (the value from the items), and shows the case to its parties only', async () => {
    const form = await ppk.get('/kontrak/baru/barang').expect(200);
    const sent = await ppk.post('/kontrak/baru/barang').type('form').send({ ...formValues(form.text, 'contract-form'), ...CONTRACT_FORM, aksi: 'kirim' }).expect(303);
    const match = /^\/kontrak\/([0-9a-f]+)\?pesan=dibuat$/.exec(sent.headers.location as string);
    expect(match, sent.headers.location).to.not.equal(null);
    caseId = match![1]!;
    const row = await harness().records.getCase(caseId);
    expect(row?.fields.value).to.equal(138_000_000);

    const page = await ppk.get(sent.headers.location as string).expect(200);
    expect(page.text).to.contain('data-notice="drafted"').and.contain('data-status="in_review"').and.contain('Kajian hukum');
    expect(page.text).to.contain('CV Maju Jaya').and.contain('01.234.567.8-901.234').and.contain('Rp\u00a0138.000.000');
    expect(page.text).to.contain('id="adendum"').and.contain('data-versions');

    await other.get(`/kontrak/${caseId}`).expect(404);
    await other.get(`/kontrak/${caseId}/kontrak.pdf`).expect(404);
    await other.get(`/kontrak/${caseId}/usulan`).expect(404);
    expect((await other.get('/kontrak').expect(200)).text).not.to.contain(`data-case="${caseId}"`);
    expect((await vendor.get('/kontrak').expect(200)).text).to.contain(`data-case="${caseId}"`);
    expect((await ppk.get('/kontrak').expect(200)).text).to.contain(`data-case="${caseId}"`);
    // No negotiation yet: the vendor cannot propose.
    await vendor.get(`/kontrak/${caseId}/usulan`).expect(409);
  });

  it('negotiates on the pages: the vendor proposes, the PPK sees semula → menjadi and accepts on the task page', async () => {
    const hukum = harness().http();
    await signInAs(hukum, 'hukum');
    const review = await openTask(caseId, 'review');
    const reviewPage = await hukum.get(`/tugas/${review.id}`).expect(200);
    expect(reviewPage.text).to.contain(`href="/kontrak/${caseId}"`);
    expect((await hukum.get(`/kontrak/${caseId}`).expect(200)).text).to.contain('Pengadaan Komputer');
    await hukum.post(`/tugas/${review.id}/keputusan`).type('form').send({ _csrf: csrfOf(reviewPage.text), outcome: 'approve', comment: 'Sesuai SBD' }).expect(303);

    const vendorReview = await openTask(caseId, 'vendor_review');
    const casePage = await vendor.get(`/kontrak/${caseId}`).expect(200);
    expect(casePage.text).to.contain(`href="/tugas/${vendorReview.id}"`).and.contain('data-action="propose"');
    const proposalForm = await vendor.get(`/kontrak/${caseId}/usulan`).expect(200);
    const values = formValues(proposalForm.text, 'proposal-form');
    expect(values['terms.items.0.unitPrice']).to.equal('12500000');
    expect(values['terms.items.0.id']).to.match(/^i\d+$/);
    const proposed = await vendor
      .post(`/kontrak/${caseId}/usulan`)
      .type('form')
      .send({ ...values, 'terms.items.0.unitPrice': '13.500.000', 'terms.value': '', aksi: 'kirim' })
      .expect(303);
    expect(proposed.headers.location).to.equal(`/kontrak/${caseId}?pesan=diusulkan`);

    const ppkReview = await openTask(caseId, 'ppk_review');
    const ppkPage = await ppk.get(`/kontrak/${caseId}`).expect(200);
    expect(ppkPage.text).to.contain('Semula').and.contain('Menjadi').and.contain('Barang «Komputer desktop» · Harga satuan (Rp)');
    expect(ppkPage.text).to.match(/data-change="before">Rp\s12\.500\.000<\/span>[\s\S]*?data-change="after">Rp\s13\.500\.000</);
    const taskPage = await ppk.get(`/tugas/${ppkReview.id}`).expect(200);
    expect(taskPage.text).to.contain('data-action="accept-terms"');
    await ppk.post(`/tugas/${ppkReview.id}/keputusan`).type('form').send({ _csrf: csrfOf(taskPage.text), outcome: 'accept' }).expect(303);
    await until(async () => ((await harness().records.getCase(caseId))?.facts as { agreedVersion?: number } | undefined)?.agreedVersion === 2, 'the agreed version');
  });

  it('takes the guarantee (its details required) and both signatures on the task pages; then the signed PDF', async () => {
    const guarantee = await openTask(caseId, 'guarantee');
    const page = await vendor.get(`/tugas/${guarantee.id}`).expect(200);
    expect(page.text).to.contain('data-action="submit-guarantee"');
    const empty = await vendor.post(`/tugas/${guarantee.id}/keputusan`).type('form').send({ _csrf: csrfOf(page.text), outcome: 'submit', comment: '' }).expect(400);
    expect(empty.text).to.contain('Tuliskan keterangan jaminan');
    await vendor.post(`/tugas/${guarantee.id}/keputusan`).type('form').send({ _csrf: csrfOf(page.text), outcome: 'submit', comment: 'Jaminan Bank BPD Kalbar No. JP-2026-0042' }).expect(303);

    for (const [agent, role] of [[vendor, 'vendor:'], [ppk, 'ppk:']] as const) {
      const sign = await until(async () => (await openTasksOf(caseId)).find((t) => t.kind === 'sign' && t.role.startsWith(role)), `the ${role} signature`);
      const signPage = await agent.get(`/tugas/${sign.id}`).expect(200);
      expect(mainOf(signPage.text)).to.contain('Nomor kontrak, tanggal dan kode QR').and.contain('Draf kontrak diajukan · PPK').and.not.match(PERMIT_WORDING);
      const preview = await agent.get(`/tugas/${sign.id}/pratinjau.pdf`).buffer(true).expect(200);
      expect(preview.headers['content-type']).to.contain('application/pdf');
      await agent.post(`/tugas/${sign.id}/tanda-tangan`).type('form').send({ _csrf: csrfOf(signPage.text), passphrase: DEV_SIGNER_PASSPHRASE }).expect(303);
      if (role === 'vendor:') expect((await agent.get(`/tugas/${sign.id}`).expect(200)).text).to.contain('Dokumen terbit setelah semua pihak menandatangani');
    }
    await until(async () => (await harness().records.getCase(caseId))?.status === 'active', 'an active contract');
    const signed = (await harness().records.listTasksForCase(caseId)).find((t) => t.kind === 'sign' && t.role.startsWith('ppk:'))!;
    const signedPage = await until(async () => {
      const text = (await ppk.get(`/tugas/${signed.id}`).expect(200)).text;
      return text.includes('data-signed-result') && text.includes('Kontrak nomor') ? text : undefined;
    }, 'the signed contract on the task page');
    expect(mainOf(signedPage)).to.contain('Unduh kontrak bertanda tangan').and.not.match(PERMIT_WORDING);
    const history = (await ppk.get(`/kontrak/${caseId}`).expect(200)).text;
    expect(mainOf(history)).to.contain('Draf kontrak diajukan').and.contain('Kontrak diregistrasi').and.not.match(PERMIT_WORDING);
    for (const agent of [ppk, vendor]) {
      const page = await agent.get(`/kontrak/${caseId}`).expect(200);
      expect(page.text).to.contain('data-status="active"').and.contain('data-action="download-contract"').and.contain('data-contract-number');
      const pdf = await agent.get(`/kontrak/${caseId}/kontrak.pdf`).buffer(true).expect(200);
      expect(pdf.headers['content-type']).to.contain('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    }
    await other.get(`/kontrak/${caseId}/kontrak.pdf`).expect(404);
  });

  it('takes legal’s request for changes on the task page and the PPK’s revision on the proposal page; the inbox filters by contract stage', async () => {
    const form = await ppk.get('/kontrak/baru/barang').expect(200);
    const sent = await ppk.post('/kontrak/baru/barang').type('form').send({ ...formValues(form.text, 'contract-form'), ...CONTRACT_FORM, aksi: 'kirim' }).expect(303);
    const id = /^\/kontrak\/([0-9a-f]+)/.exec(sent.headers.location as string)![1]!;
    const hukum = harness().http();
    await signInAs(hukum, 'hukum');
    const review = await openTask(id, 'review');
    const inbox = await hukum.get(`/tugas?jenis=barang&tahap=kajian_hukum&q=${encodeURIComponent((await harness().records.getCase(id))!.registrationNumber)}`).expect(200);
    expect(inbox.text).to.contain(`data-task-id="${review.id}"`).and.match(/<option value="kajian_hukum" selected[^>]*>Kajian hukum</).and.contain('>Tinjauan penyedia<');
    const reviewPage = await hukum.get(`/tugas/${review.id}`).expect(200);
    expect(mainOf(reviewPage.text)).to.contain('PPK membaca catatan ini').and.not.match(PERMIT_WORDING);
    const noComment = await hukum.post(`/tugas/${review.id}/keputusan`).type('form').send({ _csrf: csrfOf(reviewPage.text), outcome: 'request_changes', comment: '' }).expect(400);
    expect(mainOf(noComment.text)).to.contain('Tuliskan apa yang harus diperbaiki PPK.').and.not.match(PERMIT_WORDING);
    await hukum
      .post(`/tugas/${review.id}/keputusan`)
      .type('form')
      .send({ _csrf: csrfOf(reviewPage.text), outcome: 'request_changes', comment: 'Jangka waktu terlalu singkat untuk pengiriman' })
      .expect(303);
    await until(async () => (await harness().records.getCase(id))?.status === 'changes_requested', 'changes requested');

    const casePage = await ppk.get(`/kontrak/${id}`).expect(200);
    expect(casePage.text).to.contain('data-action="propose"').and.contain('Perbaiki draf').and.contain('Jangka waktu terlalu singkat');
    // The legal review stopped the clock while the draft is with the PPK.
    expect(casePage.text).to.contain('data-clock-paused').and.contain('data-clock-stage="kajian_hukum"').and.contain('data-reason="awaiting_revision"');
    await vendor.get(`/kontrak/${id}/usulan`).expect(409);
    const revision = await ppk.get(`/kontrak/${id}/usulan`).expect(200);
    const values = formValues(revision.text, 'proposal-form');
    expect(values['terms.durationDays']).to.equal('30');
    await ppk.post(`/kontrak/${id}/usulan`).type('form').send({ ...values, 'terms.durationDays': '45', aksi: 'kirim' }).expect(303);
    await openTask(id, 'review');
    const revised = await ppk.get(`/kontrak/${id}`).expect(200);
    expect(revised.text).to.contain('data-paused="false"').and.not.contain('masih berhenti');
    expect(revised.text).to.contain('data-status="in_review"').and.contain('data-version="2"').and.match(/data-change="before">30<\/span>[\s\S]*?data-change="after">45</);
  });

  it('lets the PPK withdraw a contract before signing, after a confirmation', async () => {
    const form = await ppk.get('/kontrak/baru/barang').expect(200);
    const sent = await ppk.post('/kontrak/baru/barang').type('form').send({ ...formValues(form.text, 'contract-form'), ...CONTRACT_FORM, aksi: 'kirim' }).expect(303);
    const id = /^\/kontrak\/([0-9a-f]+)/.exec(sent.headers.location as string)![1]!;
    await vendor.get(`/kontrak/${id}/tarik`).expect(409);
    const confirm = await ppk.get(`/kontrak/${id}/tarik`).expect(200);
    const done = await ppk.post(`/kontrak/${id}/tarik`).type('form').send({ _csrf: csrfOf(confirm.text), reason: 'Anggaran dialihkan' }).expect(303);
    expect(done.headers.location).to.equal(`/kontrak/${id}?pesan=ditarik`);
    expect((await ppk.get(done.headers.location as string).expect(200)).text).to.contain('data-status="withdrawn"');
  });

  it('lets the PPK of an active contract ask for its termination (reason required, kept when refused); legal gets the review', async () => {
    // A contract not yet signed has no termination section; its form sends the PPK back with the explanation.
    const form = await ppk.get('/kontrak/baru/barang').expect(200);
    const sent = await ppk.post('/kontrak/baru/barang').type('form').send({ ...formValues(form.text, 'contract-form'), ...CONTRACT_FORM, aksi: 'kirim' }).expect(303);
    const draftId = /^\/kontrak\/([0-9a-f]+)/.exec(sent.headers.location as string)![1]!;
    expect((await ppk.get(`/kontrak/${draftId}`).expect(200)).text).not.to.contain('data-termination');
    expect((await ppk.get(`/kontrak/${draftId}/pemutusan`).expect(303)).headers.location).to.equal(`/kontrak/${draftId}?pesan=pemutusan-tidak-dapat`);
    expect((await ppk.get(`/kontrak/${draftId}?pesan=pemutusan-tidak-dapat`).expect(200)).text).to.contain('data-notice="terminationUnavailable"').and.contain('hanya dapat diajukan');

    const id = await activeContract();
    const page = await ppk.get(`/kontrak/${id}`).expect(200);
    expect(page.text).to.contain('data-termination').and.contain(`href="/kontrak/${id}/pemutusan"`).and.contain('tidak dapat dibatalkan');
    expect((await vendor.get(`/kontrak/${id}`).expect(200)).text).not.to.contain('data-termination');
    await vendor.get(`/kontrak/${id}/pemutusan`).expect(404);
    await other.get(`/kontrak/${id}/pemutusan`).expect(404);
    await other.post(`/kontrak/${id}/pemutusan`).type('form').send({ _csrf: csrfOf((await other.get('/kontrak').expect(200)).text), reason: 'x' }).expect(404);

    const confirm = await ppk.get(`/kontrak/${id}/pemutusan`).expect(200);
    expect(confirm.text).to.contain('id="terminate-form"').and.contain('maxlength="2000"').and.contain('Paling banyak 2.000 karakter');
    const typed = '   ';
    const empty = await ppk.post(`/kontrak/${id}/pemutusan`).type('form').send({ _csrf: csrfOf(confirm.text), reason: typed }).expect(400);
    expect(empty.text).to.contain('data-error-summary').and.match(/id="f-reason-error"[^>]*>Wajib diisi\./);
    expect(empty.text).to.contain(`>${typed}</textarea>`);
    const long = await ppk.post(`/kontrak/${id}/pemutusan`).type('form').send({ _csrf: csrfOf(confirm.text), reason: 'a'.repeat(2001) }).expect(400);
    expect(long.text).to.match(/id="f-reason-error"[^>]*>Paling banyak 2\.000 karakter\./).and.contain(`>${'a'.repeat(2001)}</textarea>`);

    const done = await ppk.post(`/kontrak/${id}/pemutusan`).type('form').send({ _csrf: csrfOf(confirm.text), reason: TERMINATION_REASON }).expect(303);
    expect(done.headers.location).to.equal(`/kontrak/${id}?pesan=pemutusan-diajukan`);
    const review = await openTask(id, 'termination_review');
    expect(review.role).to.equal('legal:dinas-pupr');
    const after = await ppk.get(done.headers.location as string).expect(200);
    expect(after.text).to.contain('data-notice="terminationRequested"').and.contain('Bagian hukum akan mengkajinya').and.contain('Pemutusan diajukan');
    expect(after.text).to.contain('data-status="active"').and.not.contain('data-termination');
    // A second request while the first is under review: back to the contract page with the explanation.
    expect((await ppk.get(`/kontrak/${id}/pemutusan`).expect(303)).headers.location).to.equal(`/kontrak/${id}?pesan=pemutusan-tidak-dapat`);
    const hukum = harness().http();
    await signInAs(hukum, 'hukum');
    expect((await hukum.get(`/kontrak/${id}`).expect(200)).text).to.contain(`href="/tugas/${review.id}"`).and.contain('data-task-kind="termination_review"');
  });
});
