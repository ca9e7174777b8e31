import crypto from 'node:crypto';
import { verifyPdfIsolated, VerificationFailedError } from '../../documents/signing/verify-isolated';
import { verificationCode } from '../../documents/render/verification-code';
import { contractEndDate, ZContractTermsSchema } from '../../domain/contract.schema';
import type { TContractTerms } from '../../domain/contract.schema';
import { versionInForce } from '../../domain/kinds/contract/contract.facts';
import { revocationReasonLabel } from '../../domain/revocation';
import type { TIssuedDocument, TRegisterEntry } from '../../store/issuance';
import type { TApiDeps } from '../deps';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, nextCursorOf, zLimit, type TCursorPage } from '../cursor';
import { ApiError, invalid, notFound } from '../errors';
import { ZRegisterQuerySchema } from '../schemas';
import { issuanceInLog } from './transparency-log';

/*
 * What anyone may ask without signing in, for the JSON API (api/routes/public.route.ts) and the public pages
 * (web/routes/public.route.tsx) alike: a document by its number (the QR code), a PDF by its bytes, the contract
 * register.
 */

/** "Budi Santoso" → "B*** S*****": enough to recognise, not enough to harvest. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] + '*'.repeat(Math.max(w.length - 1, 2)))
    .join(' ');
}

/** A registered document as anyone may read it (the JSON of the public verify API). */
export interface TPublicView {
  status: TIssuedDocument['status'];
  number: string;
  type: string;
  holder: string;
  issuedAt: string;
  sha256: string;
  signer: string;
  /** Revoked: the public reason code; terminated or superseded: the reason the register publishes. */
  statusReason?: string | null;
  statusReasonLabel?: string | null;
  statusChangedAt?: string | null;
}

export function publicView(doc: TIssuedDocument): TPublicView {
  return {
    status: doc.status,
    number: doc.number,
    type: doc.title,
    holder: maskName(doc.holderName),
    issuedAt: doc.issuedAt,
    sha256: doc.sha256,
    signer: doc.signerName,
    // A revocation is public only as the code chosen from the list: the administrator's note (statusReason in the
    // store) stays internal. A contract's termination reason, reviewed by legal, belongs to the public register.
    ...(doc.status === 'revoked'
      ? { statusReason: doc.publicReason, statusReasonLabel: revocationReasonLabel(doc.publicReason), statusChangedAt: doc.statusChangedAt }
      : doc.status !== 'valid'
        ? { statusReason: doc.statusReason, statusChangedAt: doc.statusChangedAt }
        : {}),
  };
}

/**
 * A registered document by its number; with `code` (the QR code carries it) the code must match too, so a
 * mistyped number is not taken for another document. Unknown: NOT_FOUND.
 */
export async function lookupDocument(deps: Pick<TApiDeps, 'records'>, input: { number: string; code?: string | undefined }) {
  const doc = await deps.records.issuance.byNumber(input.number);
  const code = input.code?.toUpperCase();
  if (!doc || (code !== undefined && code !== verificationCode(doc.caseId, doc.number))) throw notFound('document');
  return { ...publicView(doc), transparencyLog: await issuanceInLog(deps, doc.number) };
}

/** An uploaded PDF checked: each signature, the register entry for its exact bytes, and the whole verdict. */
export async function verifyUploadedPdf(deps: Pick<TApiDeps, 'records'>, file: { buffer: Buffer } | undefined) {
  if (!file) throw invalid('file', 'a multipart field "file" with the PDF is required');
  if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'file: not a PDF');
  const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
  const root = await deps.records.officePki.certPem('root-ca');
  if (!root) throw new ApiError('UNAVAILABLE', 'the office certificate authority is not set up yet');
  const revoked = await deps.records.signers.revoked();
  let report;
  try {
    report = await verifyPdfIsolated(file.buffer, { trustedRootPems: [root], revokedSerials: revoked.map((r) => r.serial) });
  } catch (err) {
    if (err instanceof VerificationFailedError) throw invalid('file', `the PDF cannot be verified (${err.reason}): ${err.message}`);
    throw err;
  }
  const registered = await deps.records.issuance.bySha256(sha256);
  const signatures = report.signatures.map((s) => ({
    index: s.index,
    signerName: s.signerName,
    certificateSerial: s.certificateSerial,
    signedAt: s.signedAt ? new Date(s.signedAt).toISOString() : null,
    digestMatches: s.digestMatches,
    signatureValid: s.signatureValid,
    chainTrusted: s.chainTrusted,
    revoked: s.revoked,
    coversWholeFile: s.coversWholeFile,
  }));
  const valid =
    signatures.length > 0 &&
    signatures.every((s) => s.digestMatches && s.signatureValid && s.chainTrusted && !s.revoked) &&
    signatures.at(-1)!.coversWholeFile &&
    registered?.status === 'valid';
  return { sha256, register: registered ? publicView(registered) : null, signatures, valid };
}
export type TVerifyReport = Awaited<ReturnType<typeof verifyUploadedPdf>>;
export type TSignatureReport = TVerifyReport['signatures'][number];

/**
 * One signature in plain words: `altered` when the signed bytes or the signature do not check out, `revoked`
 * when the signer's certificate was revoked, `untrusted` when it does not lead to the office's root, else
 * `genuine`.
 */
export type TSignatureVerdict = 'genuine' | 'altered' | 'revoked' | 'untrusted';
export function signatureVerdict(s: TSignatureReport): TSignatureVerdict {
  if (!s.digestMatches || !s.signatureValid) return 'altered';
  if (s.revoked) return 'revoked';
  if (!s.chainTrusted) return 'untrusted';
  return 'genuine';
}

/**
 * The whole document in one word, the worst finding first: `valid` only as the API's `valid` (every signature
 * genuine, nothing added after the last one, registered and still valid).
 */
export type TDocumentVerdict = 'valid' | 'unsigned' | 'altered' | 'revoked' | 'untrusted' | 'unregistered';
export function documentVerdict(report: TVerifyReport): TDocumentVerdict {
  if (report.valid) return 'valid';
  if (report.signatures.length === 0) return 'unsigned';
  const verdicts = report.signatures.map(signatureVerdict);
  if (verdicts.includes('altered') || !report.signatures.at(-1)!.coversWholeFile) return 'altered';
  if (verdicts.includes('revoked') || (report.register && report.register.status !== 'valid')) return 'revoked';
  if (verdicts.includes('untrusted')) return 'untrusted';
  return 'unregistered';
}

/**
 * One row of the public contract register: what, with whom, for how much and when; no personal data. Value and
 * period come from the terms in force (the agreed version, or the last signed addendum's), not from the draft's
 * facts, which a negotiated price does not change.
 */
export function contractRegisterRow(entry: TRegisterEntry, inForce?: TContractTerms) {
  return {
    number: entry.number,
    title: entry.title,
    vendor: entry.holderName,
    value: inForce?.value ?? (entry.caseFields.value as number | undefined) ?? null,
    startDate: inForce?.startDate ?? (entry.caseFields.startDate as string | undefined) ?? null,
    endDate: (inForce && contractEndDate(inForce)) ?? (entry.caseFields.endDate as string | undefined) ?? null,
    signedAt: entry.issuedAt,
    status: entry.status,
    addenda: entry.caseFacts?.kind === 'contract' ? entry.caseFacts.addenda.map((a) => a.number) : [],
  };
}
export type TContractRegisterRow = ReturnType<typeof contractRegisterRow>;

/**
 * The public contract register, searched by number, title or vendor, newest first, one page at a time; an export
 * (the CSV) asks for more rows than a page holds with `maxLimit`.
 */
export async function contractRegister(deps: Pick<TApiDeps, 'records'>, input: unknown, maxLimit = MAX_PAGE_SIZE): Promise<TCursorPage<TContractRegisterRow>> {
  const page = await contractRegisterWithTerms(deps, input, maxLimit);
  return { items: page.items.map((item) => item.row), nextCursor: page.nextCursor };
}

/** The register's page with each row's terms in force (undefined when unreadable): open data reads the unit from them. */
export async function contractRegisterWithTerms(
  deps: Pick<TApiDeps, 'records'>,
  input: unknown,
  maxLimit = MAX_PAGE_SIZE,
): Promise<TCursorPage<{ row: TContractRegisterRow; terms: TContractTerms | undefined }>> {
  const schema = maxLimit === MAX_PAGE_SIZE ? ZRegisterQuerySchema : ZRegisterQuerySchema.extend({ limit: zLimit(DEFAULT_PAGE_SIZE, maxLimit) });
  const page = await deps.records.issuance.searchRegister('contract', schema.parse(input));
  const items = page.items;
  const versionOf = (entry: TRegisterEntry) => (entry.caseFacts?.kind === 'contract' ? versionInForce(entry.caseFacts) : 0);
  const versions = await deps.records.contractVersions.getMany(items.map((entry) => ({ caseId: entry.caseId, version: versionOf(entry) })));
  const termsOf = (entry: TRegisterEntry) => {
    const parsed = ZContractTermsSchema.safeParse(versions.get(`${entry.caseId}:${versionOf(entry)}`)?.terms);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    items: items.map((entry) => {
      const terms = termsOf(entry);
      return { row: contractRegisterRow(entry, terms), terms };
    }),
    nextCursor: nextCursorOf('register', page),
  };
}
