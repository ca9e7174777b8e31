import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import type { CaseRefusal } from '../../domain/engine/case-refusal';
import { CaseState } from '../../domain/engine/case-state';

const CONTRACT_TYPE: TCaseType = {
  id: 'barang',
  code: 'BRG',
  name: { id: 'Pengadaan Barang', en: 'Goods' },
  fields: [],
  documents: [],
  serviceLevelDays: 30,
  stages: [{ id: 'kajian_hukum', name: { id: 'Kajian hukum', en: 'Legal review' }, kind: 'technical_review', roles: ['legal:dinas-pupr'], parallel: false, serviceLevelDays: 5 }],
  signerRole: 'ppk:dinas-pupr',
};

// Friday 27 November 2026, 09:00 in Pontianak.
const NOW = new Date('2026-11-27T02:00:00Z');
const PPK = { userId: 'ppk', roles: ['ppk:dinas-pupr'] };
const LEGAL = { userId: 'hukum', roles: ['legal:dinas-pupr'] };

/** A contract taken through its legal review and signatures to `active`, without Temporal. */
export function activeContractState(): CaseState {
  const state = new CaseState(
    { caseId: 'k1', kind: 'contract', type: CONTRACT_TYPE, applicantId: 'ppk', fields: { termsVersion: 1 }, documents: {}, calendar: PONTIANAK_CALENDAR },
    NOW.toISOString(),
  );
  state.register(NOW, 'REG/BRG/2026/000001');
  state.openStage(NOW);
  state.decide(NOW, { actor: LEGAL, taskId: state.currentTasks[0]!.id, outcome: 'approve', comment: null });
  state.concludeStage(NOW);
  state.issue(NOW, '027/SP/BRG/2026', 'active');
  return state;
}

function refusal(fn: () => unknown): { type: string | null | undefined; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    return { type: (err as CaseRefusal).failureType, message: (err as Error).message };
  }
  return undefined;
}

describe('CaseState: an active contract is not withdrawn', () => {
  it('refuses to withdraw an active contract and changes nothing', () => {
    const state = activeContractState();
    expect(state.status).to.equal('active');
    const version = state.version;
    const events = state.events.length;
    const refused = refusal(() => state.assertCanWithdraw({ actor: PPK, reason: 'salah kirim' }));
    expect(refused?.type).to.equal('InvalidTransition');
    expect(refused?.message).to.match(/active/);
    expect(refusal(() => state.withdraw(NOW, { actor: PPK, reason: 'salah kirim' }))?.type).to.equal('InvalidTransition');
    expect(state.status).to.equal('active');
    expect(state.version).to.equal(version);
    expect(state.events).to.have.length(events);
  });
});

describe('CaseState: termination of an active contract (pure)', () => {
  const REASON = 'Penyedia menghentikan pekerjaan tanpa alasan yang sah';
  const reviewTask = (state: CaseState) => state.tasks.find((t) => t.kind === 'termination_review' && t.status === 'open')!;

  it('takes a request only from the PPK of an active contract, with a bounded reason, once at a time', () => {
    const state = activeContractState();
    const version = state.version;
    expect(refusal(() => state.assertCanRequestTermination({ actor: { userId: 'vendor-a', roles: ['vendor:1'] }, reason: REASON }))?.type).to.equal('NotPermitted');
    expect(refusal(() => state.assertCanRequestTermination({ actor: PPK, reason: '  ' }))?.type).to.equal('InvalidInput');
    expect(refusal(() => state.assertCanRequestTermination({ actor: PPK, reason: 'a'.repeat(2001) }))?.type).to.equal('InvalidInput');
    expect(refusal(() => state.assertCanRequestTermination({ actor: PPK, reason: undefined as unknown as string }))?.type).to.equal('InvalidInput');
    expect(state.version).to.equal(version);

    state.requestTermination(NOW, { actor: PPK, reason: `  ${REASON}  ` });
    expect(state.status).to.equal('active');
    const task = reviewTask(state);
    expect(task).to.include({ role: 'legal:dinas-pupr', stageId: 'pemutusan_kontrak', version: state.version });
    expect(state.events.at(-2)).to.include({ action: 'termination_requested', actorId: 'ppk', comment: REASON });
    expect(state.view().stage?.id).to.equal('pemutusan_kontrak');
    expect(refusal(() => state.assertCanRequestTermination({ actor: PPK, reason: REASON }))?.type).to.equal('InvalidTransition');
    expect(refusal(() => state.assertCanWithdraw({ actor: PPK, reason: null }))?.type).to.equal('InvalidTransition');
    const addendum = { actor: PPK, addendumId: 'k1-a2', sequence: 1, justification: 'x', termsVersion: 2, exceptionReason: null, value: 1, endDate: '2027-01-01' };
    expect(refusal(() => state.assertCanRequestAddendum(addendum, false))?.message).to.match(/termination/);
    // Only legal decides it, with approve or reject.
    expect(refusal(() => state.assertCanDecide({ actor: PPK, taskId: task.id, outcome: 'approve', comment: null }))?.type).to.equal('NotPermitted');
    expect(refusal(() => state.assertCanDecide({ actor: LEGAL, taskId: task.id, outcome: 'request_changes', comment: 'x' }))?.type).to.equal('InvalidInput');
  });

  it('refuses termination before a contract is active, and for other kinds of case', () => {
    const draft = new CaseState(
      { caseId: 'k2', kind: 'contract', type: CONTRACT_TYPE, applicantId: 'ppk', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR },
      NOW.toISOString(),
    );
    draft.register(NOW, 'REG/BRG/2026/000002');
    draft.openStage(NOW);
    expect(refusal(() => draft.assertCanRequestTermination({ actor: PPK, reason: REASON }))?.message).to.match(/in_review cannot be terminated/);
    const addendum = new CaseState(
      { caseId: 'k1-a2', kind: 'addendum', type: CONTRACT_TYPE, applicantId: 'ppk', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR },
      NOW.toISOString(),
    );
    expect(refusal(() => addendum.assertCanRequestTermination({ actor: PPK, reason: REASON }))?.type).to.equal('InvalidTransition');
  });

  it('keeps the contract active when legal rejects, and allows a new request', () => {
    const state = activeContractState();
    state.requestTermination(NOW, { actor: PPK, reason: REASON });
    state.decide(NOW, { actor: LEGAL, taskId: reviewTask(state).id, outcome: 'reject', comment: 'Belum ada teguran ketiga' });
    expect(state.status).to.equal('active');
    expect(state.termination).to.equal(null);
    expect(state.stageDueAt).to.equal(null);
    expect(refusal(() => state.terminate(NOW, { number: 'x', document: { id: 'x', sha256: 'a'.repeat(64) } }))?.type).to.equal('InvalidTransition');
    state.requestTermination(NOW, { actor: PPK, reason: REASON });
    expect(state.tasks.filter((t) => t.kind === 'termination_review')).to.have.length(2);
  });

  it('ends the contract terminated once legal approves and the notice is stored: one terminal event, nothing after', () => {
    const state = activeContractState();
    state.requestTermination(NOW, { actor: PPK, reason: REASON });
    state.decide(NOW, { actor: LEGAL, taskId: reviewTask(state).id, outcome: 'approve', comment: null });
    expect(state.status).to.equal('active'); // the workflow renders the notice first
    expect(state.termination?.approved).to.equal(true);
    const notice = { id: '027/SP/BRG/2026/PUTUS', sha256: 'b'.repeat(64) };
    state.terminate(NOW, { number: notice.id, document: notice });
    expect(state.status).to.equal('terminated');
    expect(state.isClosed).to.equal(true);
    expect(state.documents.terminationNotice).to.deep.equal(notice);
    expect(state.outcomeReason).to.equal(REASON);
    expect(state.events.filter((e) => e.action === 'terminated')).to.have.length(1);
    expect(state.tasks.every((t) => t.status === 'done' || t.status === 'cancelled')).to.equal(true);
    const version = state.version;
    expect(refusal(() => state.terminate(NOW, { number: notice.id, document: notice }))?.type).to.equal('InvalidTransition');
    expect(refusal(() => state.assertCanRequestTermination({ actor: PPK, reason: REASON }))?.type).to.equal('InvalidTransition');
    expect(refusal(() => state.assertCanWithdraw({ actor: PPK, reason: null }))?.type).to.equal('InvalidTransition');
    expect(state.version).to.equal(version);
  });

  it('cancels an addendum with its contract: withdrawn, open tasks cancelled, and a second signal changes nothing', () => {
    const addendum = new CaseState(
      { caseId: 'k1-a2', kind: 'addendum', type: CONTRACT_TYPE, applicantId: 'ppk', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR },
      NOW.toISOString(),
    );
    addendum.register(NOW, 'REG/BRG/2026/000003');
    addendum.openStage(NOW);
    addendum.cancelWithContract(NOW, { contractId: 'k1', reason: REASON });
    expect(addendum.status).to.equal('withdrawn');
    expect(addendum.outcomeReason).to.equal(`Kontrak diputus: ${REASON}`);
    expect(addendum.tasks.every((t) => t.status === 'cancelled')).to.equal(true);
    const version = addendum.version;
    expect(() => addendum.cancelWithContract(NOW, { contractId: 'k1', reason: REASON })).not.to.throw();
    expect(addendum.version).to.equal(version);
  });
});
