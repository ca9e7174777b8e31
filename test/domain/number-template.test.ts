import { expect } from 'chai';
import { registrationScope } from '../../domain/numbering';
import { formatDocumentNumber, officeYearMonth, templatePlaceholders, toRoman } from '../../domain/number-template';
import { permitNumberScope } from '../../domain/kinds/permit/permit.numbering';

const parts = { seq: 7, year: 2026, month: 11, typeCode: 'PBG' };

describe('document numbering templates', () => {
  it('writes months as roman numerals, I to XII', () => {
    const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(toRoman);
    expect(months).to.deep.equal(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
    expect(toRoman(2026)).to.equal('MMXXVI');
    expect(toRoman(3999)).to.equal('MMMCMXCIX');
  });

  it('refuses roman numerals outside 1..3999', () => {
    for (const bad of [0, -1, 4000, 1.5, Number.NaN]) expect(() => toRoman(bad), String(bad)).to.throw(RangeError);
  });

  it('fills the office template: 503/{seq}/DPMPTSP/{romanMonth}/{year}', () => {
    expect(formatDocumentNumber('503/{seq}/DPMPTSP/{romanMonth}/{year}', parts)).to.equal('503/0007/DPMPTSP/XI/2026');
    expect(formatDocumentNumber('644/{seq}/PBG/DPMPTSP/{romanMonth}/{year}', { ...parts, month: 4 })).to.equal('644/0007/PBG/DPMPTSP/IV/2026');
    expect(formatDocumentNumber('503/{seq}/DPMPTSP/{romanMonth}/{year}', { ...parts, month: 9 })).to.equal('503/0007/DPMPTSP/IX/2026');
    expect(formatDocumentNumber('503/{seq}/DPMPTSP/{romanMonth}/{year}', { ...parts, month: 1 })).to.equal('503/0007/DPMPTSP/I/2026');
    expect(formatDocumentNumber('503/{seq}/DPMPTSP/{romanMonth}/{year}', { ...parts, month: 12 })).to.equal('503/0007/DPMPTSP/XII/2026');
  });

  it('supports {month}, {typeCode} and repeated placeholders', () => {
    expect(formatDocumentNumber('{typeCode}-{year}{month}-{seq}', { ...parts, month: 3 })).to.equal('PBG-202603-0007');
    expect(formatDocumentNumber('{typeCode}/{seq}/{typeCode}', parts)).to.equal('PBG/0007/PBG');
  });

  it('pads {seq} to 4 digits and {seq:N} to N, never truncating', () => {
    expect(formatDocumentNumber('{seq}', { ...parts, seq: 1 })).to.equal('0001');
    expect(formatDocumentNumber('{seq:6}', { ...parts, seq: 42 })).to.equal('000042');
    expect(formatDocumentNumber('{seq:1}', { ...parts, seq: 42 })).to.equal('42');
    expect(formatDocumentNumber('{seq}', { ...parts, seq: 12_345 })).to.equal('12345');
  });

  it('throws on an unknown placeholder, naming it', () => {
    expect(() => formatDocumentNumber('503/{seq}/{bulan}/{year}', parts)).to.throw(/unknown placeholder \{bulan\}/);
    expect(() => formatDocumentNumber('{Seq}/{seq}', parts)).to.throw(/unknown placeholder \{Seq\}/);
    expect(() => formatDocumentNumber('{seq:}', parts)).to.throw(/unknown placeholder \{seq:\}/);
    expect(() => formatDocumentNumber('{seq}/{}', parts)).to.throw(/unknown placeholder \{\}/);
  });

  it('throws on a stray brace and on a template without {seq} (its numbers would repeat)', () => {
    expect(() => templatePlaceholders('503/{seq}/{year')).to.throw(/unbalanced brace/);
    expect(() => templatePlaceholders('503/seq}/{year}')).to.throw(/unbalanced brace/);
    expect(() => formatDocumentNumber('503/DPMPTSP/{year}', parts)).to.throw(/no \{seq\}/);
  });

  it('refuses impossible parts', () => {
    const t = '{seq}/{romanMonth}/{year}';
    for (const bad of [{ seq: 0 }, { seq: 1.5 }, { month: 0 }, { month: 13 }, { year: 26 }]) {
      expect(() => formatDocumentNumber(t, { ...parts, ...bad }), JSON.stringify(bad)).to.throw(RangeError);
    }
  });

  it('counts permit numbers per type and year, apart from registration numbers', () => {
    expect(permitNumberScope('PBG', 2026)).to.equal('PERMIT/PBG/2026');
    expect(permitNumberScope('SIP', 2027)).to.equal('PERMIT/SIP/2027');
    expect(permitNumberScope('PBG', 2026)).to.not.equal(registrationScope('PBG', 2026));
  });

  it('takes year and month in office time (Asia/Pontianak, UTC+7)', () => {
    expect(officeYearMonth(new Date('2026-12-31T16:59:00Z'))).to.deep.equal({ year: 2026, month: 12 });
    expect(officeYearMonth(new Date('2026-12-31T17:00:00Z'))).to.deep.equal({ year: 2027, month: 1 });
  });
});
