import type { TCertificateData } from '../../domain/certificate';
import type { TCertificateLayout } from '../../domain/certificate-layout.schema';
import { DEEMED_APPROVAL_LINE } from '../../domain/engine/case-lapse';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import { addendumContentSha256, certificateContentSha256, contractContentSha256 } from '../../documents/render/approved-content';
import { composeCertificateData } from '../../documents/render/certificate-layout';
import { renderCertificatePdf } from '../../documents/render/certificate-pdf';
import { loadCertificateLayouts } from '../../store/certificate-layouts';
import { isCaseOfKind, type TCaseRow } from '../../store/records.types';
import { visibleTask } from '../case-access';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { addendumDraft } from './addenda';
import { contractDraft } from './contracts';

/** What a signer is shown before signing, and the digest of what they approve by signing it (issue 13 §2). */

let layouts: Map<string, TCertificateLayout> | undefined;

/** The data of a permit's certificate as its signer is shown it: number, date and QR code are placeholders. */
async function certificatePreviewData(deps: TApiDeps, actor: TActor, row: TCaseRow, now: Date): Promise<TCertificateData> {
  const { records } = deps;
  layouts ??= loadCertificateLayouts();
  const type = deps.catalog.get(row.typeId);
  const layout = layouts.get(row.typeId);
  const [applicant, signer] = await Promise.all([records.getApplicant(row.caseId), records.signers.active(actor.userId)]);
  if (!type || !layout || !applicant) throw notFound('preview');
  if (!signer) throw new ApiError('FORBIDDEN', 'you have no valid signing certificate');
  const placeholder = 'PRATINJAU / PREVIEW';
  return composeCertificateData({
    office: deps.office,
    layout,
    type,
    permitNumber: placeholder,
    registrationNumber: row.registrationNumber,
    holder: { name: applicant.name, address: applicant.address },
    fields: row.fields,
    issuedAt: now,
    verificationUrl: `${deps.publicUrl ?? 'http://localhost:3000'}/v/PRATINJAU`,
    shortHash: placeholder,
    signer: { name: signer.commonName },
    // The signer sees what will be signed: a permit deemed approved by law says so (as the worker's activity writes it).
    ...(row.clock?.lapse?.deemedApproved ? { deemedApproval: DEEMED_APPROVAL_LINE } : {}),
  });
}

/**
 * The certificate a sign task will sign, rendered from the same data and layout as issuance (the worker's
 * certificate activity) but without reserving a number: the number, date and QR code are placeholders until
 * signing. Only for the signer's role; for anyone else the preview does not exist.
 */
export async function certificatePreview(deps: TApiDeps, actor: TActor, taskId: string, now = new Date()): Promise<Uint8Array> {
  const { task, row } = await visibleTask(deps.records, actor, taskId);
  if (task.kind !== 'sign' || row.kind !== 'permit' || !holdsRole(actor, task.role)) throw notFound('preview');
  return renderCertificatePdf(await certificatePreviewData(deps, actor, row, now));
}

/**
 * The content digest (documents/render/approved-content.ts) of what a signer approves by signing the case now: the
 * permit's certificate preview, or the contract's or addendum's draft, as the task page shows them. The signing
 * grant keeps it; the signature records it next to the digest of the document actually signed.
 */
export async function approvedContentSha256(deps: TApiDeps, actor: TActor, row: TCaseRow): Promise<string | null> {
  if (row.kind === 'permit') return certificateContentSha256(await certificatePreviewData(deps, actor, row, new Date()));
  if (isCaseOfKind(row, 'contract')) return contractContentSha256(await contractDraft(deps, row));
  if (isCaseOfKind(row, 'addendum')) return addendumContentSha256(await addendumDraft(deps, actor, row.facts.contractId, row.caseId));
  return null;
}
