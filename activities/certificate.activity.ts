import type { TCaseType } from '../domain/case-type.schema';
import { formatDocumentNumber, officeYearMonth } from '../domain/number-template';
import { permitKind } from '../domain/kinds/permit/permit.kind';
import { DEEMED_APPROVAL_LINE } from '../domain/engine/case-lapse';
import { composeCertificateData } from '../documents/render/certificate-layout';
import type { TCertificateLayout, TOffice } from '../domain/certificate-layout.schema';
import { certificateContentSha256 } from '../documents/render/approved-content';
import { renderCertificatePdf } from '../documents/render/certificate-pdf';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import { activityFailure } from './activity-failure';
import { prepareDocument } from './prepare-document';
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
 * The certificate through the document pipeline: the permit number (once per case, gapless per type and
 * year), the certificate with its final number, date, QR code and signer, ready to sign.
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
    return prepareDocument(deps, input.caseId, {
      step: permitKind.numbering.step,
      series: {
        scope: permitKind.numbering.scope({ typeCode: type.code, year: now.year }),
        format: (seq) => formatDocumentNumber(layout.numberTemplate, { seq, year: now.year, month: now.month, typeCode: type.code }),
      },
      compose: ({ number, issuedAt, verification }) =>
        composeCertificateData({
          office: deps.office,
          layout,
          type,
          permitNumber: number,
          registrationNumber: row.registrationNumber,
          holder: { name: applicant.name, address: applicant.address },
          fields: row.fields,
          issuedAt,
          verificationUrl: verification.url,
          shortHash: verification.code,
          signer: { name: signer.commonName },
          ...(input.deemedApproved ? { deemedApproval: DEEMED_APPROVAL_LINE } : {}),
        }),
      render: renderCertificatePdf,
      contentSha256: certificateContentSha256,
    });
  };
}
