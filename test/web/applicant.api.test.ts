import { expect } from 'chai';
import type supertest from 'supertest';
import { deadlineAfter } from '../../domain/working-time/working-days';
import { workingTimeNow } from '../../api/use-cases/calendar';
import { verificationCode, verificationPath } from '../../documents/render/verification-code';
import { formatters } from '../../web/i18n/format';
import { decideAll, signAsHead } from '../harness/cases';
import { harness } from '../harness/harness';
import { SAMPLE_PDF, SAMPLE_PNG } from '../harness/sample-files';
import { csrfOf, signInAs } from '../harness/web';
import { submissionBody } from '../harness/api-client';
import { until } from '../harness/until';

/** What Budi types into the reklame form (as a person types it: strings, a decimal comma). */
const REKLAME_INPUT: Record<string, string> = {
  'applicant.name': 'Budi Santoso',
  'applicant.nik': '6171010101900001',
  'applicant.email': 'budi@example.id',
  'applicant.phone': '+62 812 5555 0101',
  'applicant.address': 'Jl. Gajah Mada No. 12, Pontianak',
  'fields.billboard_type': 'baliho',
  'fields.size_m2': '8,5',
  'fields.face_count': '2',
  'fields.location': 'Jl. Arteri Supadio Km 3, Sungai Raya',
  'fields.duration_months': '6',
  'fields.ad_text': 'Toko Bangunan Maju Jaya',
  'fields.illuminated': 'ya',
};

async function signedIn(userId: string): Promise<supertest.Agent> {
  const agent = harness().http();
  await signInAs(agent, userId);
  return agent;
}

/**
 * Posts the application form as a browser would (multipart, the page's token first), with files per requirement;
 * `.expect(status, location?)` sends it.
 */
function postForm(
  agent: supertest.Agent,
  input: Record<string, string>,
  files: Record<string, { bytes: Buffer; name: string }>,
  action: 'periksa' | 'simpan' | `hapus:${string}` = 'periksa',
  typeId = 'reklame',
) {
  return {
    async expect(status: number, location?: string) {
      const form = await agent.get(`/izin/${typeId}/ajukan`).expect(200);
      let req = agent.post(`/izin/${typeId}/ajukan`).field('_csrf', csrfOf(form.text));
      for (const [name, value] of Object.entries(input)) req = req.field(name, value);
      for (const [id, file] of Object.entries(files)) req = req.attach(`documents.${id}`, file.bytes, file.name);
      const res = await req.field('aksi', action).expect(status);
      if (location !== undefined) expect(res.headers.location).to.equal(location);
      return res;
    },
  };
}

const REKLAME_FILES = {
  ktp: { bytes: SAMPLE_PDF, name: 'ktp.pdf' },
  design: { bytes: SAMPLE_PNG, name: 'desain.png' },
  site_photo: { bytes: SAMPLE_PDF, name: 'lokasi.pdf' },
};

/** Fills, reviews and submits the reklame form through the pages; returns the case id and registration number. */
async function applyForReklame(agent: supertest.Agent): Promise<{ caseId: string; registrationNumber: string }> {
  await postForm(agent, REKLAME_INPUT, REKLAME_FILES).expect(303, '/izin/reklame/ajukan/periksa');
  const review = await agent.get('/izin/reklame/ajukan/periksa').expect(200);
  const sent = await agent.post('/izin/reklame/ajukan/periksa').type('form').send({ _csrf: csrfOf(review.text) }).expect(303);
  const caseId = /\/terkirim\/([0-9a-f]+)$/.exec(sent.headers.location!)![1]!;
  const row = await harness().records.getCase(caseId);
  return { caseId, registrationNumber: row!.registrationNumber };
}

describe('web pages: the applicant (permit catalogue, form, review, my applications)', () => {
  it('lists the permit types and shows what reklame needs and its expected finish if submitted today', async () => {
    const catalogue = await harness().http().get('/izin').expect(200);
    expect(catalogue.text).to.contain('Izin Penyelenggaraan Reklame').and.contain('href="/izin/reklame"').and.contain('Lama layanan: 5 hari kerja');
    const type = await harness().http().get('/izin/reklame').expect(200);
    expect(type.text).to.contain('Jenis reklame').and.contain('Ukuran bidang reklame (m²)').and.contain('0,5 sampai 500');
    expect(type.text).to.contain('Pindaian KTP pemohon').and.contain('PDF, PNG atau JPEG').and.contain('2 MB').and.contain('5 MB');
    expect(type.text).to.contain('Persetujuan Kepala DPMPTSP').and.contain('5 hari kerja');
    const expected = formatters('id').date(deadlineAfter(new Date(), 5, await workingTimeNow(harness().apiDeps)));
    expect(type.text, /data-expected-finish[^<]*</.exec(type.text)?.[0]).to.match(new RegExp(`data-expected-finish="true">${expected}<`));
    // Not signed in: the button leads to sign-in and back to the form.
    expect(type.text).to.contain('/masuk?kembali=%2Fizin%2Freklame%2Fajukan');
    const english = await harness().http().get('/izin/reklame').set('Cookie', 'sahkan_lang=en').expect(200);
    expect(english.text).to.contain('Outdoor Advertising (Billboard) Permit').and.contain('PDF, PNG or JPEG').and.contain('Expected finish if you apply today');
    const unknown = await harness().http().get('/izin/tidak-ada').expect(404);
    expect(unknown.text).to.contain('Halaman tidak ditemukan');
  });

  it('sends a visitor to sign in before the form, and refuses the form to a non-applicant', async () => {
    const away = await harness().http().get('/izin/reklame/ajukan').expect(303);
    expect(away.headers.location).to.equal('/masuk?kembali=%2Fizin%2Freklame%2Fajukan');
    const reviewer = await signedIn('rahmat');
    const refused = await reviewer.get('/izin/reklame/ajukan').expect(403);
    expect(refused.text).to.contain('Tidak diizinkan');
  });

  it('generates the reklame form from its definition: the right input per field type, uploads with type and size limit', async () => {
    const agent = await signedIn('budi');
    const form = await agent.get('/izin/reklame/ajukan').expect(200);
    expect(form.text).to.contain('enctype="multipart/form-data"').and.contain('novalidate');
    expect(form.text).to.match(/<select id="f-fields-billboard_type" name="fields.billboard_type"/);
    expect(form.text).to.contain('<option value="papan_billboard">Papan/billboard</option>');
    expect(form.text).to.match(/name="fields.size_m2" type="text"[^>]*inputmode="decimal"/);
    expect(form.text).to.match(/name="fields.face_count" type="text"[^>]*inputmode="numeric"/);
    expect(form.text).to.match(/type="radio" id="f-fields-illuminated" name="fields.illuminated" value="ya"/);
    expect(form.text).to.match(/name="documents.ktp" type="file" accept="application\/pdf,image\/png,image\/jpeg,.pdf,.png,.jpg,.jpeg"[^>]*data-max-bytes="2097152"/);
    expect(form.text).to.match(/name="documents.owner_consent" type="file" accept="application\/pdf,.pdf"[^>]*data-max-bytes="2097152"/);
    expect(form.text).to.contain('PDF, PNG atau JPEG, paling besar 5 MB.').and.contain('data-too-large="Berkas ini lebih besar dari 2 MB.');
    // The applicant's name comes from the session; personal data fields as the API asks them.
    expect(form.text).to.match(/name="applicant.name" type="text" value="Budi Santoso"/);
    for (const k of ['nik', 'email', 'phone', 'address']) expect(form.text).to.contain(`name="applicant.${k}"`);
  });

  it('submits a reklame permit with uploads: review page, answer page with the registration number, the case in my applications', async () => {
    const agent = await signedIn('budi');
    await postForm(agent, REKLAME_INPUT, REKLAME_FILES).expect(303, '/izin/reklame/ajukan/periksa');
    const review = await agent.get('/izin/reklame/ajukan/periksa').expect(200);
    expect(review.text).to.contain('Periksa permohonan Anda').and.contain('8,5').and.contain('desain.png').and.contain('data-applicant="nik">6171010101900001<');
    // Choices as the permit type labels them, booleans in words: never the stored value.
    expect(review.text).to.contain('data-field="billboard_type">Baliho<').and.contain('data-field="illuminated">Ya<');
    const sent = await agent.post('/izin/reklame/ajukan/periksa').type('form').send({ _csrf: csrfOf(review.text) }).expect(303);
    const answer = await agent.get(sent.headers.location!).expect(200);
    const number = /data-registration-number="true">([^<]+)</.exec(answer.text)?.[1];
    expect(number).to.match(/^REG\/REK\/\d{4}\/\d{6}$/);
    const caseId = /\/terkirim\/([0-9a-f]+)$/.exec(sent.headers.location!)![1]!;
    const row = await harness().records.getCase(caseId);
    expect(row?.registrationNumber).to.equal(number);
    expect(row?.fields).to.deep.equal({
      billboard_type: 'baliho',
      size_m2: 8.5,
      face_count: 2,
      location: 'Jl. Arteri Supadio Km 3, Sungai Raya',
      duration_months: 6,
      ad_text: 'Toko Bangunan Maju Jaya',
      illuminated: true,
    });
    expect(Object.keys(row!.documents).sort()).to.deep.equal(['design', 'ktp', 'site_photo']);
    expect(await harness().records.getApplicant(caseId)).to.include({ nik: '6171010101900001', email: 'budi@example.id' });

    const mine = await agent.get('/permohonan').expect(200);
    expect(mine.text).to.contain(number).and.contain(`href="/permohonan/${caseId}"`).and.contain('Dalam pemeriksaan').and.contain('Pemeriksaan kelengkapan berkas');
    const page = await agent.get(`/permohonan/${caseId}`).expect(200);
    expect(page.text).to.contain(number).and.contain('Permohonan diregistrasi').and.contain('ktp.pdf').and.contain('Batas waktu tahap');
    expect(page.text).to.contain('data-field="billboard_type">Baliho<').and.contain('data-field="illuminated">Ya<');
    // The submitted draft is gone: a new form starts empty.
    const fresh = await agent.get('/izin/reklame/ajukan').expect(200);
    expect(fresh.text).to.not.contain('Jl. Arteri Supadio');
  });

  it('a double click on "Kirim permohonan" creates one case: both answers lead to the same registration', async () => {
    const agent = await signedIn('budi');
    await postForm(agent, { ...REKLAME_INPUT, 'fields.ad_text': 'Klik ganda' }, REKLAME_FILES).expect(303);
    const review = await agent.get('/izin/reklame/ajukan/periksa').expect(200);
    const before = (await harness().records.listCases({ applicantId: 'budi', limit: 1000 })).items.length;
    const send = () => agent.post('/izin/reklame/ajukan/periksa').type('form').send({ _csrf: csrfOf(review.text) });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).to.equal(303);
    expect(second.status).to.equal(303);
    expect(second.headers.location).to.equal(first.headers.location);
    const after = (await harness().records.listCases({ applicantId: 'budi', limit: 1000 })).items.length;
    expect(after - before).to.equal(1);
    // A third click after the answer goes to the same answer page.
    const third = await send().expect(303);
    expect(third.headers.location).to.equal(first.headers.location);
  });

  it('shows field errors next to the fields in the page language, with a linked summary, keeping everything typed', async () => {
    const agent = await signedIn('budi');
    const bad = { ...REKLAME_INPUT, 'applicant.nik': '12345', 'applicant.email': 'bukan-email', 'fields.size_m2': 'besar', 'fields.face_count': '9', 'fields.location': 'pendek' };
    delete (bad as Record<string, string>)['fields.billboard_type'];
    const res = await postForm(agent, bad, { ktp: { bytes: SAMPLE_PDF, name: 'ktp.pdf' } }).expect(400);
    expect(res.text).to.contain('Ada yang perlu diperbaiki');
    for (const [id, message] of [
      ['applicant-nik', 'NIK terdiri atas 16 angka.'],
      ['applicant-email', 'Isi alamat email yang benar'],
      ['fields-size_m2', 'Isi dengan angka'],
      ['fields-face_count', 'Paling besar 4.'],
      ['fields-location', 'Paling sedikit 10 karakter.'],
      ['fields-billboard_type', 'Pilih salah satu.'],
      ['documents-design', 'Unggah dokumen ini.'],
    ]) {
      expect(res.text, id).to.contain(`href="#f-${id}"`);
      expect(res.text, id).to.match(new RegExp(`<p id="f-${id}-error" class="field-message">${message}`));
    }
    // What was typed is still there, and the uploaded KTP is kept by the draft.
    expect(res.text).to.contain('value="besar"').and.contain('value="12345"').and.contain('value="pendek"').and.contain('Sudah diunggah: ktp.pdf');
    expect(res.text).to.not.contain('documents-ktp-error');

    const english = await postForm(agent.set('Cookie', 'sahkan_lang=en'), bad, {}).expect(400);
    expect(english.text).to.contain('There is a problem').and.contain('Enter a number, like 8 or 8.5.').and.contain('The NIK has 16 digits.');
  });

  it('refuses a file of the wrong type or one that is not a readable PDF, PNG or JPEG at its field', async () => {
    const agent = await signedIn('siti');
    const res = await postForm(agent, REKLAME_INPUT, {
      ...REKLAME_FILES,
      owner_consent: { bytes: SAMPLE_PNG, name: 'izin-pemilik.png' },
      design: { bytes: Buffer.from('not a picture at all'), name: 'desain.png' },
    }).expect(400);
    expect(res.text).to.match(/id="f-documents-owner_consent-error" class="field-message">Jenis berkas harus PDF\./);
    expect(res.text).to.match(/id="f-documents-design-error" class="field-message">Berkas tidak dapat dibaca/);
  });

  it('keeps a draft on the server: saved, reloaded, and continued later in the same session', async () => {
    const agent = await signedIn('siti');
    const saved = await postForm(agent, { 'fields.location': 'Jl. Tanjungpura No. 88', 'applicant.nik': '6171010101900002' }, { ktp: { bytes: SAMPLE_PDF, name: 'ktp-siti.pdf' } }, 'simpan').expect(303);
    expect(saved.headers.location).to.equal('/izin/reklame/ajukan?tersimpan=1');
    const shown = await agent.get(saved.headers.location!).expect(200);
    expect(shown.text).to.contain('Draf tersimpan.');
    const reloaded = await agent.get('/izin/reklame/ajukan').expect(200);
    expect(reloaded.text).to.contain('value="Jl. Tanjungpura No. 88"').and.contain('value="6171010101900002"').and.contain('Sudah diunggah: ktp-siti.pdf');
    // The KTP in the draft counts: the rest completes the application.
    const rest = Object.fromEntries(Object.entries(REKLAME_INPUT).filter(([k]) => k !== 'fields.location'));
    await postForm(agent, rest, { design: REKLAME_FILES.design, site_photo: REKLAME_FILES.site_photo }).expect(303, '/izin/reklame/ajukan/periksa');
    const review = await agent.get('/izin/reklame/ajukan/periksa').expect(200);
    expect(review.text).to.contain('Jl. Tanjungpura No. 88').and.contain('ktp-siti.pdf');
    // The review step without a complete draft goes back to the form.
    const other = await signedIn('siti');
    await other.get('/izin/reklame/ajukan/periksa').expect(303).expect('Location', '/izin/reklame/ajukan');
  });

  it('removes an upload from a draft with the button beside it (a plain form post), keeping what was typed', async () => {
    const agent = await signedIn('siti');
    await postForm(agent, { 'fields.location': 'Jl. Tanjungpura No. 90' }, { ktp: { bytes: SAMPLE_PDF, name: 'ktp-siti.pdf' }, design: REKLAME_FILES.design }, 'simpan').expect(303);
    const form = await agent.get('/izin/reklame/ajukan').expect(200);
    expect(form.text).to.match(/<button type="submit" class="button button-secondary" name="aksi" value="hapus:design" data-action="remove-upload" data-document="design">Hapus desain.png<\/button>/);
    // The form's first button is "continue", so Enter in a field never removes an upload.
    expect(/<button[^>]*>/.exec(form.text.slice(form.text.indexOf('id="application-form"')))![0]).to.contain('value="periksa"');

    const removed = await postForm(agent, { 'fields.location': 'Jl. Tanjungpura No. 91' }, {}, 'hapus:design').expect(303);
    expect(removed.headers.location).to.equal('/izin/reklame/ajukan?dihapus=1');
    const after = await agent.get(removed.headers.location!).expect(200);
    expect(after.text).to.contain('Unggahan telah dihapus dari draf.').and.contain('value="Jl. Tanjungpura No. 91"');
    expect(after.text).to.contain('Sudah diunggah: ktp-siti.pdf').and.not.contain('desain.png').and.not.contain('value="hapus:design"');
    // A required upload removed is missing again at the review step.
    const rest = Object.fromEntries(Object.entries(REKLAME_INPUT).filter(([k]) => k !== 'fields.location'));
    const missing = await postForm(agent, rest, { site_photo: REKLAME_FILES.site_photo }).expect(400);
    expect(missing.text).to.contain('href="#f-documents-design"');
    // An unknown requirement is not an action: the post only saves the draft and goes on.
    await postForm(agent, {}, {}, 'hapus:nope').expect(400);
  });

  it('shows the reviewer comment and takes a revision through the same use case; bad input keeps the revision typed', async () => {
    const agent = await signedIn('budi');
    const { caseId } = await applyForReklame(agent);
    await decideAll(caseId, 'request_changes');
    const page = await agent.get(`/permohonan/${caseId}`).expect(200);
    expect(page.text).to.contain('Perbaikan diminta').and.contain('Mohon lengkapi gambar struktur').and.contain('id="revision-form"');
    expect(page.text).to.contain('value="Jl. Arteri Supadio Km 3, Sungai Raya"');
    // The clock stops while the file is with the applicant: said, and in the ledger with its reason.
    expect(page.text).to.contain('data-clock-paused').and.contain('Waktu layanan berhenti sejak').and.contain('data-reason="awaiting_revision"').and.contain('masih berhenti');
    expect(page.text).to.contain('data-clock-stage="kelengkapan"');

    const bad = await agent
      .post(`/permohonan/${caseId}/perbaikan`)
      .field('_csrf', csrfOf(page.text))
      .field('fields.face_count', '9')
      .field('fields.location', 'Jl. Arteri Supadio Km 4, depan SPBU')
      .field('comment', 'Titik dipindah')
      .expect(400);
    expect(bad.text).to.match(/id="f-fields-face_count-error" class="field-message">Paling besar 4\./);
    expect(bad.text).to.contain('value="Jl. Arteri Supadio Km 4, depan SPBU"').and.contain('Titik dipindah');

    const done = await agent
      .post(`/permohonan/${caseId}/perbaikan`)
      .field('_csrf', csrfOf(page.text))
      .field('fields.location', 'Jl. Arteri Supadio Km 4, depan SPBU')
      .field('comment', 'Titik dipindah')
      .attach('documents.design', SAMPLE_PDF, 'desain-baru.pdf')
      .expect(303);
    expect(done.headers.location).to.equal(`/permohonan/${caseId}?diperbaiki=1`);
    const row = await harness().records.getCase(caseId);
    expect(row?.status).to.equal('in_review');
    expect(row?.fields.location).to.equal('Jl. Arteri Supadio Km 4, depan SPBU');
    expect(row?.fields.face_count).to.equal(2);
    const after = await agent.get(done.headers.location!).expect(200);
    expect(after.text).to.contain('Perbaikan Anda telah dikirim.').and.contain('Perbaikan dikirim pemohon').and.contain('desain-baru.pdf');
    expect(after.text).to.not.contain('id="revision-form"');
    expect(after.text).to.contain('data-paused="false"').and.contain('data-reason="awaiting_revision"').and.not.contain('masih berhenti');
  });

  it('clears an optional field emptied in the revision form, and refuses a required one emptied at its field', async () => {
    const agent = await signedIn('budi');
    const body = await submissionBody(harness().catalog.get('sip')!, 'budi');
    const submitted = await harness().http().post('/api/v1/permits').set('Authorization', await harness().token('budi')).send(body);
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseId = submitted.body.id as string;
    await decideAll(caseId, 'request_changes');
    const page = await until(async () => {
      const res = await agent.get(`/permohonan/${caseId}`).expect(200);
      return res.text.includes('id="revision-form"') ? res : undefined;
    }, 'the revision form');
    expect(page.text).to.match(/name="fields.str_valid_until" type="date"[^>]*value="2027-06-30"/);

    const bad = await agent
      .post(`/permohonan/${caseId}/perbaikan`)
      .field('_csrf', csrfOf(page.text))
      .field('fields.str_number', '')
      .field('fields.str_valid_until', '')
      .expect(400);
    expect(bad.text).to.match(/id="f-fields-str_number-error" class="field-message">Wajib diisi\./);
    expect((await harness().records.getCase(caseId))?.fields.str_valid_until).to.equal('2027-06-30');

    await agent.post(`/permohonan/${caseId}/perbaikan`).field('_csrf', csrfOf(page.text)).field('fields.str_valid_until', '').field('comment', 'STR seumur hidup').expect(303);
    const row = await harness().records.getCase(caseId);
    expect(row?.status).to.equal('in_review');
    expect(row?.fields).to.not.have.property('str_valid_until');
    expect(row?.fields.str_number).to.equal(body.fields.str_number);
  });

  it('withdraws after a confirmation step through the same use case', async () => {
    const agent = await signedIn('budi');
    const { caseId, registrationNumber } = await applyForReklame(agent);
    const page = await agent.get(`/permohonan/${caseId}`).expect(200);
    expect(page.text).to.contain(`href="/permohonan/${caseId}/tarik"`);
    const confirm = await agent.get(`/permohonan/${caseId}/tarik`).expect(200);
    expect(confirm.text).to.contain(`Tarik permohonan ${registrationNumber}?`).and.contain('Ya, tarik permohonan');
    expect((await harness().records.getCase(caseId))?.status).to.equal('in_review');
    const done = await agent.post(`/permohonan/${caseId}/tarik`).type('form').send({ _csrf: csrfOf(confirm.text), reason: 'Lokasi batal disewa' }).expect(303);
    expect(done.headers.location).to.equal(`/permohonan/${caseId}?ditarik=1`);
    expect((await harness().records.getCase(caseId))?.status).to.equal('withdrawn');
    const after = await agent.get(done.headers.location!).expect(200);
    expect(after.text).to.contain('Permohonan telah ditarik.').and.contain('Dicabut pemohon').and.contain('Lokasi batal disewa');
    expect(after.text).to.not.contain(`href="/permohonan/${caseId}/tarik"`);
    // Withdrawn once: a second confirmation is refused as a conflict, not a crash.
    const again = await agent.post(`/permohonan/${caseId}/tarik`).type('form').send({ _csrf: csrfOf(confirm.text) });
    expect(again.status).to.equal(409);
  });

  it('offers the certificate download once issued', async () => {
    const agent = await signedIn('budi');
    const { caseId } = await applyForReklame(agent);
    const before = await agent.get(`/permohonan/${caseId}`).expect(200);
    expect(before.text).to.not.contain('sertifikat.pdf');
    await agent.get(`/permohonan/${caseId}/sertifikat.pdf`).expect(404);
    for (let i = 0; i < 3; i++) await decideAll(caseId, 'approve');
    // Awaiting the signature: the stage no permit type has, named in the page's language (not its stored name).
    expect(await agent.get(`/permohonan/${caseId}`).expect(200).then((r) => r.text)).to.match(/data-stage="penandatanganan">Penandatanganan</);
    await agent.get('/bahasa/en?kembali=%2F').expect(303);
    expect((await agent.get(`/permohonan/${caseId}`).expect(200)).text).to.match(/data-stage="penandatanganan">Signature</);
    expect((await agent.get('/permohonan').expect(200)).text).to.not.contain('>Penandatanganan<');
    await agent.get('/bahasa/id?kembali=%2F').expect(303);
    await signAsHead(caseId);
    const issued = await agent.get(`/permohonan/${caseId}`).expect(200);
    expect(issued.text).to.contain('Terbit').and.contain(`href="/permohonan/${caseId}/sertifikat.pdf"`);
    // The public page of the QR code, with its check code, beside the download.
    const certificate = (await harness().records.issuance.byCase(caseId))!;
    expect(issued.text).to.contain(`href="${verificationPath(certificate.number, verificationCode(caseId, certificate.number))}"`);
    const pdf = await agent.get(`/permohonan/${caseId}/sertifikat.pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200).expect('Content-Type', 'application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it("answers another applicant's case with the 404 page, on every page and action", async () => {
    const budi = await signedIn('budi');
    const { caseId } = await applyForReklame(budi);
    const siti = await signedIn('siti');
    const home = await siti.get('/').expect(200);
    for (const path of [`/permohonan/${caseId}`, `/permohonan/${caseId}/tarik`, `/permohonan/${caseId}/sertifikat.pdf`, `/izin/reklame/ajukan/terkirim/${caseId}`]) {
      const res = await siti.get(path).expect(404);
      expect(res.text, path).to.contain('Halaman tidak ditemukan');
    }
    await siti.post(`/permohonan/${caseId}/tarik`).type('form').send({ _csrf: csrfOf(home.text) }).expect(404);
    await siti.post(`/permohonan/${caseId}/perbaikan`).field('_csrf', csrfOf(home.text)).field('comment', 'x').expect(404);
    const list = await siti.get('/permohonan').expect(200);
    expect(list.text).to.not.contain(caseId);
    expect((await harness().records.getCase(caseId))?.status).to.equal('in_review');
  });
});
