import { expect } from 'chai';
import { loadDevUsers } from '../../config/dev-users';
import { translator } from '../../web/i18n/translate';
import { roleName } from '../../web/role-name';

describe('role names on pages', () => {
  const id = translator('id');
  const en = translator('en');

  it('names a role by its kind and unit in both languages', () => {
    expect(roleName('reviewer:dpmptsp', id)).to.equal('Petugas DPMPTSP');
    expect(roleName('reviewer:dpmptsp', en)).to.equal('DPMPTSP officer');
    expect(roleName('reviewer:damkar', id)).to.equal('Petugas Dinas Pemadam Kebakaran');
    expect(roleName('approver:kepala-dpmptsp', id)).to.equal('Kepala DPMPTSP');
    expect(roleName('approver:kepala-dpmptsp', en)).to.equal('Head of DPMPTSP');
    expect(roleName('ppk:dinas-pupr', id)).to.equal('Pejabat Pembuat Komitmen (PPK) Dinas PUPR');
    expect(roleName('vendor:012345678901234', id)).to.equal('Penyedia (NPWP 012345678901234)');
    expect(roleName('applicant', en)).to.equal('Applicant');
    expect(roleName('system', id)).to.equal('Sistem');
  });

  it('falls back to the unit id in capitals, and an unknown role to itself', () => {
    expect(roleName('reviewer:dinas-perhubungan', id)).to.equal('Petugas DINAS PERHUBUNGAN');
    expect(roleName('auditor:x', id)).to.equal('auditor:x');
    expect(roleName('reviewer', id)).to.equal('reviewer');
  });

  it('names every role of the development users without a raw id', () => {
    for (const user of loadDevUsers()) {
      for (const role of user.roles) expect(roleName(role, id), role).to.not.contain(':');
    }
  });
});
