import crypto from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';

/** The encoding of a payload this codec sealed; anything else passes through untouched (older, unencrypted histories). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was sealed with, so that old keys keep decrypting after a rotation. */
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256 keys by id; `encryptWith` seals new payloads, every key opens the ones it sealed. */
export interface TPayloadKeyRing {
  keys: ReadonlyMap<string, Buffer>;
  encryptWith: string;
}

/**
 * `SAHKAN_PAYLOAD_KEYS`: comma-separated `id:base64key` (32-byte keys, standard or URL-safe base64); the last
 * one encrypts. Rotation appends a key and keeps the older ones for the histories they sealed.
 */
export const ZPayloadKeysSchema = z.string().transform((spec, ctx): TPayloadKeyRing => {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',')) {
    const match = /^([A-Za-z0-9_.-]{1,64}):([A-Za-z0-9+/_-]+={0,2})$/.exec(entry.trim());
    const key = match ? Buffer.from(match[2]!, 'base64') : undefined;
    if (!match || key!.length !== 32) {
      // The key itself is never repeated in the message.
      ctx.addIssue({ code: 'custom', message: `each entry must be id:base64 of a 32-byte key (entry ${keys.size + 1} is not)` });
      return z.NEVER;
    }
    if (keys.has(match[1]!)) {
      ctx.addIssue({ code: 'custom', message: `key id ${match[1]} appears twice` });
      return z.NEVER;
    }
    keys.set(match[1]!, key!);
  }
  return { keys, encryptWith: [...keys.keys()].at(-1)! };
});

const utf8 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * Seals every workflow payload with AES-256-GCM (random 12-byte IV per payload, the key id as associated data),
 * so names, comments and terms in Temporal's history are ciphertext. Runs in the client and the worker, outside
 * the workflow sandbox; the codec endpoint (api/routes/codec.route.ts) runs the same for the Web UI.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly ring: TPayloadKeyRing) {
    if (!ring.keys.has(ring.encryptWith)) throw new Error(`the encrypting payload key ${ring.encryptWith} is not in the key ring`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.encryptWith;
    const key = this.ring.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(keyId, 'utf8'));
      const sealed = Buffer.concat([cipher.update(temporal.api.common.v1.Payload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (utf8(payload.metadata?.encoding) === ENCRYPTED_ENCODING ? this.open(payload) : payload));
  }

  private open(payload: Payload): Payload {
    const keyId = utf8(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new Error(`an encrypted payload has no ${KEY_ID_METADATA} metadata`);
    const key = this.ring.keys.get(keyId);
    if (!key) throw new Error(`a payload is encrypted with key id ${keyId}, which is not in the key ring (SAHKAN_PAYLOAD_KEYS)`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`a payload encrypted with key id ${keyId} is too short to be ciphertext`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new Error(`a payload encrypted with key id ${keyId} fails authentication (altered, or sealed with another key of that id)`);
    }
  }
}

/** The module of the failure converter that moves failure messages into encrypted payloads (bundled into workflows too). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** What every Client and Worker of one installation is given: the codec over the default payload converter, failures encoded. */
export const payloadDataConverter = (ring: TPayloadKeyRing): DataConverter => ({ payloadCodecs: [new AesGcmPayloadCodec(ring)], failureConverterPath: FAILURE_CONVERTER_PATH });
