import crypto from 'node:crypto';
import type { TCertificateData } from '../../domain/certificate';
import type { TAddendumDocument, TContractDocument } from '../../domain/contract-document';
import { canonicalJson } from '../../domain/transparency/log-entry';

/**
 * What a document says, apart from what only its issuance gives it: the SHA-256 of the canonical JSON (RFC 8785)
 * of its composed data without its number, its date (and the validity counted from it) and its verification link
 * and code. A signer approves a preview that has placeholders there (no number is reserved before signing), so the
 * preview's bytes never equal the document signed; this digest does, unless the content changed in between. The
 * anomaly rule "signature of a document that differs from the one approved" compares the two (domain/anomalies/).
 */
function contentSha256<T extends object>(data: T, issuanceParts: ReadonlyArray<keyof T>): string {
  const content = Object.fromEntries(Object.entries(data).filter(([key]) => !issuanceParts.includes(key as keyof T)));
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export const certificateContentSha256 = (data: TCertificateData): string => contentSha256(data, ['permitNumber', 'issuedAt', 'validUntil', 'verificationUrl', 'shortHash']);

export const contractContentSha256 = (data: TContractDocument): string => contentSha256(data, ['contractNumber', 'date', 'verificationUrl', 'shortCode']);

export const addendumContentSha256 = (data: TAddendumDocument): string => contentSha256(data, ['addendumNumber', 'date', 'verificationUrl', 'shortCode']);
