import { log } from '@temporalio/activity';
import type { TOffice } from '../domain/certificate-layout.schema';
import { DEEMED_APPROVAL_BASIS, type TLapseEvidence } from '../domain/engine/case-lapse';
import { officeLetterhead } from '../domain/office-letterhead';
import { renderLapseReportPdf } from '../documents/render/lapse-report-pdf';
import { sealPdf, type TOfficeSeal } from '../documents/signing/office-seal';
import { verifyPdfSignatures } from '../documents/signing/pades-verify';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import { activityFailure } from './activity-failure';

export interface TLapseDeps {
  records: Records;
  blobs: BlobStore;
  office: TOffice;
  /** The office seal (documents/signing/office-seal.ts): it seals what the office attests without a person. */
  seal: TOfficeSeal;
}

export interface TRecordLapseInput {
  evidence: TLapseEvidence;
  /** When the workflow noted the lapse: the report's date and its seal's time. */
  recordedAt: string;
}

/**
 * A lapsed case (deemed approval, issue 10 §2): its evidence pack stored as JSON and its report sealed, once per
 * case (a retry returns the first record); the applicant told when the case is deemed approved, once by key.
 */
export function createLapseActivities(deps: TLapseDeps) {
  const { records, blobs } = deps;

  async function recordLapse(input: TRecordLapseInput): Promise<{ sha256: string }> {
    const { evidence } = input;
    const existing = await records.lapses.forCase(evidence.caseId);
    if (existing) return { sha256: existing.reportSha256 };
    const signedAt = new Date(input.recordedAt);
    const pdf = await renderLapseReportPdf({ office: officeLetterhead(deps.office), officeName: deps.office.shortName, sealName: deps.seal.name, evidence, recordedAt: signedAt });
    const sealed = await sealPdf(deps.seal, pdf, { reason: 'Berita acara lewat waktu layanan', location: deps.office.regency, signedAt });
    // Our own output is checked before it becomes the office's record, as every signature is.
    const report = verifyPdfSignatures(sealed, { trustedRootPems: deps.seal.chainPems });
    if (!report.signatures.every((s) => s.digestMatches && s.signatureValid && s.chainTrusted && s.coversWholeFile)) {
      throw activityFailure('SignatureSelfCheckFailed', 'the sealed lapse report did not verify');
    }
    const { sha256 } = await blobs.put(Buffer.from(sealed));
    const record = await records.lapses.record({ caseId: evidence.caseId, evidence, reportSha256: sha256, recordedAt: input.recordedAt });
    log.info('case lapsed', { caseId: evidence.caseId, policy: evidence.policy, lapsedAt: evidence.lapsedAt });
    return { sha256: record.reportSha256 };
  }

  async function notifyDeemedApproval(input: { caseId: string }): Promise<void> {
    const [applicant, row] = await Promise.all([records.getApplicant(input.caseId), records.getCase(input.caseId)]);
    if (!applicant || !row) return;
    await records.outbox.enqueue({
      key: `${input.caseId}:deemed_approved`,
      caseId: input.caseId,
      recipient: applicant.email,
      subject: `Permohonan Anda dianggap dikabulkan: ${row.registrationNumber ?? input.caseId}`,
      body: [
        `Yth. ${applicant.name},`,
        '',
        `Batas waktu layanan permohonan Anda nomor registrasi ${row.registrationNumber ?? input.caseId} telah terlewati tanpa keputusan.`,
        `Berdasarkan ${DEEMED_APPROVAL_BASIS}, permohonan Anda dianggap dikabulkan secara hukum dan dilanjutkan ke penandatanganan dokumen izin.`,
        'Berita acara lewat waktu layanan yang disegel secara elektronik dapat diunduh pada halaman permohonan Anda.',
        '',
        'Hormat kami,',
        deps.office.shortName,
      ].join('\n'),
    });
  }

  return { recordLapse, notifyDeemedApproval };
}
