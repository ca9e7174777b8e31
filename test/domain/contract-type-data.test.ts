import { expect } from 'chai';
import { contractCaseType } from '../../domain/kinds/contract/contract.case-type';
import { CONTRACT_TYPE_DEFAULTS, contractNumberSeries, templateTerms, ZContractTypeSchema } from '../../domain/contract-type.schema';
import { loadContractCatalog } from '../../store/contract-catalog';

describe('contract types are data (templates/contract-types/*.json)', () => {
  const types = loadContractCatalog();

  it('builds the same engine type the route built from constants: legal review of the PPK\'s unit, 5 and 30 working days', () => {
    for (const type of types.values()) {
      expect(contractCaseType(type, 'ppk:pupr')).to.deep.equal({
        id: type.id,
        code: type.code,
        name: type.name,
        fields: [],
        documents: [],
        stages: [
          { id: 'kajian_hukum', name: { id: 'Kajian hukum', en: 'Legal review' }, kind: 'technical_review', roles: ['legal:pupr'], parallel: false, serviceLevelDays: 5 },
        ],
        serviceLevelDays: 30,
        signerRole: 'ppk:pupr',
      });
    }
  });

  it('keeps the number series and the guarantee days of before', () => {
    const barang = types.get('barang')!;
    expect(contractNumberSeries(barang, 2026)).to.equal('CONTRACT/BRG/2026');
    expect(templateTerms(barang).performanceGuarantee.dueWorkingDays).to.equal(14);
    expect(barang.exceptionApproval.role).to.equal('approver:kepala-dpmptsp');
  });

  it('gives an older file without the new fields today\'s constants', () => {
    const { reviewStages: _r, serviceLevelDays: _s, negotiationServiceDays: _n, guaranteeDueWorkingDays: _g, exceptionApproval: _e, numberSeries: _ns, ...old } = types.get('barang')!;
    const parsed = ZContractTypeSchema.parse(old);
    expect([parsed.reviewStages, parsed.serviceLevelDays, parsed.negotiationServiceDays, parsed.guaranteeDueWorkingDays, parsed.exceptionApproval, parsed.numberSeries]).to.deep.equal([
      CONTRACT_TYPE_DEFAULTS.reviewStages,
      30,
      5,
      14,
      CONTRACT_TYPE_DEFAULTS.exceptionApproval,
      'CONTRACT/{typeCode}/{year}',
    ]);
  });

  it('refuses a bad stage role, a series without {year} and a duplicate stage, naming the path', () => {
    const barang = types.get('barang')!;
    const bad = ZContractTypeSchema.safeParse({
      ...barang,
      reviewStages: [barang.reviewStages[0], { ...barang.reviewStages[0], role: 'hukum' }],
      numberSeries: 'CONTRACT/{typeCode}',
    });
    expect(bad.success).to.equal(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).to.include.members(['reviewStages.1.role', 'reviewStages', 'numberSeries']);
  });
});
