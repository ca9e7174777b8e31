import { expect } from 'chai';
import { signedDocumentDiffers } from '../../domain/anomalies/case-rules';
import type { TAuditCase, TAuditSignature } from '../../domain/anomalies/finding';
import { certificateContentSha256 } from '../../documents/render/approved-content';
import { composeCertificateData } from '../../documents/render/certificate-layout';
import { loadCertificateLayouts, loadOffice } from '../../store/certificate-layouts';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { sampleFields } from '../harness/cases';

/**
 * The rule "signature of a document that differs from the one approved" (issue 13 §2): a signer approves a preview
 * with placeholders for number, date and verification, so the two are compared by content digest. The digest
 * ignores exactly what only issuance gives a document, and nothing a signer reads.
 */

const type = loadCatalog(CATALOG_DIR).get('reklame')!;
const layout = loadCertificateLayouts().get('reklame')!;
const office = loadOffice();

const certificate = (over: { number?: string; issuedAt?: Date; code?: string; holderName?: string; signerName?: string; deemed?: boolean } = {}) =>
  composeCertificateData({
    office,
    layout,
    type,
    permitNumber: over.number ?? 'PRATINJAU / PREVIEW',
    registrationNumber: 'REG/REK/2026/000123',
    holder: { name: over.holderName ?? 'Budi Santoso', address: 'Jl. Gajah Mada No. 12, Pontianak' },
    fields: sampleFields(type),
    issuedAt: over.issuedAt ?? new Date('2026-12-02T03:00:00.000Z'),
    verificationUrl: `https://izin.example.go.id/v/${over.code ?? 'PRATINJAU'}`,
    shortHash: over.code ?? 'PRATINJAU / PREVIEW',
    signer: { name: over.signerName ?? 'Drs. H. Syarif Abdullah, M.Si.' },
    ...(over.deemed ? { deemedApproval: 'Disetujui demi hukum' } : {}),
  });

const signature = (over: Partial<TAuditSignature>): TAuditSignature => ({ step: 'certificate', userId: 'kepala', signedAt: '2026-12-02T04:00:00.000Z', inputSha256: 'a'.repeat(64), outputSha256: 'b'.repeat(64), ...over });
const issuedCase = (signatures: TAuditSignature[]): TAuditCase => ({
  caseId: 'c1',
  kind: 'permit',
  typeId: 'reklame',
  registrationNumber: 'REG/REK/2026/000123',
  status: 'issued',
  submittedAt: '2026-11-30T02:00:00.000Z',
  closedAt: '2026-12-02T04:00:00.000Z',
  caseDueAt: '2026-12-10T09:00:00.000Z',
  outcomeReason: null,
  events: [],
  signatures,
  issuedSha256: signatures.at(-1)!.outputSha256,
});

describe('approved content: the preview a signer approves against the document signed', () => {
  it('gives the preview and the issued certificate the same digest: number, date, validity and verification aside', () => {
    const preview = certificateContentSha256(certificate());
    const issued = certificateContentSha256(certificate({ number: '503/0042/REK/DPMPTSP/XII/2026', issuedAt: new Date('2026-12-09T08:00:00.000Z'), code: 'K7QX-2M4P' }));
    expect(issued).to.match(/^[0-9a-f]{64}$/).and.equal(preview);
  });

  it('gives another digest for anything a reader sees: the holder, the signer, the deemed-approval line', () => {
    const preview = certificateContentSha256(certificate());
    for (const changed of [certificate({ holderName: 'Budi Santosa' }), certificate({ signerName: 'Ir. Hendra Wijaya, M.T.' }), certificate({ deemed: true })]) {
      expect(certificateContentSha256(changed)).not.to.equal(preview);
    }
  });

  it('finds a signature whose document differs from the approved one, with both digests; none when they agree or one is unknown', () => {
    const approved = 'c'.repeat(64);
    const signed = 'd'.repeat(64);
    const found = signedDocumentDiffers(issuedCase([signature({ approvedContentSha256: approved, inputContentSha256: signed })]));
    expect(found).to.deep.equal([
      {
        rule: 'signed_document_differs',
        caseId: 'c1',
        subject: 'approved:certificate',
        evidence: { step: 'certificate', signerId: 'kepala', signedAt: '2026-12-02T04:00:00.000Z', approvedContentSha256: approved, signedContentSha256: signed, signedInputSha256: 'a'.repeat(64) },
      },
    ]);
    expect(signedDocumentDiffers(issuedCase([signature({ approvedContentSha256: approved, inputContentSha256: approved })]))).to.deep.equal([]);
    expect(signedDocumentDiffers(issuedCase([signature({ approvedContentSha256: null, inputContentSha256: signed })]))).to.deep.equal([]);
    expect(signedDocumentDiffers(issuedCase([signature({})]))).to.deep.equal([]);
  });
});
