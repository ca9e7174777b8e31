/** Shared material for the signing suites: one PKI per mocha run (key generation is the slow part). */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { KeyObject } from 'node:crypto';
import {
  createRootCa,
  issueSignerCertificate,
  unlockSignerKey,
  type CaMaterial,
  type IssuedSigner,
} from '../../documents/signing/pki';
import type { PdfSigner } from '../../documents/signing/pades-sign';

export const PASSPHRASE = 'kata sandi yang panjang';

export interface TestSigner extends IssuedSigner {
  key: KeyObject;
  signer: PdfSigner;
}

export interface TestPki {
  ca: CaMaterial;
  otherCa: CaMaterial;
  kepala: TestSigner;
  sekretaris: TestSigner;
  /** Valid from five years ago for one year: expired today. */
  expired: TestSigner;
  /** Issued by otherCa. */
  stranger: TestSigner;
  /** When `expired` was still valid. */
  expiredWindow: { notBefore: Date; notAfter: Date };
}

let pki: TestPki | undefined;

export function testPki(): TestPki {
  if (pki) return pki;
  const notBefore = new Date(Date.UTC(new Date().getUTCFullYear() - 5, 0, 1));
  // The roots predate the expired signer, so a signature inside its validity has a valid chain.
  const rootsFrom = new Date(Date.UTC(notBefore.getUTCFullYear() - 1, 0, 1));
  // RSA-2048 roots: a key of the office CA's 3,072 bits takes up to seconds to make and checks nothing more
  // here (test/worker/office-pki.test.ts makes the real office CA and checks its size).
  const ca = createRootCa({ commonName: 'Sahkan Test Root CA', organization: 'DPMPTSP Kab. Contoh', validityYears: 20, country: 'ID', keyBits: 2048, notBefore: rootsFrom });
  const otherCa = createRootCa({ commonName: 'Another Root', organization: 'Elsewhere', validityYears: 20, keyBits: 2048, notBefore: rootsFrom });
  const notAfter = new Date(Date.UTC(notBefore.getUTCFullYear() + 1, 0, 1));
  const make = (authority: CaMaterial, commonName: string, extra: { notBefore?: Date; validityYears?: number } = {}): TestSigner => {
    const issued = issueSignerCertificate({ ca: authority, subject: { commonName, organization: 'DPMPTSP', email: 'ttd@contoh.go.id' }, passphrase: PASSPHRASE, ...extra });
    const key = unlockSignerKey(issued.encryptedKeyPem, PASSPHRASE);
    return { ...issued, key, signer: { key, certPem: issued.certPem, chainPems: [authority.certPem] } };
  };
  pki = {
    ca,
    otherCa,
    kepala: make(ca, 'Kepala Dinas'),
    sekretaris: make(ca, 'Sekretaris Dinas'),
    expired: make(ca, 'Pejabat Lama', { notBefore, validityYears: 1 }),
    stranger: make(otherCa, 'Orang Lain'),
    expiredWindow: { notBefore, notAfter },
  };
  return pki;
}

/** A one-page PDF with some text, saved the pdf-lib default way (object streams). */
export async function samplePdf(text = 'Surat Izin Usaha Perdagangan No. 503/001/2025'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 50, y: 780, size: 14, font });
  page.drawText('Dinas Penanaman Modal dan PTSP', { x: 50, y: 760, size: 11, font });
  return doc.save();
}
