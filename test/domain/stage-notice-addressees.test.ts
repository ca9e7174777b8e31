import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { noticeRecipients } from '../../domain/notices/notice-addressees';
import type { TOrganisation } from '../../domain/notices/organisation.schema';
import { stageNoticeMail, workingDaysLeftAt } from '../../domain/notices/stage-notice-mail';
import { loadOrganisation, ORGANISATION_FILE } from '../../store/organisation';

const ORG: TOrganisation = {
  head: { role: 'approver:kepala-x', title: 'Kepala Kantor', mailbox: 'kepala@x.example.org' },
  units: [
    { id: 'a', name: 'Unit A', roles: ['reviewer:a'], mailbox: 'a@x.example.org', supervisor: { role: 'supervisor:a', title: 'Kepala Unit A', mailbox: 'ka@x.example.org' } },
    { id: 'b', name: 'Unit B', roles: ['reviewer:b', 'reviewer:b2'], mailbox: 'b@x.example.org', supervisor: { role: 'supervisor:b', title: 'Kepala Unit B', mailbox: 'kb@x.example.org' } },
  ],
};

describe('stage notices: who gets what (domain/notices)', () => {
  describe('noticeRecipients', () => {
    it('reminders go to the roles still deciding, mailed to their unit; a role no unit lists gets its inbox only', () => {
      expect(noticeRecipients(ORG, 'role', ['reviewer:a', 'reviewer:z'])).to.deep.equal([
        { role: 'reviewer:a', title: 'Unit A', mailbox: 'a@x.example.org', about: ['reviewer:a'] },
        { role: 'reviewer:z', title: 'reviewer:z', mailbox: null, about: ['reviewer:z'] },
      ]);
    });

    it('the 90% reminder goes to each role’s unit supervisor once; a role no unit lists is supervised by the head', () => {
      expect(noticeRecipients(ORG, 'supervisor', ['reviewer:b', 'reviewer:b2', 'reviewer:a', 'reviewer:z']).map((r) => `${r.role}>${r.mailbox} about ${r.about.join(',')}`)).to.deep.equal([
        'supervisor:b>kb@x.example.org about reviewer:b,reviewer:b2',
        'supervisor:a>ka@x.example.org about reviewer:a',
        'approver:kepala-x>kepala@x.example.org about reviewer:z',
      ]);
    });

    it('the escalation goes to the head of office alone, whatever the stage’s roles (even none)', () => {
      const head = { role: 'approver:kepala-x', title: 'Kepala Kantor', mailbox: 'kepala@x.example.org' };
      expect(noticeRecipients(ORG, 'head', ['reviewer:a', 'reviewer:b'])).to.deep.equal([{ ...head, about: ['reviewer:a', 'reviewer:b'] }]);
      expect(noticeRecipients(ORG, 'head', [])).to.deep.equal([{ ...head, about: [] }]);
    });
  });

  describe('templates/organisation.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-org-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (data: unknown) => {
      const file = path.join(dir, 'organisation.json');
      fs.writeFileSync(file, JSON.stringify(data));
      return file;
    };

    it('the shipped file loads: every reviewer unit has a supervisor, and the head is the Kepala DPMPTSP', () => {
      const org = loadOrganisation(ORGANISATION_FILE);
      expect(org.head.role).to.equal('approver:kepala-dpmptsp');
      expect(noticeRecipients(org, 'supervisor', ['reviewer:pupr']).map((r) => r.role)).to.deep.equal(['supervisor:pupr']);
    });

    it('refuses a bad file naming the file and the path inside it', () => {
      const shipped = loadOrganisation();
      expect(() => loadOrganisation(write({ ...shipped, head: { ...shipped.head, mailbox: 'not-a-mailbox' } }))).to.throw(/organisation\.json: head\.mailbox: /);
      const twice = { ...shipped, units: [...shipped.units, { ...shipped.units[0]!, id: 'other' }] };
      expect(() => loadOrganisation(write(twice))).to.throw(/organisation\.json: units\.\d+\.roles\.0: role reviewer:dpmptsp is already in unit "dpmptsp"/);
      expect(() => loadOrganisation(write({ ...shipped, fax: '1' }))).to.throw(/organisation\.json: \(root\): .*fax/);
    });
  });

  describe('the e-mail (stageNoticeMail)', () => {
    const base = {
      registrationNumber: 'REG/PBG/2026/000042',
      typeName: 'Persetujuan Bangunan Gedung (PBG)',
      stageName: 'Kajian teknis',
      dueAt: '2026-12-03T09:00:00.000Z',
      serviceLevelDays: 10,
      link: 'https://perizinan.example.org/tugas/t-1',
      office: 'DPMPTSP Kabupaten Kubu Raya',
    };

    it('a reminder names the number, type, stage, working days left, the deadline in WIB and the link', () => {
      const { subject, body } = stageNoticeMail({ ...base, notice: { kind: 'reminder_75', to: 'role' }, recipient: { title: 'Dinas PUPR' } });
      expect(subject).to.equal('[Pengingat] REG/PBG/2026/000042: Kajian teknis, sisa 3 hari kerja');
      expect(body).to.match(/^Yth\. Dinas PUPR,/);
      for (const part of ['REG/PBG/2026/000042', 'Persetujuan Bangunan Gedung (PBG)', 'Kajian teknis', 'Sisa waktu: 3 hari kerja', '3 Desember 2026', '16.00 WIB', 'https://perizinan.example.org/tugas/t-1']) {
        expect(body).to.include(part);
      }
    });

    it('a stage whose count is stopped has no deadline stated, in words that fit a permit and a contract', () => {
      const { body } = stageNoticeMail({ ...base, dueAt: null, typeName: 'Kontrak Pengadaan Barang', notice: { kind: 'reminder_75', to: 'role' }, recipient: { title: 'PPK' } });
      expect(body).to.include('Batas waktu      : ditangguhkan (penghitungan waktu sedang dihentikan)');
      expect(body).not.to.include('pemohon');
    });

    it('the escalation says the stage is overdue', () => {
      const { subject, body } = stageNoticeMail({ ...base, notice: { kind: 'escalation', to: 'head' }, recipient: { title: 'Kepala DPMPTSP' } });
      expect(subject).to.equal('[Eskalasi] Batas waktu terlewati: REG/PBG/2026/000042 (Kajian teknis)');
      expect(body).to.include('telah melewati batas waktunya (3 Desember 2026 pukul 16.00 WIB)');
      expect(body).not.to.include('Sisa waktu');
    });

    it('working days left at each mark follow the rule: ⌊N·p/100⌋ counted', () => {
      expect([10, 2, 1].map((n) => ['reminder_50', 'reminder_75', 'reminder_90', 'escalation'].map((k) => workingDaysLeftAt(k as 'reminder_50', n)))).to.deep.equal([
        [5, 3, 1, 0],
        [1, 1, 1, 0],
        [1, 1, 1, 0],
      ]);
    });
  });
});
