import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fillClause, ZContractTermsSchema } from '../../domain/contract.schema';
import { formatDocumentNumber } from '../../domain/number-template';
import { CONTRACT_TYPES_DIR, loadContractCatalog } from '../../store/contract-catalog';
import { sampleTermsInput } from './contract-fixtures';

const shipped = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(CONTRACT_TYPES_DIR, name), 'utf8')) as Record<string, unknown>;

describe('contract-type catalog', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-contract-types-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (name: string, value: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  it('loads the three shipped templates: barang, konstruksi, konsultansi', () => {
    const catalog = loadContractCatalog();
    expect([...catalog.keys()]).to.deep.equal(['barang', 'konstruksi', 'konsultansi']);
    expect([...catalog.values()].map((t) => t.code)).to.deep.equal(['BRG', 'KON', 'JKS']);
    for (const type of catalog.values()) {
      expect(type.defaultClauses.length, type.id).to.be.within(6, 10);
      expect(type.defaultPayments.reduce((s, p) => s + p.percent, 0), type.id).to.equal(100);
    }
    // Jasa konsultansi needs no performance guarantee (Perpres 16/2018 pasal 33).
    expect(Object.fromEntries([...catalog.values()].map((t) => [t.code, t.defaultGuaranteePercent]))).to.deep.equal({ BRG: 5, KON: 5, JKS: 0 });
  });

  it('has the standard clauses with their placeholders in every template', () => {
    for (const type of loadContractCatalog().values()) {
      const byHeading = (start: string) => type.defaultClauses.find((c) => c.heading.startsWith(start))?.text ?? '';
      expect(byHeading('Ruang Lingkup Pekerjaan'), type.id).to.include('{title}');
      expect(byHeading('Nilai Kontrak'), type.id).to.include('{value}').and.include('{valueWords}');
      expect(byHeading('Jangka Waktu'), type.id).to.include('{startDate}').and.include('{endDate}').and.include('{durationDays}');
      expect(byHeading('Cara Pembayaran'), type.id).to.include('{payments}');
      expect(byHeading('Denda Keterlambatan'), type.id).to.include('{penaltyPerDay}');
      expect(byHeading('Keadaan Kahar'), type.id).not.to.equal('');
      expect(byHeading('Penyelesaian Perselisihan'), type.id).not.to.equal('');
      const guarantee = byHeading('Jaminan Pelaksanaan');
      if (type.defaultGuaranteePercent > 0) expect(guarantee, type.id).to.include('{guaranteeAmount}');
      else expect(guarantee, type.id).to.equal('');
    }
  });

  it('drafts valid terms from each template and fills every clause', () => {
    for (const type of loadContractCatalog().values()) {
      const terms = ZContractTermsSchema.parse({
        ...sampleTermsInput(),
        clauses: type.defaultClauses,
        payments: type.defaultPayments,
        performanceGuarantee: { percent: type.defaultGuaranteePercent },
      });
      for (const clause of terms.clauses) {
        const text = fillClause(clause.text, terms);
        expect(text, `${type.id}/${clause.id}`).not.to.match(/[{}]/);
      }
      expect(formatDocumentNumber(type.numberTemplate, { seq: 7, year: 2026, month: 11, typeCode: type.code })).to.equal(
        `027/0007/SP-${type.code}/XI/2026`,
      );
    }
  });

  it('names the file and the path of an unknown placeholder, a bad payment total and a bad number template', () => {
    const kon = shipped('konstruksi.json') as {
      defaultClauses: Array<{ text: string }>;
      defaultPayments: Array<{ percent: number }>;
      numberTemplate: string;
    };
    kon.defaultClauses[3]!.text = 'Jaminan sebesar {guaranteeAmmount}.';
    kon.defaultPayments[3]!.percent = 10;
    kon.numberTemplate = '027/SP-KON/{year}';
    const file = write('konstruksi.json', kon);
    let message = '';
    try {
      loadContractCatalog(tmp);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).to.have.members([
      `${file}: numberTemplate: number template "027/SP-KON/{year}" has no {seq}: numbers would repeat`,
      `${file}: defaultClauses.3.text: unknown placeholder {guaranteeAmmount}`,
      `${file}: defaultPayments: payment percentages add up to 105, not 100`,
    ]);
  });

  it('refuses a number template without the year, unknown keys, a bad JSON file, and duplicate codes', () => {
    const brg = shipped('barang.json');
    write('a.json', { ...brg, numberTemplate: '027/{seq}/SP-BRG', legal: { reviewRole: 'legal:hukum' } });
    const a = path.join(tmp, 'a.json');
    const message = (() => {
      try {
        loadContractCatalog(tmp);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).to.include(`${a}: numberTemplate: number template "027/{seq}/SP-BRG" has no {year}`);
    expect(message).to.include(`${a}: (root): Unrecognized key: "legal"`);

    write('a.json', brg);
    const b = write('b.json', { ...brg, id: 'barang-kedua' });
    expect(() => loadContractCatalog(tmp)).to.throw(`${b}: code: duplicate contract type code "BRG" (already used in ${a})`);

    fs.rmSync(b);
    const broken = write('c.json', '{ "id": ');
    expect(() => loadContractCatalog(tmp)).to.throw(`${broken}: not valid JSON`);
    expect(() => loadContractCatalog(path.join(tmp, 'nope'))).to.throw(/cannot read the folder/);
  });
});
