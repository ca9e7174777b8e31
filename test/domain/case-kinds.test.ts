import { expect } from 'chai';
import { CASE_KINDS } from '../../domain/case';
import { CASE_KIND_MODULES, kindModule, parseFacts, splitLegacyFields } from '../../domain/kinds';
import { newContractFacts, versionInForce, ZContractFactsSchema } from '../../domain/kinds/contract/contract.facts';
import { ZAddendumFactsSchema } from '../../domain/kinds/addendum/addendum.facts';
import { ZPermitFactsSchema } from '../../domain/kinds/permit/permit.facts';
import { addendumCaseType, DEFAULT_EXCEPTION_APPROVAL } from '../../domain/kinds/addendum/addendum.case-type';
import type { TCaseType } from '../../domain/case-type.schema';

const CONTRACT_TYPE: TCaseType = {
  id: 'barang',
  code: 'BRG',
  name: { id: 'Pengadaan barang', en: 'Goods' },
  fields: [],
  documents: [],
  stages: [{ id: 'kajian_hukum', name: { id: 'Kajian hukum', en: 'Legal review' }, kind: 'technical_review', roles: ['legal:pupr'], parallel: false, serviceLevelDays: 5 }],
  serviceLevelDays: 30,
  signerRole: 'ppk:pupr',
};

describe('case kinds (domain/kinds)', () => {
  it('registers one module per case kind, each under its own name and with a workflow', () => {
    expect(Object.keys(CASE_KIND_MODULES).sort()).to.deep.equal([...CASE_KINDS].sort());
    for (const kind of CASE_KINDS) {
      const module = kindModule(kind);
      expect(module.kind).to.equal(kind);
      expect(module.workflowType).to.match(/Workflow$/);
      expect(module.phases.length).to.be.greaterThan(0);
    }
  });

  it('each kind reads its facts from an old `fields` bag without throwing, and the result passes its schema', () => {
    for (const kind of CASE_KINDS) {
      for (const fields of [{}, { termsVersion: 'x', proposals: -1, flags: 'no', addenda: [{ bogus: true }] }]) {
        const { facts } = splitLegacyFields(kind, fields);
        expect(facts.kind).to.equal(kind);
        expect(() => parseFacts(kind, facts)).not.to.throw();
      }
    }
  });

  it('takes a contract\'s engine state out of `fields`, leaving what the PPK filled in', () => {
    const { facts, fields } = splitLegacyFields('contract', {
      termsVersion: 3,
      proposals: 2,
      agreedVersion: 3,
      currentVersion: 4,
      addenda: [{ sequence: 1, number: 'K/ADD-1', termsVersion: 4 }],
      flags: ['guarantee_overdue'],
      terminationNoticeNumber: 'K/PUTUS',
      title: 'Pengadaan laptop',
      ppkRole: 'ppk:pupr',
    });
    expect(facts).to.deep.equal({
      kind: 'contract',
      termsVersion: 3,
      proposals: 2,
      agreedVersion: 3,
      currentVersion: 4,
      addenda: [{ sequence: 1, number: 'K/ADD-1', termsVersion: 4 }],
      flags: ['guarantee_overdue'],
      terminationNoticeNumber: 'K/PUTUS',
    });
    expect(fields).to.deep.equal({ title: 'Pengadaan laptop', ppkRole: 'ppk:pupr' });
    expect(versionInForce(facts)).to.equal(4);
    expect(versionInForce({ ...facts, currentVersion: null })).to.equal(3);
    expect(versionInForce(newContractFacts())).to.equal(1);
  });

  it('the facts schemas refuse engine state of the wrong shape or another kind', () => {
    expect(ZContractFactsSchema.safeParse({ ...newContractFacts(), termsVersion: 1.5 }).success).to.equal(false);
    expect(ZContractFactsSchema.safeParse({ ...newContractFacts(), title: 'not a fact' }).success).to.equal(false);
    expect(ZContractFactsSchema.safeParse({ ...newContractFacts(), kind: 'permit' }).success).to.equal(false);
    expect(ZAddendumFactsSchema.safeParse({ kind: 'addendum', flags: [], contractId: 'k1', sequence: 1, baseVersion: 2 }).success).to.equal(false);
    expect(ZPermitFactsSchema.safeParse({ kind: 'permit', flags: [''] }).success).to.equal(false);
    expect(ZPermitFactsSchema.parse({ kind: 'permit', flags: ['x'] })).to.deep.equal({ kind: 'permit', flags: ['x'] });
  });

  it('number series come from the kind: permits per type and year, contracts by their type\'s series, addenda by their contract', () => {
    expect(kindModule('contract').numbering.scope({ typeCode: 'BRG', year: 2026, series: 'K/{typeCode}/{year}' })).to.equal('K/BRG/2026');
    expect(kindModule('contract').numbering.scope({ typeCode: 'BRG', year: 2026 })).to.equal('CONTRACT/BRG/2026');
    expect(kindModule('addendum').numbering.scope({ typeCode: 'BRG', year: 2026, parentNumber: '027/1/SP' })).to.equal('ADDENDUM/027/1/SP');
    expect(kindModule('permit').numbering.scope({ typeCode: 'PBG', year: 2026 })).to.contain('2026');
  });

  it('an addendum above the cap gets its contract type\'s exception approval as a last stage', () => {
    expect(addendumCaseType(CONTRACT_TYPE, null).stages.map((s) => s.id)).to.deep.equal(['kajian_hukum']);
    const above = addendumCaseType(CONTRACT_TYPE, { ...DEFAULT_EXCEPTION_APPROVAL, role: 'approver:sekda' });
    expect(above.stages.map((s) => s.id)).to.deep.equal(['kajian_hukum', 'persetujuan_pengecualian']);
    expect(above.stages[1]).to.include({ kind: 'approval', parallel: false, serviceLevelDays: 3 });
    expect(above.stages[1]!.roles).to.deep.equal(['approver:sekda']);
    expect(CONTRACT_TYPE.stages).to.have.length(1); // the contract's own type is not changed
  });
});
