import { expect } from 'chai';
import { activeContract, completeAddendum, proposeAddendum } from '../harness/contracts';
import { harness } from '../harness/harness';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

describe('ending an active contract: withdrawal is refused, the contract goes on', function () {
  this.timeout(180_000);

  it('refuses to withdraw an active contract at once (409), writes nothing, and the contract still takes an addendum', async () => {
    const id = await activeContract();
    const before = await harness().records.getCase(id);

    const startedAt = Date.now();
    const res = await http().post(`/api/v1/contracts/${id}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 'Salah kirim' });
    const elapsed = Date.now() - startedAt;
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.error.code).to.equal('INVALID_TRANSITION');
    expect(res.body.error.message).to.match(/active/);
    expect(elapsed, 'the validator refuses before anything is written').to.be.below(1_000);

    const after = await harness().records.getCase(id);
    expect(after!.status).to.equal('active');
    expect(after!.version).to.equal(before!.version);

    // The workflow is healthy: an addendum runs end to end.
    const detail = await completeAddendum(id, await proposeAddendum(id));
    expect(detail.status).to.equal('active');
    expect(detail.addenda).to.have.length(1);
  });
});
