import type { TCaseType } from '../domain/case-type.schema';
import { formatPermitNumber, officeYearMonth, permitNumberScope } from '../domain/permit-number';
import { composeCertificateData } from '../documents/certificate-layout';
import type { TCertificateLayout, TOffice } from '../domain/certificate-layout.schema';
import { renderCertificatePdf } from '../documents/certificate-pdf';
import { verificationCode, verificationUrl } from '../documents/verification-code';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import { activityFailure } from './activity-failure';
import type { TPrepareCertificateInput, TPreparedDocument } from './issuance.types';

export interface TCertificateDeps {
  records: Records;
  blobs: BlobStore;
  catalog: ReadonlyMap<string, TCaseType>;
  layouts: ReadonlyMap<string, TCertificateLayout>;
  office: TOffice;
  publicUrl: string;
}

/**
 * Reserves the permit number (once per case, gapless per type and year) and renders the certificate with
 * its final number, date, QR code and signer, ready to sign. The render is deterministic, so a retry stores
 * the same bytes under the same sha256.
 */
export function createPrepareCertificate(deps: TCertificateDeps) {
  return async function prepareCertificate(input: TPrepareCertificateInput): Promise<TPreparedDocument> {
    const { records } = deps;
    const [row, applicant, signer] = await Promise.all([
      records.getCase(input.caseId),
      records.getApplicant(input.caseId),
      records.signers.active(input.signerId),
    ]);
    if (!row || !applicant) throw activityFailure('CaseRecordMissing', `case ${input.caseId} or its applicant is missing from the store`);
    if (!signer) {
      throw activityFailure('SigningRefused', `${input.signerId} has no valid signing certificate`);
    }
    const type = deps.catalog.get(row.typeId);
    const layout = deps.layouts.get(row.typeId);
    if (!type) throw activityFailure('CatalogEntryMissing', `permit type "${row.typeId}" of case ${input.caseId} is not in the permit-type catalog`);
    if (!layout) throw activityFailure('CatalogEntryMissing', `permit type "${row.typeId}" has no certificate layout in templates/certificates`);

    const now = officeYearMonth(new Date());
    const reservation = await records.issuance.reserveNumber(
      `${input.caseId}:certificate-number`,
      permitNumberScope(type.code, now.year),
      (seq) => formatPermitNumber(layout.numberTemplate, { seq, year: now.year, month: now.month, typeCode: type.code }),
    );
    const issuedAt = new Date(reservation.reservedAt);
    const code = verificationCode(input.caseId, reservation.number);
    const data = composeCertificateData({
      office: deps.office,
      layout,
      type,
      permitNumber: reservation.number,
      registrationNumber: row.registrationNumber,
      holder: { name: applicant.name, address: applicant.address },
      fields: row.fields,
      issuedAt,
      verificationUrl: verificationUrl(deps.publicUrl, reservation.number, code),
      shortHash: code,
      signer: { name: signer.commonName },
    });
    const { sha256 } = await deps.blobs.put(Buffer.from(await renderCertificatePdf(data)));
    return { number: reservation.number, sha256, issuedAt: reservation.reservedAt };
  };
}
