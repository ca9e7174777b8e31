import { expect } from 'chai';
import { uncleanReason, ZCleanText } from '../../domain/clean-text';
import { fieldsSchema } from '../../domain/fields.schema';
import { ZContractTermsSchema } from '../../domain/contract.schema';
import { ZAddendumChangeSchema } from '../../domain/kinds/addendum/addendum.change';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { sampleTermsInput } from './contract-fixtures';

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

describe('clean text (issue 8, finding 5)', () => {
  const line = ZCleanText();
  const multi = ZCleanText({ multiline: true });

  it('refuses control characters, lone surrogates and bidirectional controls, naming the code point', () => {
    const cases: Array<[string, RegExp]> = [
      ['Budi\u0000Santoso', /control character U\+0000/],
      ['Budi\u0007', /control character U\+0007/],
      ['Budi\u007f', /control character U\+007F/],
      ['Budi\u0085', /control character U\+0085/],
      ['Budi\u009b', /control character U\+009B/],
      ['Budi\ud800', /lone surrogate U\+D800/],
      ['\udc00Budi', /lone surrogate U\+DC00/],
      ['Budi\u202eosotnaS', /bidirectional control character U\+202E/],
      ['\u202aBudi', /U\+202A/],
      ['Budi\u2066x\u2069', /U\+2066/],
      ['Budi\u2069', /U\+2069/],
    ];
    for (const [text, reason] of cases) {
      expect(uncleanReason(text, true), JSON.stringify(text)).to.match(reason);
      expect(line.safeParse(text).success, JSON.stringify(text)).to.equal(false);
      expect(multi.safeParse(text).success, JSON.stringify(text)).to.equal(false);
    }
  });

  it('allows tab and line breaks only in multi-line text, and writes line breaks as LF', () => {
    for (const text of ['a\tb', 'a\nb', 'a\r\nb']) expect(line.safeParse(text).success, JSON.stringify(text)).to.equal(false);
    expect(multi.parse('Baris satu\r\nBaris dua\rtiga\n\tempat')).to.equal('Baris satu\nBaris dua\ntiga\n\tempat');
  });

  it('accepts ordinary text of any script, emoji included, and normalises it to NFC', () => {
    for (const text of ['Drs. H. Syarif Abdullah, M.Si.', 'عبد الله', '北京', 'Jl. Gajah Mada No. 12 😀', 'ß‐“x”']) {
      expect(line.parse(text)).to.equal(text);
    }
    const decomposed = 'Jose\u0301 Ange\u0301lico';
    expect(line.parse(decomposed)).to.equal('José Angélico');
    expect(line.parse(decomposed)).to.have.length(13);
    expect(line.trim().max(4).safeParse('e\u0301e\u0301e\u0301e\u0301').success, 'limits count NFC characters').to.equal(true);
  });

  it('is used by the permit field builder, the contract terms and addenda, reporting the field path', () => {
    const reklame = loadCatalog(CATALOG_DIR).get('reklame')!;
    const textField = reklame.fields.find((f) => f.type === 'text')!;
    expect(issues(fieldsSchema(reklame, 'partial').safeParse({ [textField.id]: 'Promo\u202eesrever' }))).to.deep.equal([
      `${textField.id}: contains the bidirectional control character U+202E`,
    ]);
    const terms = sampleTermsInput();
    terms.vendor.representative.name = 'Rudi\u0000';
    terms.clauses[0]!.text = 'Nilai\tKontrak\nadalah {value}.'; // multi-line text: allowed
    expect(issues(ZContractTermsSchema.safeParse(terms))).to.deep.equal(['vendor.representative.name: contains the control character U+0000']);
    terms.vendor.representative.name = 'Rudi';
    terms.clauses[1]!.text = 'x\ud83d';
    expect(issues(ZContractTermsSchema.safeParse(terms))).to.deep.equal(['clauses.1.text: contains a lone surrogate U+D83D (not valid Unicode text)']);
    expect(issues(ZAddendumChangeSchema.safeParse({ justification: 'Penambahan volume pekerjaan\u2067 karena kebutuhan', endDate: '2026-12-31' }))).to.deep.equal([
      'justification: contains the bidirectional control character U+2067',
    ]);
  });
});
