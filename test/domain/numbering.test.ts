import { expect } from 'chai';
import { formatRegistrationNumber, registrationScope } from '../../domain/numbering';

describe('registration numbering', () => {
  it('scopes numbers by type code and year', () => {
    expect(registrationScope('PBG', 2026)).to.equal('REG/PBG/2026');
    expect(registrationScope('REK', 2027)).to.equal('REG/REK/2027');
  });

  it('pads the sequence to six digits', () => {
    const scope = registrationScope('SIP', 2026);
    expect(formatRegistrationNumber(scope, 1)).to.equal('REG/SIP/2026/000001');
    expect(formatRegistrationNumber(scope, 42)).to.equal('REG/SIP/2026/000042');
    expect(formatRegistrationNumber(scope, 999_999)).to.equal('REG/SIP/2026/999999');
  });

  it('never truncates a sequence past six digits (numbers stay unique)', () => {
    expect(formatRegistrationNumber('REG/PBG/2026', 1_000_000)).to.equal('REG/PBG/2026/1000000');
  });

  it('keeps numbers of one scope in sequence order when sorted as text (up to six digits)', () => {
    const numbers = [3, 20, 100, 7].map((n) => formatRegistrationNumber('REG/PBG/2026', n));
    expect([...numbers].sort()).to.deep.equal(['REG/PBG/2026/000003', 'REG/PBG/2026/000007', 'REG/PBG/2026/000020', 'REG/PBG/2026/000100']);
  });

  it('refuses a sequence that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatRegistrationNumber('REG/PBG/2026', bad), String(bad)).to.throw(RangeError);
    }
  });
});
