import { expect } from 'chai';
import type { TTask } from '../../domain/case';
import { seedContract } from '../../scripts/seed-cases';
import { harness } from '../harness/harness';

/**
 * Every list of the API pages by cursor (issue 11 §1): `?limit=` and `?cursor=`, answers `{ items, nextCursor }`.
 * Each list here is walked a small page at a time over rows this suite wrote under its own names (the store is
 * shared), with ties in the list's order so that the tie-breaker is what keeps rows apart: every row comes once, the
 * last page says null, a cursor the list did not give is a 400 naming `cursor`. (`GET /admin/cases`: test/web/admin.)
 */
describe('cursor pagination of the lists (API)', () => {
  const run = Date.now().toString(36);
  const applicant = `pager-${run}`;
  const role = `reviewer:pager-${run}`;
  const vendorRole = `vendor:pager-${run}`;
  const MARK = `Uji Halaman ${run}`;
  const COUNT = 7;
  const ids = { permit: [] as string[], contract: [] as string[], task: [] as string[], register: [] as string[] };

  before(async () => {
    const { records } = harness();
    for (let i = 0; i < COUNT; i++) {
      // Pairs submitted in the same millisecond, due at the same time, issued at the same time: ties to break.
      const at = new Date(Date.UTC(2099, 0, 10 + Math.floor(i / 2), 2)).toISOString();
      const permit = `pager-permit-${run}-${i}`;
      await records.registerCase({ caseId: permit, kind: 'permit', typeId: 'pbg', typeCode: 'PGR', applicantId: applicant, submittedAt: at, year: 2099 });
      const task: TTask = {
        id: `pager-task-${run}-${i}`,
        kind: 'review',
        caseId: permit,
        stageId: 'kelengkapan',
        stageName: 'Kelengkapan',
        role,
        status: i === 3 ? 'claimed' : 'open',
        assignee: i === 3 ? 'someone' : null,
        outcome: null,
        comment: null,
        createdAt: at,
        dueAt: at,
        decidedAt: null,
        version: 1,
      };
      await records.projectCase({
        caseId: permit,
        version: 1,
        status: 'in_review',
        stageId: 'kelengkapan',
        stageName: 'Kelengkapan',
        fields: {},
        facts: { kind: 'permit', flags: [] },
        documents: {},
        stageDueAt: at,
        caseDueAt: at,
        closedAt: null,
        outcomeReason: null,
        tasks: [task, { ...task, id: `pager-done-${run}-${i}`, status: 'done', decidedAt: at }],
        events: [],
      });
      ids.permit.push(permit);
      ids.task.push(task.id);

      const contract = `pager-contract-${run}-${i}`;
      await seedContract(records, {
        caseId: contract,
        typeCode: 'PGK',
        applicantId: `ppk-${run}`,
        submittedAt: new Date(at),
        fields: { title: `${MARK} ${i}`, vendorName: 'CV Halaman', value: 1_000_000, ppkRole: `ppk:pager-${run}`, vendorRole },
      });
      ids.contract.push(contract);

      const number = `${run}/${i}/SP/PGR`;
      await records.issuance.register({ number, caseId: contract, kind: 'contract', typeId: 'barang', title: `${MARK} ${i}`, holderName: 'CV Halaman', sha256: `${run}${i}`.padStart(64, 'f'), issuedAt: at, signerName: 'Penandatangan', serial: '01' });
      ids.register.push(number);
    }
  });

  /** Walks a list `limit` at a time from the first page; every page's items and the last page's nextCursor. */
  async function walk(path: string, auth: string | null, query: Record<string, string>, idOf: (item: Record<string, unknown>) => string) {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const request = harness().http().get(`/api/v1${path}`).query(cursor ? { ...query, cursor } : query);
      const res = await (auth ? request.set('Authorization', auth) : request);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(Object.keys(res.body).sort()).to.include.members(['items', 'nextCursor']);
      expect(res.body).to.not.have.property('total');
      pages.push((res.body.items as Array<Record<string, unknown>>).map(idOf));
      cursor = res.body.nextCursor as string | null;
    } while (cursor !== null && pages.length < 50);
    return pages;
  }

  const idOf = (i: Record<string, unknown>) => String(i.id);
  const LISTS: Array<{ name: string; path: string; auth: () => Promise<string | null>; query: Record<string, string>; idOf: typeof idOf; expected: string[] }> = [
    { name: 'GET /permits', path: '/permits', auth: () => harness().token(applicant, ['applicant']), query: {}, idOf, expected: ids.permit },
    { name: 'GET /contracts', path: '/contracts', auth: () => harness().token(`vendor-${run}`, [vendorRole]), query: {}, idOf, expected: ids.contract },
    { name: 'GET /tasks', path: '/tasks', auth: () => harness().token(`reviewer-${run}`, [role]), query: {}, idOf, expected: ids.task },
    { name: 'GET /public/contracts', path: '/public/contracts', auth: async () => null, query: { query: MARK }, idOf: (i: Record<string, unknown>) => String(i.number), expected: ids.register },
  ];

  for (const list of LISTS) {
    it(`${list.name}: pages of 2 give every row exactly once, in the list's order, the last with nextCursor null`, async () => {
      const auth = await list.auth();
      const pages = await walk(list.path, auth, { ...list.query, limit: '2' }, list.idOf);
      const seen = pages.flat();
      expect(pages.map((p) => p.length)).to.deep.equal([2, 2, 2, 1]);
      expect(seen).to.have.members(list.expected);
      expect(seen).to.have.length(COUNT);
      // The same rows in the same order as one page holding them all.
      expect((await walk(list.path, auth, { ...list.query, limit: '200' }, list.idOf)).flat()).to.deep.equal(seen);

      const request = (query: Record<string, string>) => {
        const r = harness().http().get(`/api/v1${list.path}`).query({ ...list.query, ...query });
        return auth ? r.set('Authorization', auth) : r;
      };
      const forged = Buffer.from(JSON.stringify(['somewhere', '2099-01-01T00:00:00.000Z', 'x'])).toString('base64url');
      for (const cursor of ['bm90LWEtY3Vyc29y', forged, 'x'.repeat(601), '%%%']) {
        const res = await request({ cursor });
        expect(res.status, `${cursor}: ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['cursor']);
      }
      for (const limit of ['0', '201', 'abc']) {
        const res = await request({ limit });
        expect(res.status, limit).to.equal(400);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['limit']);
      }
    });
  }

  it('refuses a cursor one list gave on another list', async () => {
    const permits = await harness().http().get('/api/v1/permits').query({ limit: 1 }).set('Authorization', await harness().token(applicant, ['applicant']));
    expect(permits.body.nextCursor).to.be.a('string');
    const res = await harness().http().get('/api/v1/tasks').query({ cursor: permits.body.nextCursor }).set('Authorization', await harness().token(`reviewer-${run}`, [role]));
    expect(res.status).to.equal(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['cursor']);
  });
});
