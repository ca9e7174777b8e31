import type { ApplicationFailure } from '@temporalio/common';
import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import { CaseState } from '../../workflows/shared/case.state';

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
    return { type: (err as ApplicationFailure).type, message: (err as Error).message };
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
