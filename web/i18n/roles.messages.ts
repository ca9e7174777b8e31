import { defineMessages } from './define-messages';

/**
 * Display names of roles (web/role-name.ts). A role is `<kind>:<unit>`: the kind's message takes the unit's
 * name; `role.<whole role>` names a role outright where the pattern reads badly (the head of office).
 */
export const rolesMessages = defineMessages({
  id: {
    'role.applicant': 'Pemohon',
    'role.admin': 'Administrator sistem',
    'role.auditor': 'Auditor Inspektorat',
    'role.system': 'Sistem',
    'role.reviewer': 'Petugas {unit}',
    'role.approver': 'Pejabat penyetuju {unit}',
    'role.ppk': 'Pejabat Pembuat Komitmen (PPK) {unit}',
    'role.legal': 'Bagian hukum {unit}',
    'role.vendor': 'Penyedia (NPWP {unit})',
    'role.supervisor': 'Kepala {unit}',
    'role.supervisor:dpmptsp': 'Kepala Bidang Pelayanan Perizinan DPMPTSP',
    'role.approver:kepala-dpmptsp': 'Kepala DPMPTSP',
    'role.unit.dpmptsp': 'DPMPTSP',
    'role.unit.pupr': 'Dinas PUPR',
    'role.unit.dinas-pupr': 'Dinas PUPR',
    'role.unit.damkar': 'Dinas Pemadam Kebakaran',
    'role.unit.bapenda': 'Bapenda',
    'role.unit.dinkes': 'Dinas Kesehatan',
    'role.unit.hukum': 'Bagian Hukum Setda',
  },
  en: {
    'role.applicant': 'Applicant',
    'role.admin': 'System administrator',
    'role.auditor': 'Inspectorate auditor',
    'role.system': 'System',
    'role.reviewer': '{unit} officer',
    'role.approver': 'Approving official, {unit}',
    'role.ppk': 'Commitment officer (PPK), {unit}',
    'role.legal': 'Legal officer, {unit}',
    'role.vendor': 'Vendor (tax number {unit})',
    'role.supervisor': 'Head of {unit}',
    'role.supervisor:dpmptsp': 'Head of Licensing Services, DPMPTSP',
    'role.approver:kepala-dpmptsp': 'Head of DPMPTSP',
    'role.unit.dpmptsp': 'DPMPTSP',
    'role.unit.pupr': 'Public Works Office (PUPR)',
    'role.unit.dinas-pupr': 'Public Works Office (PUPR)',
    'role.unit.damkar': 'Fire Service',
    'role.unit.bapenda': 'Regional Revenue Agency (Bapenda)',
    'role.unit.dinkes': 'Health Office',
    'role.unit.hukum': 'Legal Division of the Regional Secretariat',
  },
});
