import { z } from 'zod';

/**
 * Why an issued document was revoked, as the public may read it: a code from a fixed list with its Indonesian
 * label. The administrator's free-text note stays internal (it may name people or findings).
 */
export const REVOCATION_REASONS = {
  dicabut_atas_permintaan: 'Dicabut atas permintaan pemegang',
  pelanggaran_ketentuan: 'Pelanggaran ketentuan perizinan',
  data_tidak_benar: 'Data permohonan tidak benar',
  kunci_bocor: 'Kunci penandatangan tidak lagi aman',
  lainnya: 'Alasan lain',
} as const;
export type TRevocationReasonCode = keyof typeof REVOCATION_REASONS;

export const ZRevocationReasonCodeSchema = z.enum(Object.keys(REVOCATION_REASONS) as [TRevocationReasonCode, ...TRevocationReasonCode[]]);

/** The label of a stored code; null for none (or a code no longer in the list). */
export function revocationReasonLabel(code: string | null): string | null {
  return code !== null && Object.hasOwn(REVOCATION_REASONS, code) ? REVOCATION_REASONS[code as TRevocationReasonCode] : null;
}
