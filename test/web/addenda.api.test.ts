import { expect } from 'chai';
import type supertest from 'supertest';
import { activeContract } from '../harness/contracts';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { csrfOf, signInAs } from '../harness/web';

const JUSTIFICATION = 'Penambahan volume komputer karena pembukaan gerai layanan baru di Kecamatan Rasau Jaya';
const EXCEPTION = 'Keadaan darurat layanan: lonjakan permohonan perizinan pascabencana banjir';

/** The form as the page sends it, from the terms in force (10 computers at 13.5 million, 4 printers), with overrides. */
function formBody(csrf: string, overrides: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    'items.0.description': 'Komputer desktop layanan perizinan (Core i5, RAM 16 GB, SSD 512 GB)',
    'items.0.quantity': '10',
    'items.0.unit': 'unit',
    'items.0.unitPrice': '13500000',
    'items.1.description': 'Printer laser A4 monokrom',
    'items.1.quantity': '4',
    'items.1.unit': 'unit',
    'items.1.unitPrice': '3250000',
    'items.2.description': '',
    'items.2.quantity': '',
    'items.2.unit': '',
    'items.2.unitPrice': '',
    endDate: '2027-01-05',
    justification: JUSTIFICATION,
    aksi: 'lanjut',
    ...overrides,
  };
}

/**
 * The addendum pages without a browser: the 10% rule with the contract's own figures, field errors with the typed
 * values kept, the review step's percentage within and above the cap, the exception path, and 404 for strangers.
 */
describe('web pages: addenda under the 10% rule', function () {
  this.timeout(180_000);
  let id: string;
  let ppk: supertest.Agent;
  const formUrl = () => `/kontrak/${id}/adendum/baru`;
  /** The addendum filed above the cap by the test before the last, still under way. */
  let underWay = '';

  before(async () => {
    id = await activeContract(); // 148,000,000 as signed: the cap is 14,800,000
    ppk = harness().http();
    await signInAs(ppk, 'ppk');
  });

  it('offers the addendum form on the contract page to its PPK only', async () => {
    expect((await ppk.get(`/kontrak/${id}`).expect(200)).text).to.contain(`href="${formUrl()}" data-action="new-addendum"`);
    const vendor = harness().http();
    await signInAs(vendor, 'vendor-a');
    expect((await vendor.get(`/kontrak/${id}`).expect(200)).text).not.to.contain('data-action="new-addendum"');
  });

  it('explains the 10% rule with the contract’s original value, earlier addenda, the cap and the room left', async () => {
    const page = await ppk.get(formUrl()).expect(200);
    expect(page.text).to.contain('Aturan batas 10%').and.contain('pasal 54 ayat (2)');
    expect(page.text).to.match(/data-cap="original">Rp\s148\.000\.000</);
    expect(page.text).to.match(/data-cap="earlier">Rp\s0</);
    expect(page.text).to.match(/data-cap="limit">Rp\s14\.800\.000</);
    expect(page.text).to.match(/data-cap="highest">Rp\s162\.800\.000</);
    expect(page.text).to.match(/data-cap="left">Rp\s14\.800\.000</);
    expect(page.text).to.contain('Persetujuan pengecualian batas 10%'); // the type's exception stage, by name
    expect(page.text).to.match(/<input id="f-items-0-quantity" name="items.0.quantity" type="text" value="10"/);
  });

  it('shows each error by its field with the error summary, and keeps what was typed', async () => {
    const csrf = csrfOf((await ppk.get(formUrl())).text);
    const res = await ppk
      .post(formUrl())
      .type('form')
      .send(formBody(csrf, { 'items.0.quantity': 'sebelas', 'items.1.unitPrice': 'tiga juta', 'items.2.description': 'Pemindai dokumen', endDate: '2026-11-01', justification: 'terlalu singkat' }))
      .expect(400);
    expect(res.text).to.contain('data-error-summary');
    const errorOf = (path: string) => new RegExp(`id="f-${path}-error" class="field-message">([^<]+)<`).exec(res.text)?.[1];
    expect(errorOf('items-0-quantity')).to.match(/volume berupa angka/);
    expect(errorOf('items-1-unitPrice')).to.match(/rupiah utuh/);
    expect(errorOf('items-2-quantity')).to.equal('Isian ini wajib diisi.'); // a new row half filled in
    expect(errorOf('endDate')).to.match(/sebelum tanggal mulai/);
    expect(errorOf('justification')).to.match(/paling sedikit 20 karakter/);
    expect(res.text).to.contain('href="#f-items-0-quantity"');
    expect(res.text).to.contain('value="sebelas"').and.contain('value="tiga juta"').and.contain('value="Pemindai dokumen"').and.contain('>terlalu singkat</textarea>');

    const unchanged = await ppk.post(formUrl()).type('form').send(formBody(csrf)).expect(400);
    expect(unchanged.text).to.contain('Isian belum mengubah apa pun');
  });

  it('computes the new cumulative percentage on the review step: 11 computers stay within the cap', async () => {
    const csrf = csrfOf((await ppk.get(formUrl())).text);
    const res = await ppk.post(formUrl()).type('form').send(formBody(csrf, { 'items.0.quantity': '11' })).expect(303);
    expect(res.headers.location).to.equal(`${formUrl()}/periksa`);
    const review = await ppk.get(`${formUrl()}/periksa`).expect(200);
    expect(review.text).to.contain('data-cap-result="within"');
    expect(review.text).to.match(/data-cap="proposed">Rp\s161\.500\.000</);
    expect(review.text).to.contain('9,12% dari nilai awal'); // 13.5 of 148 million
    expect(review.text).not.to.contain('name="exceptionReason"');
    expect(review.text).to.contain('data-change="before">10<').and.contain('data-change="after">11<').and.contain('Komputer desktop');
    // Back to the form: the draft is kept.
    expect((await ppk.get(formUrl()).expect(200)).text).to.match(/name="items.0.quantity" type="text" value="11"/);
  });

  it('above the cap says the exception path is needed, asks for its reason, and files the addendum with it', async () => {
    const csrf = csrfOf((await ppk.get(formUrl())).text);
    await ppk.post(formUrl()).type('form').send(formBody(csrf, { 'items.0.quantity': '12' })).expect(303);
    const review = await ppk.get(`${formUrl()}/periksa`).expect(200);
    expect(review.text).to.contain('data-cap-result="above"').and.contain('jalur pengecualian');
    expect(review.text).to.contain('18,24% dari nilai awal'); // 27 of 148 million
    expect(review.text).to.contain('name="exceptionReason"');

    const missing = await ppk.post(`${formUrl()}/periksa`).type('form').send({ _csrf: csrf, exceptionReason: 'darurat' }).expect(400);
    expect(/id="f-exceptionReason-error" class="field-message">([^<]+)</.exec(missing.text)?.[1]).to.match(/paling sedikit 20 karakter/);
    expect(missing.text).to.contain('>darurat</textarea>');

    const filed = await ppk.post(`${formUrl()}/periksa`).type('form').send({ _csrf: csrf, exceptionReason: EXCEPTION }).expect(303);
    const addendumUrl = filed.headers.location!.split('?')[0]!;
    expect(addendumUrl).to.match(new RegExp(`^/kontrak/${id}/adendum/${id}-a\\d+$`));
    // On a loaded machine the child may take a while to register: meanwhile the page says so (200), never 404
    // (the session remembers the addendum it filed, whatever the store's view of the contract shows yet).
    const page = await until(async () => {
      const res = await ppk.get(filed.headers.location!).expect(200);
      return res.text.includes('data-registration-number') ? res : expect(res.text).to.contain('data-addendum-pending') && undefined;
    }, 'the addendum registered', 60_000);
    expect(page.text).to.contain('data-notice="submitted"').and.contain('data-addendum-path="exception"').and.contain(EXCEPTION);
    expect(page.text).to.contain('data-addendum-status="in_review"');
    const addendumId = addendumUrl.split('/').at(-1)!;
    underWay = addendumUrl;
    const row = await harness().records.getCase(addendumId);
    expect(row?.fields.exceptionReason).to.equal(EXCEPTION);

    // Before signing, its draft (rendered off the event loop, no number) for the parties.
    const draft = await ppk.get(`${addendumUrl}/dokumen.pdf`).buffer(true).expect(200);
    expect(draft.headers['content-type']).to.equal('application/pdf');
    expect(draft.headers['content-disposition']).to.match(/draf-adendum-/);

    // An id that is no addendum of this contract (no such version) is the 404 page, not "being registered".
    await ppk.get(`/kontrak/${id}/adendum/${id}-a99`).expect(404);

    // One addendum at a time: the form now points to the one under way.
    const busy = await ppk.get(formUrl()).expect(409);
    expect(busy.text).to.contain('data-blocked="inProgress"').and.contain(`href="${addendumUrl}"`);

    // The vendor, a party, reads it; another vendor and an applicant get the 404 page.
    const vendor = harness().http();
    await signInAs(vendor, 'vendor-a');
    await vendor.get(addendumUrl).expect(200);
    for (const stranger of ['vendor-b', 'budi']) {
      const agent = harness().http();
      await signInAs(agent, stranger);
      await agent.get(addendumUrl).expect(404);
      await agent.get(formUrl()).expect(404);
      await agent.get(`${addendumUrl}/dokumen.pdf`).expect(404);
    }
    // The vendor may read the contract but may not propose an addendum to it.
    expect((await vendor.get(formUrl()).expect(403)).text).to.contain('data-blocked="notPpk"');
  });
  it('lets the PPK withdraw an addendum legal sent back for changes, with a confirmation, and then propose a new one', async () => {
    const addendumId = underWay.split('/').at(-1)!;
    const review = await until(async () => (await harness().records.listTasksForCase(addendumId)).find((t) => t.status === 'open' && t.kind === 'review'), 'legal review');
    const res = await harness().http().post(`/api/v1/tasks/${review.id}/decision`).set('Authorization', await harness().token('hukum')).send({ outcome: 'request_changes', comment: 'Lampirkan berita acara' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);

    const page = await ppk.get(underWay).expect(200);
    expect(page.text).to.contain('data-addendum-status="changes_requested"').and.contain(`href="${underWay}/tarik" data-action="withdraw-addendum"`);
    const vendor = harness().http();
    await signInAs(vendor, 'vendor-a');
    expect((await vendor.get(underWay).expect(200)).text).not.to.contain('data-action="withdraw-addendum"');
    await vendor.get(`${underWay}/tarik`).expect(403);

    const confirm = await ppk.get(`${underWay}/tarik`).expect(200);
    expect(confirm.text).to.contain('Tarik adendum ke-1').and.contain('data-action="confirm-withdraw"').and.contain(`href="${underWay}"`);
    const csrf = csrfOf(confirm.text);
    const tooLong = await ppk.post(`${underWay}/tarik`).type('form').send({ _csrf: csrf, reason: 'x'.repeat(2001) }).expect(400);
    expect(tooLong.text).to.contain('id="f-reason-error"').and.contain('x'.repeat(2001));
    const done = await ppk.post(`${underWay}/tarik`).type('form').send({ _csrf: csrf, reason: 'Diganti usulan adendum baru' }).expect(303);
    expect(done.headers.location).to.equal(`${underWay}?pesan=ditarik`);
    const after = await ppk.get(done.headers.location!).expect(200);
    expect(after.text).to.contain('data-notice="withdrawn"').and.contain('data-addendum-status="withdrawn"').and.not.contain('data-action="withdraw-addendum"');
    await ppk.get(`${underWay}/tarik`).expect(409);

    // The contract takes a new addendum once its workflow has seen this one end: the form is no longer blocked.
    await until(async () => (await ppk.get(formUrl())).status === 200, 'the addendum form open again');
  });
});
