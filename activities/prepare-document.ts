import { verificationCode, verificationUrl } from '../documents/render/verification-code';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import type { TPreparedDocument } from './issuance.types';

export interface TPrepareDocumentDeps {
  records: Records;
  blobs: BlobStore;
  publicUrl: string;
}

/** What one kind of document needs from the pipeline: its numbering series, its composer and its layout. */
export interface TDocumentSpec<TData> {
  /** The step of the case the number belongs to: the same case and step always get the same number. */
  step: string;
  /** The gapless series the number is drawn from, and how a sequence number reads in it. */
  series: { scope: string; format: (seq: number) => string };
  /**
   * The register entry the document's QR code and verification code check: its own number by default. A
   * document that is not registered itself (a termination notice) points at the one it belongs to.
   */
  verifies?: string;
  /** The document's data, once its number, date and verification are known. */
  compose: (issued: { number: string; issuedAt: Date; verification: { url: string; code: string } }) => TData;
  render: (data: TData) => Promise<Uint8Array>;
  /**
   * The digest of what the document says apart from its issuance (documents/render/approved-content.ts), kept with
   * the document so that its signature can be compared with the preview its signer approved.
   */
  contentSha256?: (data: TData) => string;
}

/**
 * The one document pipeline of every kind (certificate, contract, addendum, termination notice): reserve
 * number → verification code → compose → render → store blob (and its content digest). The number is reserved once per case and step
 * (its date with it) and the render is deterministic, so a retried activity stores the same bytes under the
 * same sha256 and never draws a second number.
 */
export async function prepareDocument<TData>(deps: TPrepareDocumentDeps, caseId: string, spec: TDocumentSpec<TData>): Promise<TPreparedDocument> {
  const reservation = await deps.records.issuance.reserveNumber(`${caseId}:${spec.step}`, spec.series.scope, spec.series.format);
  const verified = spec.verifies ?? reservation.number;
  const code = verificationCode(caseId, verified);
  const data = spec.compose({
    number: reservation.number,
    issuedAt: new Date(reservation.reservedAt),
    verification: { url: verificationUrl(deps.publicUrl, verified, code), code },
  });
  const { sha256 } = await deps.blobs.put(Buffer.from(await spec.render(data)));
  if (spec.contentSha256) await deps.records.signers.recordDocumentContent({ documentSha256: sha256, caseId, contentSha256: spec.contentSha256(data) });
  return { number: reservation.number, sha256, issuedAt: reservation.reservedAt };
}
