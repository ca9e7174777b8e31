import { expect } from 'chai';
import { rupiahInWords, terbilang, TERBILANG_MAX } from '../../domain/terbilang';

describe('terbilang (amounts in words)', () => {
  const cases: Array<[number, string]> = [
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [200, 'dua ratus'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2026, 'dua ribu dua puluh enam'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [1_000_000, 'satu juta'],
    [1_250_000, 'satu juta dua ratus lima puluh ribu'],
    [2_300_000_000, 'dua miliar tiga ratus juta'],
    [1_000_000_000_000, 'satu triliun'],
    [1_001_001_001_001, 'satu triliun satu miliar satu juta seribu satu'],
    [
      TERBILANG_MAX,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar ' +
        'sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
  ];
  for (const [n, words] of cases) {
    it(`${n} → "${words}"`, () => expect(terbilang(n)).to.equal(words));
  }

  it('adds "rupiah" for amounts', () => {
    expect(rupiahInWords(1_250_000)).to.equal('satu juta dua ratus lima puluh ribu rupiah');
    expect(rupiahInWords(0)).to.equal('nol rupiah');
  });

  it('throws RangeError outside 0 … 999 999 999 999 999 and for non-integers', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, TERBILANG_MAX + 1, 1e15]) {
      expect(() => terbilang(n), String(n)).to.throw(RangeError);
    }
    expect(() => rupiahInWords(0.5)).to.throw(RangeError);
  });
});
