import { expect } from 'chai';
import { foreignTexts, keyNamesShown } from '../harness/page-language';

// The checks the English-switch browser test relies on, on fixed texts.
describe('page language checks (browser test helpers)', () => {
  const catalogue = {
    id: { 'app.name': 'Sahkan', 'nav.signIn': 'Masuk', 'signIn.as': 'Masuk sebagai {name}', 'layout.switchTo': 'English', 'role.other': 'Petugas' },
    en: { 'app.name': 'Sahkan', 'nav.signIn': 'Sign in', 'signIn.as': 'Sign in as {name}', 'layout.switchTo': 'Bahasa Indonesia', 'role.other': 'Staff' },
  };

  it('finds whole texts of the other language, with their parameters filled in', () => {
    const english = ['Sahkan', 'Sign in', 'Masuk sebagai Budi Santoso', 'Bahasa Indonesia', 'Masuk'];
    expect(foreignTexts(english, 'en', [catalogue])).to.deep.equal(['Masuk sebagai Budi Santoso', 'Masuk']);
    expect(foreignTexts(['Masuk', 'English', 'Sign in as Siti'], 'id', [catalogue])).to.deep.equal(['Sign in as Siti']);
  });

  it('lets data that merely contains a word of the other language pass', () => {
    expect(foreignTexts(['Rahmat Hidayat (Petugas Front Office DPMPTSP)', 'Staff'], 'en', [catalogue])).to.deep.equal([]);
  });

  it('finds catalogue key names shown on a page', () => {
    expect(keyNamesShown(['Sign in', 'error.notFound.title', 'Go to nav.signIn now'], ['nav.signIn', 'error.notFound.title'])).to.deep.equal([
      'error.notFound.title',
      'Go to nav.signIn now',
    ]);
  });
});
