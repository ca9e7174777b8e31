import crypto from 'node:crypto';
import { Router } from 'express';
import multer from 'multer';
import { readOfficeCrlPem, readOfficeRootPem } from '../../documents/signing/office-ca';
import { verificationCode } from '../../documents/render/verification-code';
import { revocationReasonLabel } from '../../domain/revocation';
import { verifyPdfIsolated, VerificationFailedError } from '../../documents/signing/verify-isolated';
import type { TIssuedDocument } from '../../store/issuance';
import type { TApiDeps } from '../deps';
import { ApiError, invalid, notFound } from '../errors';

/** "Budi Santoso" → "B*** S*****": enough to recognise, not enough to harvest. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] + '*'.repeat(Math.max(w.length - 1, 2)))
    .join(' ');
}

const publicView = (doc: TIssuedDocument) => ({
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
});

/** Verification for anyone, no login: by the number on the QR code, or by uploading the PDF itself. */
export function publicRoutes(deps: TApiDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 2 } });

  router.get('/public/verify/:number', async (req, res) => {
    const doc = await deps.records.issuance.byNumber(req.params.number);
    const code = typeof req.query.code === 'string' ? req.query.code.toUpperCase() : undefined;
    if (!doc || (code !== undefined && code !== verificationCode(doc.caseId, doc.number))) throw notFound('document');
    res.json(publicView(doc));
  });

  /** The public register of contracts: what, with whom, for how much and when; no personal data. */
  router.get('/public/contracts', async (_req, res) => {
    const contracts = await deps.records.issuance.list('contract');
    const rows = await Promise.all(contracts.map(async (doc) => ({ doc, row: await deps.records.getCase(doc.caseId) })));
    res.json({
      items: rows.map(({ doc, row }) => ({
        number: doc.number,
        title: doc.title,
        vendor: doc.holderName,
        value: row?.fields.value ?? null,
        startDate: row?.fields.startDate ?? null,
        endDate: row?.fields.endDate ?? null,
        signedAt: doc.issuedAt,
        status: doc.status,
        addenda: ((row?.fields.addenda as Array<{ number: string }> | undefined) ?? []).map((a) => a.number),
      })),
    });
  });

  router.get('/public/ca.pem', (_req, res) => {
    const root = readOfficeRootPem(deps.pkiDir);
    if (!root) throw notFound('office certificate');
    res.type('application/x-pem-file').send(root);
  });

  router.get('/public/crl.pem', (_req, res) => {
    // The worker publishes it at every start; only the moments before its first start find none.
    const crl = readOfficeCrlPem(deps.pkiDir);
    if (!crl) throw new ApiError('UNAVAILABLE', 'the revocation list is not published yet (the worker has not started)');
    res.type('application/x-pem-file').send(crl);
  });

  router.post('/public/verify', upload.single('file'), async (req, res) => {
    if (!req.file) throw invalid('file', 'a multipart field "file" with the PDF is required');
    if (req.file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'file: not a PDF');
    const sha256 = crypto.createHash('sha256').update(req.file.buffer).digest('hex');
    const root = readOfficeRootPem(deps.pkiDir);
    if (!root) throw new ApiError('UNAVAILABLE', 'the office certificate authority is not set up yet');
    const revoked = await deps.records.signers.revoked();
    let report;
    try {
      report = await verifyPdfIsolated(req.file.buffer, { trustedRootPems: [root], revokedSerials: revoked.map((r) => r.serial) });
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
    res.json({ sha256, register: registered ? publicView(registered) : null, signatures, valid });
  });

  return router;
}
