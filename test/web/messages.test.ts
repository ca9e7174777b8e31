import { expect } from 'chai';
import { MESSAGES } from '../../web/i18n/messages';
import { formatters } from '../../web/i18n/format';
import { translator } from '../../web/i18n/translate';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web message catalogues', () => {
  it('have the same keys in Indonesian and English, none empty, with the same {parameters}', () => {
    expect(Object.keys(MESSAGES.en).sort()).to.deep.equal(Object.keys(MESSAGES.id).sort());
    for (const [key, id] of Object.entries(MESSAGES.id)) {
      const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect(id.trim(), `id ${key}`).to.not.equal('');
      expect(en.trim(), `en ${key}`).to.not.equal('');
      expect(placeholders(en), `parameters of ${key}`).to.deep.equal(placeholders(id));
    }
  });

  it('fills in parameters and leaves unknown ones visible', () => {
    const t = translator('id');
    expect(t('home.title', { office: 'DPMPTSP' })).to.equal('Selamat datang di DPMPTSP');
    expect(t('home.title')).to.equal('Selamat datang di {office}');
  });

  it('formats dates, times and money for id-ID in WIB', () => {
    const f = formatters('id');
    expect(f.date('2026-12-02')).to.equal('2 Desember 2026');
    // 17:30 UTC on 1 December is already 2 December in WIB (UTC+7).
    expect(f.date('2026-12-01T17:30:00Z')).to.equal('2 Desember 2026');
    expect(f.dateTime('2026-12-02T07:05:00Z')).to.match(/^2 Desember 2026.*14[.:]05 WIB$/);
    expect(f.money(1250000).replace(/\s/g, ' ')).to.equal('Rp 1.250.000');
    expect(formatters('en').date('2026-12-02')).to.equal('2 December 2026');
  });
});
