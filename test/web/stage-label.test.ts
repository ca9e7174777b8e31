import path from 'node:path';
import { expect } from 'chai';
import type { TDeadlineMovedData } from '../../domain/working-time/calendar-change';
import { loadCatalog } from '../../store/catalog';
import { loadContractCatalog } from '../../store/contract-catalog';
import { deadlineMovedText } from '../../web/components/timeline';
import { formatters } from '../../web/i18n/format';
import { translator } from '../../web/i18n/translate';
import { workingDaysText } from '../../web/i18n/working-days';
import { stageLabel } from '../../web/stage-label';

/** One stage-naming rule for every page, the deadline-moved sentence in the page's language, and "1 working day". */
describe('stage labels, the deadline-moved sentence and working days in both languages', () => {
  const reklame = loadCatalog(path.resolve(__dirname, '../../templates/permit-types')).get('reklame')!;
  const contract = [...loadContractCatalog().values()][0]!;

  it('names a stage by its type in the page language, signing and the contract workflow’s own stages by the pages', () => {
    expect(stageLabel(reklame, 'kelengkapan', 'Pemeriksaan kelengkapan berkas', 'en')).to.equal('Completeness check');
    expect(stageLabel(reklame, 'kelengkapan', 'Pemeriksaan kelengkapan berkas', 'id')).to.equal('Pemeriksaan kelengkapan berkas');
    expect(stageLabel(reklame, 'penandatanganan', 'Penandatanganan', 'en')).to.equal('Signature');
    expect(stageLabel(contract, 'penandatanganan', 'Penandatanganan', 'en')).to.equal('Signature'); // one name for one stage
    expect(stageLabel(reklame, 'lewat_waktu', 'Putuskan permohonan lewat waktu', 'en')).to.equal('Decide a lapsed application');
    expect(stageLabel(reklame, 'lewat_waktu', 'Putuskan permohonan lewat waktu', 'id')).to.equal('Putuskan permohonan lewat waktu');
    expect(stageLabel(contract, contract.reviewStages[0]!.id, 'x', 'en')).to.equal(contract.reviewStages[0]!.name.en);
    expect(stageLabel(contract, contract.terminationReview.id, 'x', 'en')).to.equal(contract.terminationReview.name.en);
    expect(stageLabel(contract, 'jaminan_pelaksanaan', 'Jaminan pelaksanaan', 'en')).to.not.equal('Jaminan pelaksanaan');
    // Several types (the admin pages): the first that knows the stage; a stage no type knows keeps its recorded name.
    expect(stageLabel([contract, reklame], 'kelengkapan', null, 'en')).to.equal('Completeness check');
    expect(stageLabel(reklame, 'tahap_baru', 'Tahap baru', 'en')).to.equal('Tahap baru');
    expect(stageLabel(undefined, 'tahap_baru', null, 'en')).to.equal('tahap_baru');
    expect(stageLabel(reklame, null, null, 'en')).to.equal('');
  });

  it('writes a deadline_moved event in English on English pages, with the English stage name', () => {
    const data: TDeadlineMovedData = {
      stageId: 'kelengkapan',
      stageName: 'Pemeriksaan kelengkapan berkas',
      before: '2026-12-24T09:00:00.000Z',
      after: '2026-12-28T09:00:00.000Z',
      action: 'added',
      date: '2026-12-24',
      reason: 'Banjir',
      revision: 3,
    };
    const named = (lang: 'id' | 'en') => (id: string, recorded: string | null) => stageLabel(reklame, id, recorded, lang);
    const en = deadlineMovedText(data, translator('en'), formatters('en'), named('en'));
    expect(en).to.match(/^The deadline of stage Completeness check moved from 24 Dec.* 16[.:]00 to 28 Dec.* 16[.:]00: 24 Dec.* was declared a holiday \(Banjir\)\.$/);
    const id = deadlineMovedText(data, translator('id'), formatters('id'), named('id'));
    expect(id).to.match(/^Batas waktu tahap Pemeriksaan kelengkapan berkas bergeser dari 24 Des.* 16\.00 ke 28 Des.* 16\.00: 24 Des.* ditetapkan sebagai hari libur \(Banjir\)\.$/);
    const removed = deadlineMovedText({ ...data, action: 'removed', stageId: null, stageName: null }, translator('en'), formatters('en'));
    expect(removed).to.match(/^The deadline of the whole service moved from .+: 24 Dec.* is no longer a holiday \(Banjir\)\.$/);
  });

  it('says "1 working day" and "5 working days" in English, "1 hari kerja" in Indonesian', () => {
    expect(workingDaysText(translator('en'), 1)).to.equal('1 working day');
    expect(workingDaysText(translator('en'), 5)).to.equal('5 working days');
    expect(workingDaysText(translator('id'), 1)).to.equal('1 hari kerja');
    expect(translator('en')('applicant.catalogue.serviceLevel', { days: workingDaysText(translator('en'), 1) })).to.equal('Service level: 1 working day');
  });
});
