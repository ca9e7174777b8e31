import crypto from 'node:crypto';

/** The check code printed under the QR code and carried in its URL: short, and not guessable from the number. */
export function verificationCode(caseId: string, number: string): string {
  return crypto.createHash('sha256').update(`${caseId}\n${number}`).digest('hex').slice(0, 10).toUpperCase();
}

/**
 * The public page of a document, `/v/503/0007/2026?code=…`: the number's `/` stay path separators (each part
 * percent-encoded) so that no proxy mangles an encoded slash, and the QR code stays short.
 */
export function verificationPath(number: string, code?: string): string {
  const path = `/v/${number.split('/').map(encodeURIComponent).join('/')}`;
  return code === undefined ? path : `${path}?code=${encodeURIComponent(code)}`;
}

/**
 * What the QR code on a document carries. Documents issued before the public pages carry
 * `/api/v1/public/verify/<number>?code=…`, which keeps answering (a browser is sent to the page).
 */
export function verificationUrl(publicUrl: string, number: string, code: string): string {
  return `${publicUrl}${verificationPath(number, code)}`;
}
