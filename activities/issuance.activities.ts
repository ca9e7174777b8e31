import { ApplicationFailure, log } from '@temporalio/activity';
import type { TCaseType } from '../domain/case-type.schema';
import { signPdf } from '../documents/signing/pades-sign';
import { verifyPdfSignatures } from '../documents/signing/pades-verify';
import { unlockSignerKey, WrongPassphraseError } from '../documents/signing/pki';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import type { TSignatureRecord } from '../store/signers';
import { activityFailure } from './activity-failure';
import type { TOffice } from '../domain/certificate-layout.schema';
import type { TActivities } from './create-activities';
import type { TRecordActivities } from './records.activities';
import type {
  TNotifyInput,
  TRegisterIssuedInput,
  TSignDocumentInput,
  TSignedDocument,
  TTerminationInput,
} from './issuance.types';

export interface TIssuanceDeps {
  records: Records;
  catalog: ReadonlyMap<string, TCaseType>;
  blobs: BlobStore;
  /** The office root certificate: embedded in every signature and the anchor of the self-check. */
  rootCertPem: string;
  /** Who the office is (templates/certificates/office.json): the signatures' location, the notices' sender. */
  office: TOffice;
  /** Told how long each signature took and how it ended (the worker's sahkan_signing_duration_seconds). */
  observeSigning?: (seconds: number, outcome: TSigningOutcome) => void;
}

/** `signed`; `refused` (the grant, the certificate or the passphrase said no); `failed` (anything else, retried). */
export const SIGNING_OUTCOMES = ['signed', 'refused', 'failed'] as const;
export type TSigningOutcome = (typeof SIGNING_OUTCOMES)[number];

const refuse = (message: string) => activityFailure('SigningRefused', message);

/**
 * Signing, registering and announcing an issued document (its preparation: prepare-document.ts). Every step is idempotent by the case and its step:
 * a signature is recorded in the same transaction that spends its grant, the register is keyed by number
 * and the outbox by case and event, so a retried or restarted activity never issues anything twice.
 */
export function createIssuanceActivities(deps: TIssuanceDeps) {
  const { records, blobs } = deps;

  async function signDocument(input: TSignDocumentInput): Promise<TSignedDocument> {
    const done = await records.signers.signature(input.caseId, input.step);
    if (done) return toSigned(done); // a retry after the signature was recorded: nothing signed, nothing timed
    const started = performance.now();
    const observe = (outcome: TSigningOutcome) => deps.observeSigning?.((performance.now() - started) / 1000, outcome);
    try {
      const signed = await sign(input);
      observe('signed');
      return signed;
    } catch (err) {
      observe(err instanceof ApplicationFailure && err.type === 'SigningRefused' ? 'refused' : 'failed');
      throw err;
    }
  }

  async function sign(input: TSignDocumentInput): Promise<TSignedDocument> {
    const grant = await records.signers.grant(input.grantId);
    if (!grant || grant.caseId !== input.caseId) throw refuse('the signing grant does not belong to this case');
    const passphrase = await records.signers.unsealGrant(input.grantId);
    if (passphrase === undefined) throw refuse('the signing grant has expired or was already used; sign again');
    const cert = await records.signers.bySerial(grant.serial);
    if (!cert || cert.revokedAt) throw refuse('the signer certificate has been revoked');
    let key;
    try {
      key = unlockSignerKey(cert.encryptedKeyPem, passphrase);
    } catch (err) {
      if (err instanceof WrongPassphraseError) throw refuse('the passphrase no longer opens the signer key');
      throw err;
    }
    const pdf = await blobs.get(input.inputSha256);
    if (!pdf) throw activityFailure('DocumentMissing', `blob ${input.inputSha256} is missing`);

    const signedAt = new Date();
    const signed = await signPdf({
      pdf,
      signer: { key, certPem: cert.certPem, chainPems: [deps.rootCertPem] },
      reason: 'Penerbitan dokumen',
      location: deps.office.regency,
      name: cert.commonName,
      signedAt,
    });
    // Check our own output before it becomes the office's document: every signature on it verifies, the
    // earlier ones untouched by this one, and the new one covers the whole file.
    const report = verifyPdfSignatures(signed, { trustedRootPems: [deps.rootCertPem] });
    const allValid = report.signatures.every((s) => s.digestMatches && s.signatureValid && s.chainTrusted);
    if (!allValid || !report.signatures.at(-1)?.coversWholeFile) {
      throw activityFailure('SignatureSelfCheckFailed', 'the new signature did not verify');
    }
    const { sha256 } = await blobs.put(Buffer.from(signed));
    const record = await records.signers.redeemGrant(input.grantId, {
      caseId: input.caseId,
      step: input.step,
      inputSha256: input.inputSha256,
      outputSha256: sha256,
      userId: grant.userId,
      signerName: cert.commonName,
      serial: cert.serial,
      signedAt: signedAt.toISOString(),
    });
    log.info('document signed', { caseId: input.caseId, step: input.step, serial: cert.serial });
    return toSigned(record);
  }

  async function registerIssuedDocument(input: TRegisterIssuedInput): Promise<{ number: string }> {
    const [row, applicant, signature, existing] = await Promise.all([
      records.getCase(input.caseId),
      records.getApplicant(input.caseId),
      records.signers.signature(input.caseId, input.step),
      records.issuance.byCase(input.caseId),
    ]);
    if (existing) return { number: existing.number };
    if (!row || !signature) throw activityFailure('CaseRecordMissing', `case ${input.caseId} has no signed ${input.step} to register`);
    // A permit is held by its applicant; contracts and addenda are listed under their title and the vendor.
    const contract = row.kind === 'permit' ? undefined : { title: String(row.fields.title), vendor: { name: String(row.fields.vendorName) } };
    const registered = await records.issuance.register({
      number: input.number,
      caseId: input.caseId,
      kind: row.kind,
      typeId: row.typeId,
      title: contract?.title ?? deps.catalog.get(row.typeId)?.name.id ?? row.typeId,
      holderName: contract?.vendor.name ?? applicant?.name ?? row.applicantId,
      sha256: signature.outputSha256,
      issuedAt: signature.signedAt,
      signerName: signature.signerName,
      serial: signature.serial,
    });
    return { number: registered.number };
  }

  /** The register shows a terminated contract as such, with the reason; idempotent (a retry changes nothing). */
  async function markContractTerminated(input: TTerminationInput): Promise<void> {
    const issued = await records.issuance.byCase(input.caseId);
    if (!issued) throw activityFailure('DocumentMissing', `contract ${input.caseId} is not in the register`);
    if (issued.status === 'terminated') return;
    await records.issuance.changeStatus(issued.number, 'terminated', input.reason);
  }

  async function notifyApplicant(input: TNotifyInput): Promise<void> {
    const [applicant, issued] = await Promise.all([records.getApplicant(input.caseId), records.issuance.byCase(input.caseId)]);
    if (!issued) throw activityFailure('CaseRecordMissing', `case ${input.caseId} has no issued document to announce`);
    if (!applicant) return; // contracts: both parties follow the case in their inbox
    await records.outbox.enqueue({
      key: `${input.caseId}:${input.event}`,
      caseId: input.caseId,
      recipient: applicant.email,
      subject: `Izin Anda telah terbit: ${issued.number}`,
      body: [
        `Yth. ${applicant.name},`,
        '',
        `Permohonan Anda telah disetujui dan dokumen izin nomor ${issued.number} telah ditandatangani secara elektronik.`,
        'Dokumen dapat diunduh melalui layanan DPMPTSP dan keasliannya dapat diperiksa melalui kode QR pada dokumen.',
        '',
        'Hormat kami,',
        deps.office.shortName,
      ].join('\n'),
    });
  }

  return {
    markContractTerminated,
    signDocument,
    registerIssuedDocument,
    notifyApplicant,
  };
}

/** The activities workflows call with issuance timeouts: every document's preparation, signing, register, notices. */
export type TIssuanceActivities = Omit<TActivities, keyof TRecordActivities>;

const toSigned = (r: TSignatureRecord): TSignedDocument => ({
  outputSha256: r.outputSha256,
  serial: r.serial,
  signerName: r.signerName,
  signedAt: r.signedAt,
});
