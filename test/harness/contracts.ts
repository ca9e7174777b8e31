import { harness } from './harness';

/** Realistic terms of a goods contract between the seeded PPK and vendor A (NPWP 01.234.567.8-901.234). */
export function sampleTerms(overrides: { awardDate?: string; unitPrice?: number } = {}) {
  const unitPrice = overrides.unitPrice ?? 12_500_000;
  const items = [
    { id: 'pc', description: 'Komputer desktop layanan perizinan (Core i5, RAM 16 GB, SSD 512 GB)', quantity: 10, unit: 'unit', unitPrice },
    { id: 'printer', description: 'Printer laser A4 monokrom', quantity: 4, unit: 'unit', unitPrice: 3_250_000 },
  ];
  return {
    title: 'Pengadaan Komputer Layanan Perizinan DPMPTSP',
    ppk: { name: 'Ir. Hendra Gunawan, M.T.', nip: '197805122005011003', position: 'Pejabat Pembuat Komitmen', unit: 'Dinas PUPR Kabupaten Kubu Raya' },
    vendor: {
      name: 'CV Maju Jaya',
      npwp: '01.234.567.8-901.234',
      address: 'Jl. Gajah Mada No. 88, Pontianak',
      representative: { name: 'Andi Wijaya', position: 'Direktur' },
    },
    award: { letterNumber: '027/SPPBJ/PUPR/XI/2026', date: overrides.awardDate ?? new Date().toISOString().slice(0, 10) },
    value: items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0),
    startDate: '2026-12-07',
    durationDays: 30,
    items,
  };
}

export const contractHttp = () => harness().http();
