import { expect } from 'chai';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';

/**
 * The Inspektorat's auditor (issue 13 §2): reads every case in full, never writes, and each read of theirs is an
 * entry of the transparency log.
 */

const http = () => harness().http();
const auditor = () => harness().token('inspektur');

async function auditorReadsOf(caseId: string) {
  const size = await harness().records.auditLog.size();
  const entries = await harness().records.auditLog.entries(Math.max(0, size - 500), size);
  return entries.filter((e) => e.kind === 'audit-read' && e.actor === 'inspektur' && e.subjects.caseId === caseId);
}

describe('the auditor (Inspektorat)', function () {
  this.timeout(5 * 60_000);
  let caseId: string;
  let taskId: string;

  before(async () => {
    const res = await submit('reklame', 'budi');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseId = res.body.id as string;
    taskId = (await harness().records.listTasksForCase(caseId))[0]!.id;
  });

  it('reads any case in full, and each read is logged in the transparency log with who, what and when', async () => {
    const before = (await auditorReadsOf(caseId)).length;
    const started = Date.now();
    const res = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await auditor());
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.applicant.nik, 'full personal data').to.not.include('*');
    const reads = await auditorReadsOf(caseId);
    expect(reads.length).to.equal(before + 1);
    const read = reads.at(-1)!;
    expect(read.subjects.target).to.equal(`/permits/${caseId}`);
    expect(Date.parse(read.at)).to.be.at.least(started - 1000);
  });

  it('is refused every write with 403 before the route looks at it', async () => {
    const token = await auditor();
    const writes = [
      http().post(`/api/v1/tasks/${taskId}/claim`),
      http().post(`/api/v1/tasks/${taskId}/decision`).send({ outcome: 'approve' }),
      http().post(`/api/v1/permits/${caseId}/withdrawal`).send({ reason: 'x' }),
      http().post(`/api/v1/admin/permits/${caseId}/revocation`).send({}),
      http().post('/api/v1/permits').send({}),
    ];
    for (const req of writes) {
      const res = await req.set('Authorization', token);
      expect(res.status, JSON.stringify(res.body)).to.equal(403);
      expect(res.body.error.message).to.equal('auditors read only');
    }
    const task = (await harness().records.listTasksForCase(caseId)).find((t) => t.id === taskId)!;
    expect(task.status, 'the task was not claimed').to.equal('open');
  });
});
