import { expect } from 'chai';
import { diffTerms, ZTermsChangeSchema } from '../../domain/contract-diff';
import type { TContractTerms } from '../../domain/contract.schema';
import { ZContractTermsSchema } from '../../domain/contract.schema';
import { sampleTerms, sampleTermsInput } from './contract-fixtures';

/** A modified copy of the sample, re-validated so every diff is between two valid versions. */
function revised(edit: (t: TContractTerms) => void): TContractTerms {
  const t = structuredClone(sampleTerms());
  edit(t);
  return ZContractTermsSchema.parse(t);
}

describe('contract terms diff (semula → menjadi)', () => {
  it('finds nothing between equal versions', () => {
    expect(diffTerms(sampleTerms(), sampleTerms())).to.deep.equal([]);
  });

  it('reports nested fields by dotted path, in the order of the terms', () => {
    const after = revised((t) => {
      t.award.date = '2026-06-16';
      t.vendor.representative.name = 'Siti Rahmawati';
      t.performanceGuarantee.percent = 3;
    });
    expect(diffTerms(sampleTerms(), after)).to.deep.equal([
      { path: 'vendor.representative.name', before: 'Rudi Hartono', after: 'Siti Rahmawati' },
      { path: 'award.date', before: '2026-06-15', after: '2026-06-16' },
      { path: 'performanceGuarantee.percent', before: 5, after: 3 },
    ]);
  });

  it('matches items by id, not by position: a changed unit price', () => {
    const after = revised((t) => {
      t.items[2]!.unitPrice = 1_250_000;
      t.value = 143_125_000;
    });
    expect(diffTerms(sampleTerms(), after)).to.deep.equal([
      { path: 'value', before: 143_125_003, after: 143_125_000 },
      { path: 'items[id=i3].unitPrice', before: 1_250_001, after: 1_250_000 },
    ]);
  });

  it('reports an added and a removed item as whole entries with null on the other side', () => {
    const before = sampleTerms();
    const printer = before.items[1]!;
    const ups = { id: 'i4', description: 'UPS 1200 VA', quantity: 10, unit: 'unit', unitPrice: 1_500_000 };
    // Ten UPS units cost what the four printers did, so the value stays.
    const after = revised((t) => {
      t.items = [t.items[0]!, t.items[2]!, ups];
    });
    expect(diffTerms(before, after)).to.deep.equal([
      { path: 'items[id=i2]', before: printer, after: null },
      { path: 'items[id=i4]', before: null, after: ups },
    ]);
  });

  it('does not report later items as changed when one is inserted at the front', () => {
    const scanner = { id: 'i0', description: 'Pemindai dokumen', quantity: 1, unit: 'unit', unitPrice: 4_000_000 };
    const after = revised((t) => {
      t.items.unshift(scanner);
      t.value += 4_000_000;
    });
    expect(diffTerms(sampleTerms(), after).map((c) => c.path)).to.deep.equal(['value', 'items[id=i0]']);
  });

  it('reports a pure reordering with the id lists', () => {
    const after = revised((t) => t.clauses.reverse());
    expect(diffTerms(sampleTerms(), after)).to.deep.equal([{ path: 'clauses[order]', before: ['nilai', 'waktu'], after: ['waktu', 'nilai'] }]);
  });

  it('reports clause and payment changes by id, and is stable across calls', () => {
    const after = revised((t) => {
      t.clauses[1]!.text = 'Paling lama {durationDays} hari kalender.';
      t.payments = [{ id: 'p2', milestone: 'Setelah serah terima', percent: 100 }];
    });
    const expected = [
      { path: 'payments[id=p1]', before: { id: 'p1', milestone: 'Uang muka', percent: 20 }, after: null },
      { path: 'payments[id=p2].percent', before: 80, after: 100 },
      { path: 'clauses[id=waktu].text', before: '{durationDays} hari kalender, {startDate} sampai dengan {endDate}.', after: 'Paling lama {durationDays} hari kalender.' },
    ];
    expect(diffTerms(sampleTerms(), after)).to.deep.equal(expected);
    expect(diffTerms(sampleTerms(), after)).to.deep.equal(expected);
    // The reverse diff mirrors it (the removed payment becomes an added one).
    expect(diffTerms(after, sampleTerms()).map((c) => c.path)).to.deep.equal(['payments[id=p2].percent', 'payments[id=p1]', 'clauses[id=waktu].text']);
  });
});

describe('terms change (proposal body)', () => {
  it('takes the full proposed terms, an optional base version and comment', () => {
    const parsed = ZTermsChangeSchema.parse({ terms: sampleTermsInput(), baseVersion: 2, comment: 'Harga printer disesuaikan' });
    expect(parsed.terms.vendor.npwp).to.equal('012345678701000');
    expect(parsed.baseVersion).to.equal(2);
  });

  it('names the path inside the terms of a bad proposal and refuses unknown keys', () => {
    const terms = sampleTermsInput();
    terms.value = 1;
    const result = ZTermsChangeSchema.safeParse({ terms, changes: [] });
    expect(result.success).to.equal(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).to.include('');
    expect(ZTermsChangeSchema.safeParse({ terms }).error!.issues.map((i) => i.path.join('.'))).to.deep.equal(['terms.value']);
  });
});
