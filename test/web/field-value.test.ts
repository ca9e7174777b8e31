import { expect } from 'chai';
import type { TFieldDefinition } from '../../domain/case-type.schema';
import { fieldValueText } from '../../web/components/field-value';
import { formatters } from '../../web/i18n/format';
import { translator } from '../../web/i18n/translate';
import { loadCatalog, CATALOG_DIR } from '../../store/catalog';

const page = (lang: 'id' | 'en') => ({ lang, t: translator(lang), format: formatters(lang) });
const field = (typeId: string, id: string): TFieldDefinition => loadCatalog(CATALOG_DIR).get(typeId)!.fields.find((f) => f.id === id)!;

describe('field values as people read them', () => {
  it('shows an option by its label in the page language, and the words of an option without one', () => {
    expect(fieldValueText(field('reklame', 'billboard_type'), 'baliho', page('id'))).to.equal('Baliho');
    expect(fieldValueText(field('reklame', 'billboard_type'), 'papan_nama_usaha', page('en'))).to.equal('Business name sign');
    expect(fieldValueText(field('pbg', 'land_rights'), 'shm', page('id'))).to.equal('Hak Milik (SHM)');
    const unlabelled: TFieldDefinition = { id: 'x', label: { id: 'X', en: 'X' }, type: 'enum', required: true, options: ['neon_box'] };
    expect(fieldValueText(unlabelled, 'neon_box', page('id'))).to.equal('neon box');
  });

  it('shows booleans as Ya/Tidak (Yes/No), numbers and dates in the locale, nothing as a dash', () => {
    expect(fieldValueText(field('reklame', 'illuminated'), true, page('id'))).to.equal('Ya');
    expect(fieldValueText(field('reklame', 'illuminated'), false, page('id'))).to.equal('Tidak');
    expect(fieldValueText(field('reklame', 'illuminated'), false, page('en'))).to.equal('No');
    expect(fieldValueText(field('reklame', 'size_m2'), 1250.5, page('id'))).to.equal('1.250,5');
    expect(fieldValueText(field('reklame', 'size_m2'), 1250.5, page('en'))).to.equal('1,250.5');
    expect(fieldValueText(field('sip', 'str_valid_until'), '2029-03-01', page('id'))).to.equal('1 Maret 2029');
    expect(fieldValueText(field('sip', 'str_valid_until'), undefined, page('id'))).to.equal('—');
  });
});
