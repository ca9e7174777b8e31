import { expect } from 'chai';
import { activeContract, completeAddendum, decide, draft, legalApproves, proposeAddendum, sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

const JUSTIFICATION = 'Penambahan volume komputer karena pembukaan gerai layanan baru di Kecamatan Rasau Jaya';

/** The items of the contract's current terms with one line's quantity changed. */
async function itemsWith(id: string, quantity: number) {
  const detail = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('ppk'));
  return (detail.body.currentTerms.items as Array<{ id: string; quantity: number }>).map((i) => (i.id === 'pc' ? { ...i, quantity } : i));
}

describe('contract addenda: child workflows on the same engine, under the 10% rule', function () {
  this.timeout(120_000);

  it('signs an addendum within 10%, gives it its own number and makes it the current terms', async () => {
    const id = await activeContract();
    const before = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('ppk'));
    const original = before.body.currentTerms.value as number;
    // 10 → 11 computers at 13.5 million: +13.5 million on 148 million, about 9.1%.
    const res = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk')).send({ justification: JUSTIFICATION, items: await itemsWith(id, 11) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.cap.withinCap).to.equal(true);
    const detail = await completeAddendum(id, res.body.id);
    expect(detail.status).to.equal('active');
    expect(detail.currentTerms.value).to.equal(original + 13_500_000);
    expect(detail.originalTerms.value).to.equal(original);
    expect(detail.addenda).to.have.length(1);
    expect(detail.timeline.map((e: { action: string }) => e.action)).to.include('amended');
    const register = await harness().records.issuance.byCase(res.body.id);
    expect(register?.number).to.equal(`${detail.number}/ADD-1`);
    const pdf = await harness().blobs.get(register!.sha256);
    const verify = await http().post('/api/v1/public/verify').attach('file', pdf!, 'adendum.pdf');
    expect(verify.body.valid).to.equal(true);
    expect(verify.body.signatures).to.have.length(2);

    const publicRegister = await http().get('/api/v1/public/contracts').query({ query: detail.number });
    const entry = publicRegister.body.items.find((c: { number: string }) => c.number === detail.number);
    expect(entry).to.include({ title: 'Pengadaan Komputer Layanan Perizinan DPMPTSP', vendor: 'CV Maju Jaya', value: original + 13_500_000, endDate: '2027-01-05' });
    expect(entry.addenda).to.deep.equal([`${detail.number}/ADD-1`]);
    expect(JSON.stringify(publicRegister.body)).not.to.match(/197805122005011003|Andi Wijaya/); // no NIP, no person's name
  });

  it('answers a repeated request with the same Idempotency-Key with the first answer: one addendum, one new version', async () => {
    const id = await activeContract();
    const body = { justification: JUSTIFICATION, items: await itemsWith(id, 11) };
    const termsVersion = ((await harness().records.getCase(id))!.facts as { termsVersion: number }).termsVersion;
    const send = async (payload: object, key?: string) => {
      const req = http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk'));
      return (key ? req.set('Idempotency-Key', key) : req).send(payload);
    };
    const key = `adendum-${id}`;
    const first = await send(body, key);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const again = await send(body, key);
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    // The same key with another body is another request: refused, not answered with the first addendum.
    const changed = await send({ ...body, justification: `${JUSTIFICATION} (diubah)` }, key);
    expect(changed.status).to.equal(422);
    expect(changed.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');

    // The child case registers on its own: wait for it, then there is that one and no other.
    const detail = await until(async () => {
      const res = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('ppk'));
      return res.body.addenda.length > 0 ? res.body : undefined;
    }, 'the addendum on the contract');
    expect(detail.addenda.map((a: { id: string }) => a.id)).to.deep.equal([first.body.id]);
    expect(((await harness().records.getCase(id))!.facts as { termsVersion: number }).termsVersion).to.equal(termsVersion + 1);
    expect(await harness().records.contractVersions.get(id, termsVersion + 2)).to.equal(undefined);
  });

  it('answers a repeated new version of the terms with the same Idempotency-Key once', async () => {
    const id = await draft();
    await legalApproves(id);
    const send = async () =>
      http()
        .post(`/api/v1/contracts/${id}/versions`)
        .set('Authorization', await token('vendor-a'))
        .set('Idempotency-Key', `versi-${id}`)
        .send({ terms: sampleTerms({ unitPrice: 13_000_000 }) });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const again = await send();
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await harness().records.contractVersions.get(id, first.body.version + 1)).to.equal(undefined);
  });

  it('refuses an addendum above 10% without an exception, and takes one with an exception approved by the head of office', async () => {
    const id = await activeContract();
    const items = await itemsWith(id, 12); // +27 million on 148 million, about 18%
    const refused = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk')).send({ justification: JUSTIFICATION, items });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('CAP_EXCEEDED');
    expect(refused.body.error.message).to.match(/10% cap/);
    const vendorTries = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('vendor-a')).send({ justification: JUSTIFICATION, items });
    expect(vendorTries.status).to.equal(403);

    const res = await http()
      .post(`/api/v1/contracts/${id}/addenda`)
      .set('Authorization', await token('ppk'))
      .send({ justification: JUSTIFICATION, items, exceptionReason: 'Keadaan darurat layanan: lonjakan permohonan perizinan pascabencana banjir' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.cap.withinCap).to.equal(false);
    const detail = await completeAddendum(id, res.body.id);
    expect(detail.currentTerms.items.find((i: { id: string }) => i.id === 'pc').quantity).to.equal(12);
    expect(detail.addenda[0].exceptionReason).to.match(/darurat/);
    const events = await harness().records.listEvents(res.body.id);
    expect(events.some((e) => e.stageId === 'persetujuan_pengecualian' && e.action === 'approve')).to.equal(true);
  });
  it('lets the PPK withdraw an addendum legal sent back for changes, and then takes a new addendum of the same contract', async () => {
    const id = await activeContract();
    const first = await proposeAddendum(id);
    const review = await until(async () => (await harness().records.listTasksForCase(first)).find((t) => t.status === 'open' && t.kind === 'review'), 'legal review of the addendum');
    await decide('hukum', review.id, { outcome: 'request_changes', comment: 'Lampirkan berita acara kebutuhan gerai baru' });
    expect((await harness().records.getCase(first))?.status).to.equal('changes_requested');
    // Wedged before: another addendum of this contract is refused while this one waits.
    const blocked = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk')).send({ justification: JUSTIFICATION, items: await itemsWith(id, 11) });
    expect(blocked.status).to.equal(409);

    const withdrawal = (user: string, addendumId = first, contractId = id) =>
      http().post(`/api/v1/contracts/${contractId}/addenda/${addendumId}/withdrawal`).set('Authorization', user).send({ reason: 'Diganti usulan adendum baru' });
    expect((await withdrawal(await token('vendor-a'))).status).to.equal(403);
    expect((await withdrawal(await token('vendor-b'))).status).to.equal(404);
    expect((await withdrawal(await token('ppk'), first, `${id}x`)).status).to.equal(404);
    const badReason = await http().post(`/api/v1/contracts/${id}/addenda/${first}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 5 });
    expect(badReason.status).to.equal(400);
    const withdrawn = await withdrawal(await token('ppk'));
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.status).to.equal('withdrawn');
    expect((await withdrawal(await token('ppk'))).status).to.equal(409);

    // The contract takes a new addendum once its workflow has seen the child end.
    let second: string | undefined;
    for (let i = 0; i < 100 && !second; i++) {
      const res = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk')).send({ justification: JUSTIFICATION, items: await itemsWith(id, 11) });
      if (res.status === 201) second = res.body.id as string;
      else {
        expect(res.status, JSON.stringify(res.body)).to.equal(409);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(second, 'a new addendum accepted').to.be.a('string');
    expect(second).to.not.equal(first);
    const detail = await completeAddendum(id, second!);
    expect(detail.addenda.map((a: { id: string; status: string }) => [a.id, a.status])).to.deep.equal([
      [first, 'withdrawn'],
      [second, 'issued'],
    ]);
    const register = await harness().records.issuance.byCase(second!);
    expect(register?.number).to.equal(`${detail.number}/ADD-1`); // the withdrawn one took no number
  });
});
