import { expect } from 'chai';
import { harness } from '../harness/harness';
import { seedNoticedCase } from '../harness/notices';

/**
 * GET /api/v1/notices on the real API (issue 10 §2): each staff member sees the reminders and escalations addressed
 * to roles they hold, newest first, a bounded page at a time; the supervisor and the head reach the case through
 * them. The store is shared with the other suites: everything is checked on this suite's own case.
 */
describe('API: my reminders and escalations (GET /notices)', function () {
  this.timeout(120_000);
  let caseId = '';
  let registrationNumber = '';
  let puprTask = '';

  before(async () => {
    ({ caseId, registrationNumber, puprTask } = await seedNoticedCase());
  });

  const notices = async (user: string, query: Record<string, string> = {}) =>
    harness().http().get('/api/v1/notices').query(query).set('Authorization', await harness().token(user));
  type TNotice = { caseId: string; kind: string; role: string };
  const mine = (body: { items: TNotice[] }) => body.items.filter((n) => n.caseId === caseId);

  it('the reviewer sees the reminders to their role, newest first, each linking to their task; another reviewer sees nothing of it', async () => {
    const res = await notices('agus', { limit: '100' });
    expect(res.status).to.equal(200);
    expect(mine(res.body).map((n) => `${n.kind}>${n.role}`)).to.deep.equal(['reminder_75>reviewer:pupr', 'reminder_50>reviewer:pupr']);
    const [latest] = mine(res.body);
    expect(latest).to.include({ registrationNumber, typeId: 'pbg', stageId: 'kajian_teknis', stageName: 'Kajian teknis', to: 'role', stageOpen: true, link: `/tugas/${puprTask}` });
    for (const user of ['wulan', 'rahmat', 'budi', 'admin']) {
      const other = await notices(user, { limit: '100' });
      expect(other.status, user).to.equal(200);
      expect(mine(other.body), `${user} sees nothing of it`).to.deep.equal([]);
    }
  });

  it('the 90% reminder reaches the unit’s supervisor and the escalation the head of office, who may then open the case', async () => {
    const kadis = await notices('kadis-pupr', { limit: '100' });
    expect(mine(kadis.body).map((n) => `${n.kind}>${n.role}`)).to.deep.equal(['reminder_90>supervisor:pupr']);
    const kepala = await notices('kepala', { limit: '100' });
    expect(mine(kepala.body).map((n) => `${n.kind}>${n.role}`)).to.deep.equal(['escalation>approver:kepala-dpmptsp']);
    const read = async (user: string) => harness().http().get(`/api/v1/permits/${caseId}`).set('Authorization', await harness().token(user));
    expect((await read('kadis-pupr')).status, 'told to see that it moves').to.equal(200);
    expect((await read('kadis-damkar')).status, 'a supervisor it was not addressed to').to.equal(404);
  });

  it('pages with a cursor, and refuses a bad cursor or limit naming the parameter', async () => {
    const first = await notices('agus', { limit: '1' });
    expect(first.body.items).to.have.length(1);
    expect(first.body.nextCursor).to.be.a('string');
    const pages: TNotice[] = [first.body.items[0]];
    let cursor: string | null = first.body.nextCursor;
    while (cursor && pages.length < 50) {
      const next = await notices('agus', { limit: '1', cursor });
      expect(next.status).to.equal(200);
      pages.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(mine({ items: pages }).map((n) => n.kind), 'the same order page by page').to.deep.equal(['reminder_75', 'reminder_50']);
    const badCursor = await notices('agus', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(badCursor.status).to.equal(400);
    expect(badCursor.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['cursor']);
    const badLimit = await notices('agus', { limit: '1000' });
    expect(badLimit.status).to.equal(400);
    expect(badLimit.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['limit']);
    expect((await harness().http().get('/api/v1/notices')).status).to.equal(401);
  });
});
