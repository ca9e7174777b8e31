import { expect } from 'chai';
import { toCsv } from '../../api/csv';

describe('CSV exports of the administrators\' pages', () => {
  it('starts with a UTF-8 byte order mark, ends lines with CRLF and quotes commas, quotes and line breaks', () => {
    const csv = toCsv(['Nama', 'Catatan'], [['Siti, S.Kom.', 'kata "baku"\nbaris dua'], ['Ñoño Śląsk', null]]);
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(csv.slice(1)).to.equal('Nama,Catatan\r\n"Siti, S.Kom.","kata ""baku""\nbaris dua"\r\nÑoño Śląsk,\r\n');
  });

  it('turns text cells that begin like a formula into plain text, but keeps numbers (negative ones too)', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [['=1+1', '+62 812', '-x', '@SUM(A1)', '\tcmd', -5]]);
    expect(csv.split('\r\n')[1]).to.equal("'=1+1,'+62 812,'-x,'@SUM(A1),'\tcmd,-5");
    expect(toCsv(['x'], [['=HYPERLINK("a","b")']]).split('\r\n')[1]).to.equal(`"'=HYPERLINK(""a"",""b"")"`);
  });
});
