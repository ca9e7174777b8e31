import crypto from 'node:crypto';

/** Digits of the tracking PIN: short enough to type from a receipt, guarded by the attempt throttle. */
export const TRACKING_PIN_DIGITS = 6;

/**
 * The tracking PIN of a case: an HMAC of its id under the office's tracking secret, cut to six digits. Derived,
 * never stored: the API checks it and the worker prints it in the receipt e-mail without it ever entering a
 * workflow's history or a table.
 */
export function trackingPin(key: Buffer, caseId: string): string {
  const mac = crypto.createHmac('sha256', key).update(`tracking-pin\n${caseId}`).digest();
  return String(mac.readBigUInt64BE(0) % 10n ** BigInt(TRACKING_PIN_DIGITS)).padStart(TRACKING_PIN_DIGITS, '0');
}

/** Whether `given` (spaces and dashes allowed, as people copy it) is the case's PIN; constant-time. */
export function trackingPinMatches(key: Buffer, caseId: string, given: string): boolean {
  const expected = Buffer.from(trackingPin(key, caseId));
  const typed = Buffer.from(given.replace(/[\s-]/g, ''));
  return typed.length === expected.length && crypto.timingSafeEqual(typed, expected);
}
