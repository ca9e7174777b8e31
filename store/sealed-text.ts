import crypto from 'node:crypto';

/**
 * Text sealed with AES-256-GCM under a 32-byte key, as `iv.tag.ciphertext` (base64url). `context` is bound in as
 * additional data: a sealed value opens only for the row it was sealed for. Opening with another key throws.
 */
export function sealText(key: Buffer, plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function unsealText(key: Buffer, sealed: string, context: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv!);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}
