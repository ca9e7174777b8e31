import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { CONTRACT_TYPE_DEFAULTS, ZContractTypeSchema } from '../../domain/contract-type.schema';
import { CaseState } from '../../domain/engine/case-state';
import { contractCaseType, contractTypeData } from '../../domain/kinds/contract/contract.case-type';
import { newContractFacts } from '../../domain/kinds/contract/contract.facts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { addendumInput, type TContractWorkflowInput } from '../../workflows/contract/contract.workflow';

const PPK = 'ppk:dinas-pupr';
const types = loadContractCatalog();

function contract(typeData: TContractWorkflowInput['typeData']): TContractWorkflowInput {
  const type = types.get('konstruksi')!;
  return {
    caseId: 'k1',
    kind: 'contract',
    type: contractCaseType(type, PPK),
    applicantId: 'ppk',
    fields: { title: 'Jalan desa', vendorName: 'CV Maju', ppkRole: PPK, vendorRole: 'vendor:1' },
    facts: newContractFacts(),
    documents: {},
    calendar: PONTIANAK_CALENDAR,
    parties: { ppkRole: PPK, vendorRole: 'vendor:1' },
    guaranteeDueAt: '2026-12-20T00:00:00Z',
    ...(typeData ? { typeData } : {}),
  };
}

const request = { actor: { userId: 'ppk', roles: [PPK] }, addendumId: 'k1-a3', sequence: 1, justification: 'x'.repeat(30), termsVersion: 3, exceptionReason: 'y'.repeat(30), value: 1, endDate: '2027-01-01' };

describe('the contract workflow runs on its type\'s data (templates/contract-types/*.json)', () => {
  it('every contract type file gives the negotiation service level, the exception approval and the termination review of the PPK\'s unit', () => {
    for (const type of types.values()) {
      const data = contractTypeData(type, PPK);
      expect(data.negotiationServiceDays).to.equal(5);
      expect(data.exceptionApproval).to.deep.equal(CONTRACT_TYPE_DEFAULTS.exceptionApproval);
      expect(data.terminationReview).to.deep.equal({ id: 'pemutusan_kontrak', name: 'Kajian hukum pemutusan kontrak', role: 'legal:dinas-pupr', serviceLevelDays: 5 });
    }
  });

  it('an older contract type file without a termination review gets today\'s; a bad role is refused with its path', () => {
    const raw = { id: 'x', code: 'XX', name: { id: 'X', en: 'X' }, numberTemplate: '{seq}/{year}', defaultClauses: types.get('barang')!.defaultClauses, defaultPayments: types.get('barang')!.defaultPayments, defaultGuaranteePercent: 5 };
    expect(ZContractTypeSchema.parse(raw).terminationReview).to.deep.equal(CONTRACT_TYPE_DEFAULTS.terminationReview);
    const bad = ZContractTypeSchema.safeParse({ ...raw, terminationReview: { ...CONTRACT_TYPE_DEFAULTS.terminationReview, role: 'kepala' } });
    expect(bad.success).to.equal(false);
    expect(bad.error!.issues[0]!.path).to.deep.equal(['terminationReview', 'role']);
  });

  it('an addendum above the cap is approved by the type\'s exception stage; a contract started without the data keeps the head of office', () => {
    const data = contractTypeData(types.get('konstruksi')!, PPK);
    const custom = { ...data, exceptionApproval: { ...data.exceptionApproval, id: 'persetujuan_sekda', role: 'approver:sekda', serviceLevelDays: 4 } };
    const withData = addendumInput(contract(custom), { fields: contract(custom).fields, facts: { ...newContractFacts(), agreedVersion: 2, termsVersion: 2 } }, request);
    expect(withData.type.stages.at(-1)).to.deep.include({ id: 'persetujuan_sekda', roles: ['approver:sekda'], serviceLevelDays: 4 });
    expect(withData.facts).to.deep.equal({ kind: 'addendum', flags: [], contractId: 'k1', sequence: 1, baseVersion: 2, termsVersion: 3 });
    const before = addendumInput(contract(undefined), { fields: contract(undefined).fields, facts: { ...newContractFacts(), agreedVersion: 2, termsVersion: 2 } }, request);
    expect(before.type.stages.at(-1)).to.deep.include({ id: 'persetujuan_pengecualian', roles: ['approver:kepala-dpmptsp'], serviceLevelDays: 3 });
  });

  it('a termination is reviewed by the type\'s role and stage, in its service level; without the data, by the legal role of the review stages', () => {
    const input = contract(undefined);
    const review = { id: 'kajian_pemutusan', name: 'Kajian pemutusan', role: 'legal:inspektorat', serviceLevelDays: 10 };
    const now = new Date('2026-12-01T02:00:00Z');
    const active = () => {
      const state = new CaseState(input, now.toISOString());
      state.status = 'active';
      return state;
    };
    const msg = { actor: { userId: 'ppk', roles: [PPK] }, reason: 'Penyedia wanprestasi berulang kali' };
    const withData = active();
    withData.requestTermination(now, msg, review);
    expect(withData.tasks.at(-1)).to.include({ kind: 'termination_review', stageId: 'kajian_pemutusan', stageName: 'Kajian pemutusan', role: 'legal:inspektorat' });
    const without = active();
    without.requestTermination(now, msg);
    expect(without.tasks.at(-1)).to.include({ stageId: 'pemutusan_kontrak', role: 'legal:dinas-pupr' });
    // Ten working days are later than five.
    expect(Date.parse(withData.tasks.at(-1)!.dueAt)).to.be.greaterThan(Date.parse(without.tasks.at(-1)!.dueAt));
  });
});
