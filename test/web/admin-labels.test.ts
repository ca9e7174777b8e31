import path from 'node:path';
import { expect } from 'chai';
import { loadCatalog } from '../../store/catalog';
import { loadContractCatalog } from '../../store/contract-catalog';
import { adminLabels, stageName } from '../../web/routes/admin/admin-query';

/**
 * The administrators' pages name every stage a case can be in, in both languages: the templates' stages, and the
 * ones the workflows open themselves (signing, the contract's vendor and PPK reviews and guarantee), whose stored
 * names are Indonesian.
 */
describe('admin stage labels', () => {
  const labels = adminLabels({ catalog: loadCatalog(path.resolve(__dirname, '../../templates/permit-types')), contractTypes: loadContractCatalog() });

  it('names the workflows’ own stages in English, not by their stored Indonesian names', () => {
    const stored: Array<[string, string]> = [
      ['penandatanganan', 'Penandatanganan'],
      ['jaminan_pelaksanaan', 'Jaminan pelaksanaan'],
      ['tinjauan_penyedia', 'Tinjauan penyedia'],
      ['tinjauan_ppk', 'Tinjauan PPK atas usulan penyedia'],
      ['pemutusan_kontrak', 'Kajian hukum pemutusan kontrak'],
    ];
    for (const [id, recorded] of stored) {
      expect(stageName(labels, 'id', id, recorded), id).to.be.a('string').and.not.equal('');
      expect(stageName(labels, 'en', id, recorded), id).to.not.equal(recorded);
    }
    expect(stageName(labels, 'en', 'kelengkapan', 'Pemeriksaan kelengkapan berkas')).to.equal('Completeness check');
    expect(stageName(labels, 'en', 'tahap_baru', 'Tahap baru')).to.equal('Tahap baru');
  });
});
