import { defineMessages } from './define-messages';

/** The open-data page (`/data-terbuka`): the datasets of the catalogue with their downloads. */
export const openDataMessages = defineMessages({
  id: {
    'openData.nav': 'Data terbuka',
    'openData.purpose': 'Unduh data perizinan dan register kontrak tanpa data pribadi, sebagai JSON atau CSV.',
    'openData.title': 'Data terbuka',
    'openData.lead':
      'Data perizinan dan pengadaan yang dapat dipakai siapa saja, menurut prinsip Satu Data Indonesia. Tidak ada data pribadi: jumlah di bawah 3 ditampilkan sebagai "<3" dan angka kelompok sekecil itu tidak ditampilkan.',
    'openData.license': 'Lisensi: Creative Commons Atribusi 4.0 (CC BY 4.0). Cantumkan {office} sebagai sumber.',
    'openData.catalogue': 'Katalog (DCAT, JSON-LD) dengan kamus data setiap dataset',
    'openData.range': 'Tanpa parameter, unduhan berisi 12 bulan terakhir; pilih bulan lain dengan ?from=YYYY-MM&to=YYYY-MM (paling banyak 36 bulan).',
    'openData.json': 'Unduh JSON',
    'openData.csv': 'Unduh CSV',
  },
  en: {
    'openData.nav': 'Open data',
    'openData.purpose': 'Download permit figures and the contract register, without personal data, as JSON or CSV.',
    'openData.title': 'Open data',
    'openData.lead':
      'Permit and procurement data anyone may use, following the Satu Data Indonesia principles. No personal data: counts below 3 are shown as "<3" and the figures of such small groups are left out.',
    'openData.license': 'Licence: Creative Commons Attribution 4.0 (CC BY 4.0). Credit {office} as the source.',
    'openData.catalogue': 'Catalogue (DCAT, JSON-LD) with the data dictionary of each dataset',
    'openData.range': 'Without parameters a download holds the last 12 months; choose other months with ?from=YYYY-MM&to=YYYY-MM (at most 36 months).',
    'openData.json': 'Download JSON',
    'openData.csv': 'Download CSV',
  },
});
