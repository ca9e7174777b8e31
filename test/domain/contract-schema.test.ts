import { expect } from 'chai';
import type { z } from 'zod';
import {
  CLAUSE_PLACEHOLDERS,
  contractEndDate,
  fillClause,
  formatRupiah,
  guaranteeAmount,
  itemsTotal,
  lineTotal,
  penaltyPerDay,
  ZContractTermsSchema,
} from '../../domain/contract.schema';
import { sampleTerms, sampleTermsInput } from './contract-fixtures';

/** "path: message" of every issue, for readable assertions. */
function issuesOf(input: unknown): string[] {
  const result = ZContractTermsSchema.safeParse(input);
  if (result.success) return [];
  return (result.error as z.ZodError).issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

describe('contract terms schema', () => {
  it('accepts the sample, applying the standard guarantee and penalty defaults', () => {
    const terms = sampleTerms();
    expect(terms.performanceGuarantee).to.deep.equal({ percent: 5, dueWorkingDays: 14 });
    expect(terms.delayPenaltyPerMille).to.equal(1);
    expect(issuesOf(sampleTermsInput())).to.deep.equal([]);
  });

  it('normalises the NPWP to digits: dotted 15-digit and plain 16-digit forms', () => {
    expect(sampleTerms().vendor.npwp).to.equal('012345678701000');
    const input = sampleTermsInput();
    input.vendor.npwp = ' 3171012345678901 ';
    expect(ZContractTermsSchema.parse(input).vendor.npwp).to.equal('3171012345678901');
    for (const bad of ['01.234.567.8-701.00', '0123456787010', '01234567870100012', '01-234-567-8-701-000', 'NPWP012345678701']) {
      input.vendor.npwp = bad;
      expect(issuesOf(input), bad).to.have.length(1).and.to.match(/^vendor\.npwp: NPWP has 15 or 16 digits/);
    }
  });

  it('requires an 18-digit NIP for the PPK', () => {
    const input = sampleTermsInput();
    input.ppk.nip = '19780512200501100';
    expect(issuesOf(input)).to.deep.equal(['ppk.nip: NIP has 18 digits']);
  });

  it('requires the value to equal the items total (each line rounded to whole rupiah), at path value', () => {
    const input = sampleTermsInput();
    input.value = 143_125_002; // the unrounded line 3 125 002.5 would give this
    expect(issuesOf(input)).to.deep.equal(["value: value 143125002 is not the items' total 143125003"]);
    input.value = 143_125_003;
    input.items[0]!.unitPrice = 12_500_001;
    expect(issuesOf(input)).to.deep.equal(["value: value 143125003 is not the items' total 143125013"]);
  });

  it('rounds line totals half up despite binary fractions', () => {
    expect(lineTotal({ quantity: 1.15, unitPrice: 10 })).to.equal(12); // 1.15 × 10 is 11.499999999999998 in floats
    expect(lineTotal({ quantity: 0.3, unitPrice: 3 })).to.equal(1);
    expect(itemsTotal(sampleTerms().items)).to.equal(143_125_003);
  });

  it('requires payments adding up to exactly 100 percent, at path payments', () => {
    const input = sampleTermsInput();
    input.payments[1]!.percent = 79;
    expect(issuesOf(input)).to.deep.equal(['payments: payment percentages add up to 99, not 100']);
    input.payments = [
      { id: 'a', milestone: 'Tahap I', percent: 33.33 },
      { id: 'b', milestone: 'Tahap II', percent: 33.33 },
      { id: 'c', milestone: 'Tahap III', percent: 33.34 },
    ];
    expect(issuesOf(input)).to.deep.equal([]);
  });

  it('rejects duplicate ids, unknown keys, impossible dates and unknown clause placeholders, naming each path', () => {
    const input = sampleTermsInput() as ReturnType<typeof sampleTermsInput> & { extra?: string };
    input.items[1]!.id = 'i1';
    input.startDate = '2026-02-30';
    input.clauses[1]!.text = 'Dikerjakan oleh {vendor.nama} sejak {startDate}.';
    input.extra = 'x';
    const issues = issuesOf(input);
    expect(issues).to.include('items.1.id: duplicate id "i1"');
    expect(issues).to.include('startDate: not a calendar date');
    expect(issues).to.include('clauses.1.text: unknown placeholder {vendor.nama}');
    expect(issues.some((i) => i.startsWith(': Unrecognized key') && i.includes('"extra"'))).to.equal(true);
  });

  it('rejects a zero value, a zero quantity and a fractional unit price', () => {
    const input = sampleTermsInput();
    input.items[0]!.quantity = 0;
    input.items[1]!.unitPrice = 3_750_000.5;
    const paths = issuesOf(input).map((i) => i.split(':')[0]);
    expect(paths).to.include.members(['items.0.quantity', 'items.1.unitPrice']);
  });
});

describe('contract term helpers', () => {
  it('ends the contract on start + duration − 1', () => {
    expect(contractEndDate({ startDate: '2026-07-01', durationDays: 60 })).to.equal('2026-08-29');
    expect(contractEndDate({ startDate: '2026-07-01', durationDays: 1 })).to.equal('2026-07-01');
    expect(contractEndDate({ startDate: '2026-12-15', durationDays: 31 })).to.equal('2027-01-14');
    expect(contractEndDate({ startDate: '2028-02-28', durationDays: 2 })).to.equal('2028-02-29');
  });

  it('computes the daily penalty (rounded) and the guarantee (rounded up)', () => {
    const terms = sampleTerms();
    expect(penaltyPerDay(terms)).to.equal(143_125); // 143 125.003
    expect(guaranteeAmount(terms)).to.equal(7_156_251); // 5% is 7 156 250.15
    expect(penaltyPerDay({ value: 1_000_000, delayPenaltyPerMille: 0.5 })).to.equal(500);
    expect(guaranteeAmount({ value: 1_000_000, performanceGuarantee: { percent: 0, dueWorkingDays: 14 } })).to.equal(0);
  });

  it('formats rupiah with Indonesian separators', () => {
    expect(formatRupiah(1_250_000)).to.equal('Rp 1.250.000');
    expect(formatRupiah(0)).to.equal('Rp 0');
    expect(formatRupiah(999)).to.equal('Rp 999');
    expect(formatRupiah(-5_000)).to.equal('-Rp 5.000');
    expect(() => formatRupiah(1.5)).to.throw(RangeError);
  });

  it('fills clause placeholders with Indonesian-formatted values', () => {
    const terms = sampleTerms();
    expect(fillClause('Nilai Kontrak adalah sebesar {value} ({valueWords}).', terms)).to.equal(
      'Nilai Kontrak adalah sebesar Rp 143.125.003 (seratus empat puluh tiga juta seratus dua puluh lima ribu tiga rupiah).',
    );
    expect(fillClause('{durationDays} ({durationDaysWords}) hari kalender, {startDate} sampai dengan {endDate}.', terms)).to.equal(
      '60 (enam puluh) hari kalender, 1 Juli 2026 sampai dengan 29 Agustus 2026.',
    );
    expect(fillClause('{vendor.name} (NPWP {vendor.npwp}), diwakili {vendor.representative.name}', terms)).to.equal(
      'CV Borneo Data Mandiri (NPWP 01.234.567.8-701.000), diwakili Rudi Hartono',
    );
    expect(fillClause('denda {penaltyPerMille} permil = {penaltyPerDay}; jaminan {guaranteePercent}% = {guaranteeAmount}', terms)).to.equal(
      'denda 1 permil = Rp 143.125; jaminan 5% = Rp 7.156.251',
    );
    expect(fillClause('SPPBJ {award.letterNumber} tanggal {award.date}', terms)).to.equal('SPPBJ 027/015/SPPBJ/DPMPTSP/2026 tanggal 15 Juni 2026');
    // Payment amounts add up to the value: rounded down, the last one takes the remainder.
    expect(fillClause('{payments}', terms)).to.equal('1. Uang muka: 20% (Rp 28.625.000)\n2. Setelah serah terima: 80% (Rp 114.500.003)');
  });

  it('fills every known placeholder and leaves other braces alone', () => {
    const all = CLAUSE_PLACEHOLDERS.map((p) => `{${p}}`).join(' | ');
    const filled = fillClause(all, sampleTerms());
    expect(filled).not.to.match(/\{[A-Za-z]/);
    expect(fillClause('{ } {1} {}', sampleTerms())).to.equal('{ } {1} {}');
  });

  it('throws on an unknown placeholder, naming it', () => {
    expect(() => fillClause('oleh {vendor.nama}', sampleTerms())).to.throw('unknown placeholder {vendor.nama}');
    expect(() => fillClause('{toString}', sampleTerms())).to.throw('unknown placeholder {toString}');
  });

  it('refuses far dates, endless durations and unbounded lists (issue 8, finding 1)', () => {
    const input = () => sampleTermsInput();
    const far = input();
    far.award.date = '9999-12-20';
    far.startDate = '9999-12-31';
    expect(issuesOf(far)).to.deep.equal([
      'award.date: must lie between 2000-01-01 and 2100-12-31',
      'startDate: must lie between 2000-01-01 and 2100-12-31',
    ]);
    const long = input();
    long.durationDays = 1e9;
    expect(issuesOf(long)).to.deep.equal(['durationDays: Too big: expected number to be <=3660']);
    const late = input();
    late.startDate = '2100-12-01';
    late.durationDays = 31;
    expect(contractEndDate(ZContractTermsSchema.parse(late))).to.equal('2100-12-31');
    late.durationDays = 32;
    expect(issuesOf(late)).to.deep.equal(['durationDays: the contract would end after 2100-12-31']);
    const many = input();
    many.clauses = Array.from({ length: 201 }, (_, i) => ({ id: `c${i}`, heading: 'Pasal', text: 'Isi pasal.' }));
    expect(issuesOf(many)).to.deep.equal(['clauses: Too big: expected array to have <=200 items']);
    const guarantee = input();
    guarantee.performanceGuarantee = { percent: 5, dueWorkingDays: 1e7 };
    expect(issuesOf(guarantee)).to.deep.equal(['performanceGuarantee.dueWorkingDays: Too big: expected number to be <=1000']);
  });
});
