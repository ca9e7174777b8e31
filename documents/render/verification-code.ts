import crypto from 'node:crypto';

/** The check code printed under the QR code and carried in its URL: short, and not guessable from the number. */
export function verificationCode(caseId: string, number: string): string {
  return crypto.createHash('sha256').update(`${caseId}\n${number}`).digest('hex').slice(0, 10).toUpperCase();
}

export function verificationUrl(publicUrl: string, number: string, code: string): string {
  return `${publicUrl}/api/v1/public/verify/${encodeURIComponent(number)}?code=${code}`;
}
