import { expect } from 'chai';
import { addedValueCheck, applyAddendum, ZAddendumChangeSchema, type TAddendumChange } from '../../domain/kinds/addendum/addendum.change';
import { contractEndDate } from '../../domain/contract.schema';
import { sampleTerms } from './contract-fixtures';

const JUSTIFICATION = 'Penambahan volume sesuai kebutuhan lapangan hasil rapat pembuktian';

function change(body: Omit<TAddendumChange, 'justification'>): TAddendumChange {
  return ZAddendumChangeSchema.parse({ justification: JUSTIFICATION, ...body });
}

describe('addendum change', () => {
  it('needs a justification of at least 20 characters and at least one change', () => {
    const short = ZAddendumChangeSchema.safeParse({ justification: 'Tambah volume', endDate: '2026-09-30' });
    expect(short.error!.issues.map((i) => i.path.join('.'))).to.deep.equal(['justification']);
    const nothing = ZAddendumChangeSchema.safeParse({ justification: JUSTIFICATION, exceptionReason: 'Kebutuhan mendesak akibat bencana banjir' });
    expect(nothing.error!.issues.map((i) => i.message)).to.deep.equal(['an addendum changes at least one of value, endDate, items or clauses']);
  });

  it('checks new items and clauses like the terms do, naming the path', () => {
    const terms = sampleTerms();
    const result = ZAddendumChangeSchema.safeParse({
      justification: JUSTIFICATION,
      items: [terms.items[0], { ...terms.items[1], id: 'i1' }],
      clauses: [{ id: 'x', heading: 'Denda', text: 'denda {penaltyPerHari}' }],
    });
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).to.deep.equal([
      'items.1.id: duplicate id "i1"',
      'clauses.0.text: unknown placeholder {penaltyPerHari}',
    ]);
  });

  it('sets the value to the total of new items, leaving the current terms untouched', () => {
    const current = sampleTerms();
    const items = [...current.items, { id: 'i4', description: 'UPS 1200 VA', quantity: 10, unit: 'unit', unitPrice: 1_500_000 }];
    const next = applyAddendum(current, change({ items }));
    expect(next.value).to.equal(158_125_003);
    expect(next.items).to.have.length(4);
    expect(next.durationDays).to.equal(current.durationDays);
    expect(current.items).to.have.length(3);
    expect(current.value).to.equal(143_125_003);
    expect(applyAddendum(current, change({ items, value: 158_125_003 })).value).to.equal(158_125_003);
  });

  it('refuses a value that is not the total of the items, naming the field', () => {
    const current = sampleTerms();
    const items = current.items.map((i) => (i.id === 'i1' ? { ...i, quantity: 11 } : i));
    expect(() => applyAddendum(current, change({ items, value: 150_000_000 }))).to.throw('value: 150000000 is not the total of the new items, 155625003');
    expect(() => applyAddendum(current, change({ value: 150_000_000 }))).to.throw(/^value: .*current items \(send the new items/);
  });

  it('turns a new end date into the duration and refuses one before the start', () => {
    const current = sampleTerms();
    const next = applyAddendum(current, change({ endDate: '2026-09-28' }));
    expect(next.durationDays).to.equal(90);
    expect(contractEndDate(next)).to.equal('2026-09-28');
    expect(applyAddendum(current, change({ endDate: '2026-07-01' })).durationDays).to.equal(1);
    expect(() => applyAddendum(current, change({ endDate: '2026-06-30' }))).to.throw('endDate: 2026-06-30 is before the start date 2026-07-01');
  });

  it('replaces the clauses as a whole', () => {
    const clauses = [{ id: 'denda', heading: 'Denda Keterlambatan', text: 'Denda {penaltyPerDay} per hari.' }];
    expect(applyAddendum(sampleTerms(), change({ clauses })).clauses).to.deep.equal(clauses);
  });
});

describe('addendum value cap (10% of the original value)', () => {
  const original = 1_000_000;

  it('allows exactly 10% over the original and refuses one rupiah more', () => {
    expect(addedValueCheck({ originalValue: original, signedAddendaAddedValue: 0, currentValue: original, proposedValue: 1_100_000 })).to.deep.equal({
      cumulativeAdded: 100_000,
      cumulativePercent: 10,
      capValue: 100_000,
      withinCap: true,
      increase: 100_000,
    });
    const over = addedValueCheck({ originalValue: original, signedAddendaAddedValue: 0, currentValue: original, proposedValue: 1_100_001 });
    expect(over).to.include({ cumulativeAdded: 100_001, withinCap: false });
    expect(over.cumulativePercent).to.be.greaterThan(10);
  });

  it('rounds the cap down to whole rupiah', () => {
    const check = (proposedValue: number) => addedValueCheck({ originalValue: 1_000_005, signedAddendaAddedValue: 0, currentValue: 1_000_005, proposedValue });
    expect(check(1_100_005)).to.include({ capValue: 100_000, withinCap: true });
    expect(check(1_100_006).withinCap).to.equal(false); // 100 001 > 100 000.5 rounded down
  });

  it('counts the increase of earlier signed addenda: two addenda share one 10%', () => {
    // Addendum 1 added 60 000 (signed); addendum 2 adds 40 000 more: 10% in all.
    const second = (proposedValue: number) =>
      addedValueCheck({ originalValue: original, signedAddendaAddedValue: 60_000, currentValue: 1_060_000, proposedValue });
    expect(second(1_100_000)).to.include({ cumulativeAdded: 100_000, withinCap: true, increase: 40_000 });
    // 40 001 alone is only 4% of the original, but together with the first addendum it exceeds 10%.
    expect(second(1_100_001)).to.include({ cumulativeAdded: 100_001, withinCap: false, increase: 40_001 });
  });

  it('measures against the original after a decrease: no extra headroom below it, none beyond it', () => {
    // Addendum 1 lowered the value to 800 000; addendum 2 may bring it back up to original + 10%.
    const after = (proposedValue: number) =>
      addedValueCheck({ originalValue: original, signedAddendaAddedValue: 0, currentValue: 800_000, proposedValue });
    expect(after(1_100_000)).to.include({ cumulativeAdded: 100_000, withinCap: true, increase: 300_000 });
    expect(after(1_100_001)).to.include({ cumulativeAdded: 100_001, withinCap: false });
    expect(after(880_000)).to.include({ cumulativeAdded: 0, cumulativePercent: 0, withinCap: true });
  });

  it('needs no new exception for an addendum that adds nothing to a contract already above the cap', () => {
    // Addendum 1 reached 115% with an approved exception; a time-only or reducing addendum needs none.
    const base = { originalValue: original, signedAddendaAddedValue: 150_000, currentValue: 1_150_000 };
    expect(addedValueCheck({ ...base, proposedValue: 1_150_000 })).to.include({ cumulativeAdded: 150_000, cumulativePercent: 15, withinCap: true, increase: 0 });
    expect(addedValueCheck({ ...base, proposedValue: 1_120_000 }).withinCap).to.equal(true);
    expect(addedValueCheck({ ...base, proposedValue: 1_150_001 }).withinCap).to.equal(false);
  });

  it('refuses inconsistent or malformed input', () => {
    expect(() => addedValueCheck({ originalValue: original, signedAddendaAddedValue: 50_000, currentValue: 1_060_000, proposedValue: 1_060_000 })).to.throw(
      RangeError,
      /exceeds originalValue 1000000 by more than the signed addenda added \(50000\)/,
    );
    expect(() => addedValueCheck({ originalValue: 0, signedAddendaAddedValue: 0, currentValue: 0, proposedValue: 0 })).to.throw(RangeError);
    expect(() => addedValueCheck({ originalValue: original, signedAddendaAddedValue: -1, currentValue: original, proposedValue: original })).to.throw(
      /signedAddendaAddedValue/,
    );
    expect(() => addedValueCheck({ originalValue: original, signedAddendaAddedValue: 0, currentValue: original, proposedValue: 1.5 })).to.throw(/proposedValue/);
  });
});
