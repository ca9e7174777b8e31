import crypto from 'node:crypto';
import { createMerkle } from '../domain/transparency/merkle';

/** The log's RFC 6962 tree over SHA-256 (node:crypto), for the store, the API and the verifier alike. */
export const logMerkle = createMerkle((data) => crypto.createHash('sha256').update(data).digest());

export const sha256Hex = (data: string | Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
