import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload } from '@temporalio/common';
import { expect } from 'chai';
import { loadConfig } from '../../config/env';
import { loadPayloadKeyRing } from '../../config/secrets';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, ZPayloadKeysSchema } from '../../config/payload-codec';

const key = () => crypto.randomBytes(32).toString('base64');
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('utf8');
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString('utf8');
const ringOf = (spec: string) => ZPayloadKeysSchema.parse(spec);
const plain = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('payload codec (AES-256-GCM, key ring)', () => {
  const applicant = { name: 'Budi Santoso', comment: 'Mohon dipercepat, terima kasih' };

  it('round-trips payloads, and the ciphertext shows neither the name nor the comment', async () => {
    const codec = new AesGcmPayloadCodec(ringOf(`k1:${key()}`));
    const [sealed] = await codec.encode([plain(applicant)]);
    expect(meta(sealed!, 'encoding')).to.equal(ENCRYPTED_ENCODING);
    expect(meta(sealed!, KEY_ID_METADATA)).to.equal('k1');
    expect(Buffer.from(sealed!.data!).includes('Budi')).to.equal(false);
    expect(Buffer.from(sealed!.data!).includes('Mohon')).to.equal(false);
    const [opened] = await codec.decode([sealed!]);
    expect(meta(opened!, 'encoding')).to.equal('json/plain');
    expect(JSON.parse(text(opened!))).to.deep.equal(applicant);
  });

  it('seals the same payload differently each time (a fresh IV per payload)', async () => {
    const codec = new AesGcmPayloadCodec(ringOf(`k1:${key()}`));
    const [a, b] = await codec.encode([plain(applicant), plain(applicant)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).to.equal(false);
  });

  it('after a rotation old ciphertext still opens and new payloads use the newest key', async () => {
    const k1 = key();
    const before = new AesGcmPayloadCodec(ringOf(`k1:${k1}`));
    const [old] = await before.encode([plain('lama')]);
    const after = new AesGcmPayloadCodec(ringOf(`k1:${k1},k2:${key()}`));
    const [fresh] = await after.encode([plain('baru')]);
    expect(meta(fresh!, KEY_ID_METADATA)).to.equal('k2');
    const [a, b] = await after.decode([old!, fresh!]);
    expect(JSON.parse(text(a!))).to.equal('lama');
    expect(JSON.parse(text(b!))).to.equal('baru');
    // The old installation cannot read what the new key sealed, and says which key it lacks.
    await before.decode([fresh!]).then(
      () => expect.fail('decoded without the key'),
      (err: Error) => expect(err.message).to.contain('key id k2').and.to.contain('not in the key ring'),
    );
  });

  it('refuses altered ciphertext and a swapped key id', async () => {
    const ring = ringOf(`k1:${key()},k2:${key()}`);
    const codec = new AesGcmPayloadCodec(ring);
    const [sealed] = await codec.encode([plain(applicant)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await codec.decode([{ ...sealed!, data }]).then(
      () => expect.fail('altered ciphertext decoded'),
      (err: Error) => expect(err.message).to.contain('key id k2').and.to.contain('fails authentication'),
    );
    const swapped = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k1') } };
    await codec.decode([swapped]).then(
      () => expect.fail('decoded under another key id'),
      (err: Error) => expect(err.message).to.contain('fails authentication'),
    );
  });

  it('passes unencrypted payloads through untouched (recorded histories)', async () => {
    const codec = new AesGcmPayloadCodec(ringOf(`k1:${key()}`));
    const original = plain(applicant);
    const [same] = await codec.decode([original]);
    expect(same).to.equal(original);
  });

  it('names the variable and never the key when SAHKAN_PAYLOAD_KEYS is malformed', () => {
    const short = crypto.randomBytes(16).toString('base64');
    expect(() => loadConfig({ SAHKAN_PAYLOAD_KEYS: `k1:${short}` })).to.throw(/SAHKAN_PAYLOAD_KEYS: each entry must be id:base64/).and.not.to.match(new RegExp(short.replace(/[+/=]/g, '.')));
    const k = key();
    expect(() => loadConfig({ SAHKAN_PAYLOAD_KEYS: `k1:${k},k1:${key()}` })).to.throw(/SAHKAN_PAYLOAD_KEYS: key id k1 appears twice/);
    expect(loadConfig({ SAHKAN_PAYLOAD_KEYS: ` a:${k} , b:${key()}` }).SAHKAN_PAYLOAD_KEYS?.encryptWith).to.equal('b');
  });

  it('accepts a Web UI origin for the codec endpoint and refuses a URL with a path', () => {
    expect(loadConfig({ SAHKAN_CODEC_CORS_ORIGIN: 'http://localhost:8233' }).SAHKAN_CODEC_CORS_ORIGIN).to.equal('http://localhost:8233');
    expect(() => loadConfig({ SAHKAN_CODEC_CORS_ORIGIN: 'http://localhost:8233/ui' })).to.throw(/SAHKAN_CODEC_CORS_ORIGIN/);
  });

  it('in development, processes of one data folder share one generated key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-payload-key-'));
    try {
      const api = new AesGcmPayloadCodec(loadPayloadKeyRing(loadConfig({ SAHKAN_DATA_DIR: dataDir })));
      const worker = new AesGcmPayloadCodec(loadPayloadKeyRing(loadConfig({ SAHKAN_DATA_DIR: dataDir })));
      const [opened] = await worker.decode(await api.encode([plain('sama')]));
      expect(JSON.parse(text(opened!))).to.equal('sama');
      expect((fs.statSync(path.join(dataDir, 'payload-key')).mode & 0o777).toString(8)).to.equal('600');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
