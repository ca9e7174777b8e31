import type { TContractTerms, TContractTermsInput } from '../../domain/contract.schema';
import { ZContractTermsSchema } from '../../domain/contract.schema';

/** Valid input for ZContractTermsSchema: ten computers, four printers and 2.5 rolls of cable. */
export function sampleTermsInput(): TContractTermsInput {
  return {
    title: 'Pengadaan Perangkat Komputer Layanan Perizinan',
    ppk: {
      name: 'Ir. Hendra Wijaya, M.T.',
      nip: '197805122005011003',
      position: 'Pejabat Pembuat Komitmen',
      unit: 'Dinas Penanaman Modal dan PTSP Kabupaten Kubu Raya',
    },
    vendor: {
      name: 'CV Borneo Data Mandiri',
      npwp: '01.234.567.8-701.000',
      address: 'Jl. Ahmad Yani No. 12, Pontianak',
      representative: { name: 'Rudi Hartono', position: 'Direktur' },
    },
    award: { letterNumber: '027/015/SPPBJ/DPMPTSP/2026', date: '2026-06-15' },
    value: 143_125_003,
    startDate: '2026-07-01',
    durationDays: 60,
    items: [
      { id: 'i1', description: 'Komputer desktop', quantity: 10, unit: 'unit', unitPrice: 12_500_000 },
      { id: 'i2', description: 'Printer laser', quantity: 4, unit: 'unit', unitPrice: 3_750_000 },
      // 2.5 × 1 250 001 = 3 125 002.5: rounds up to 3 125 003.
      { id: 'i3', description: 'Kabel jaringan UTP Cat6', quantity: 2.5, unit: 'roll', unitPrice: 1_250_001 },
    ],
    payments: [
      { id: 'p1', milestone: 'Uang muka', percent: 20 },
      { id: 'p2', milestone: 'Setelah serah terima', percent: 80 },
    ],
    clauses: [
      { id: 'nilai', heading: 'Nilai Kontrak', text: 'Nilai Kontrak adalah sebesar {value} ({valueWords}).' },
      { id: 'waktu', heading: 'Jangka Waktu', text: '{durationDays} hari kalender, {startDate} sampai dengan {endDate}.' },
    ],
  };
}

/** The parsed sample (defaults applied, NPWP normalised). */
export function sampleTerms(): TContractTerms {
  return ZContractTermsSchema.parse(sampleTermsInput());
}
