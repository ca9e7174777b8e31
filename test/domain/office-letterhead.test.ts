import { expect } from 'chai';
import { officeLetterhead, unitLetterhead } from '../../domain/office-letterhead';
import { loadOffice } from '../../store/certificate-layouts';

describe('office letterheads as data', () => {
  const office = loadOffice();

  it('gives a Dinas PUPR PPK the Dinas PUPR letterhead, however the unit is spaced or cased', () => {
    const head = unitLetterhead(office, '  dinas pekerjaan umum dan  Penataan Ruang Kabupaten Kubu Raya ');
    expect(head.nameLines).to.deep.equal(['PEMERINTAH KABUPATEN KUBU RAYA', 'DINAS PEKERJAAN UMUM DAN PENATAAN RUANG']);
    expect(head.addressLines.join(' ')).to.not.include('dpmptsp');
  });

  it('gives a DPMPTSP PPK the office letterhead the certificates carry', () => {
    expect(unitLetterhead(office, 'Dinas Penanaman Modal dan PTSP Kabupaten Kubu Raya')).to.deep.equal(officeLetterhead(office));
  });

  it('names an unknown unit itself, under the government line, with no other unit’s address', () => {
    const head = unitLetterhead(office, 'Dinas Perhubungan Kabupaten Kubu Raya');
    expect(head.nameLines).to.deep.equal(['PEMERINTAH KABUPATEN KUBU RAYA', 'DINAS PERHUBUNGAN KABUPATEN KUBU RAYA']);
    expect(head.addressLines).to.deep.equal([]);
  });
});
