import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { appendToLog } from './audit-log';
import type { TSignerCertificatesTable, TDatabase } from './database';
import { certificateItem, signatureItem } from './log-items';
import { sealText, unsealText } from './sealed-text';

export interface TSignerCertificate {
  serial: string;
  userId: string;
  commonName: string;
  certPem: string;
  encryptedKeyPem: string;
  notAfter: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** One signature applied to a case's document at a step (e.g. `certificate`, `vendor`, `ppk`). */
export interface TSignatureRecord {
  caseId: string;
  step: string;
  inputSha256: string;
  outputSha256: string;
  userId: string;
  signerName: string;
  serial: string;
  signedAt: string;
}

export interface TSigningGrant {
  id: string;
  userId: string;
  caseId: string;
  serial: string;
  expiresAt: string;
  redeemedAt: string | null;
}

/**
 * Signer certificates (each private key encrypted under its signer's passphrase) and signing grants.
 * A grant seals the passphrase with the office's grant key (AES-256-GCM), so the passphrase crosses from the
 * API to the signing activity through the store, never through workflow history or activity inputs.
 */
export class Signers {
  constructor(
    private readonly db: Kysely<TDatabase>,
    private readonly grantKey: Buffer | undefined,
  ) {}

  async save(cert: TSignerCertificate): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('signer_certificates')
        .values({
          serial: cert.serial,
          user_id: cert.userId,
          common_name: cert.commonName,
          cert_pem: cert.certPem,
          encrypted_key_pem: cert.encryptedKeyPem,
          not_after: cert.notAfter,
          issued_at: cert.issuedAt,
          revoked_at: cert.revokedAt,
          revocation_reason: cert.revocationReason,
        })
        .onConflict((oc) => oc.column('serial').doNothing())
        .execute();
      // The certificate (public) is the content; its encrypted key stays out of even the hash.
      const { encryptedKeyPem: _key, ...published } = cert;
      await appendToLog(trx, [certificateItem('certificate_issued', cert, cert.issuedAt, 'system', published)]);
    });
  }

  /** The user's newest certificate that is neither revoked nor expired at `now`. */
  async active(userId: string, now = new Date()): Promise<TSignerCertificate | undefined> {
    const row = await this.db
      .selectFrom('signer_certificates')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('not_after', '>', now.toISOString())
      .orderBy('issued_at', 'desc')
      .executeTakeFirst();
    return row && toCertificate(row);
  }

  async bySerial(serial: string): Promise<TSignerCertificate | undefined> {
    const row = await this.db.selectFrom('signer_certificates').selectAll().where('serial', '=', serial).executeTakeFirst();
    return row && toCertificate(row);
  }

  async list(): Promise<TSignerCertificate[]> {
    const rows = await this.db.selectFrom('signer_certificates').selectAll().orderBy('issued_at').execute();
    return rows.map(toCertificate);
  }

  /** Revokes a certificate; false when there is no such serial. Revoking twice keeps the first date. */
  async revoke(serial: string, reason: string, at = new Date(), by = 'system'): Promise<boolean> {
    const cert = await this.bySerial(serial);
    if (!cert) return false;
    const change = { revoked_at: at.toISOString(), revocation_reason: reason };
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('signer_certificates').set(change).where('serial', '=', serial).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) await appendToLog(trx, [certificateItem('certificate_revoked', cert, change.revoked_at, by, { serial, ...change })]);
    });
    return true;
  }

  async revoked(): Promise<Array<{ serial: string; revokedAt: Date }>> {
    const rows = await this.db
      .selectFrom('signer_certificates')
      .select(['serial', 'revoked_at'])
      .where('revoked_at', 'is not', null)
      .execute();
    return rows.map((r) => ({ serial: r.serial, revokedAt: new Date(r.revoked_at!) }));
  }

  /**
   * Seals a passphrase into a single-use grant for one case, valid for `ttlMs`, with the content digest of the
   * document the signer approved with it (the preview they saw; null when the kind has none).
   */
  async createGrant(input: { userId: string; caseId: string; serial: string; passphrase: string; ttlMs: number; approvedContentSha256?: string | null }): Promise<string> {
    const id = crypto.randomBytes(16).toString('hex');
    await this.db
      .insertInto('signing_grants')
      .values({
        id,
        user_id: input.userId,
        case_id: input.caseId,
        serial: input.serial,
        sealed: this.seal(input.passphrase, id),
        expires_at: new Date(Date.now() + input.ttlMs).toISOString(),
        redeemed_at: null,
        approved_content_sha256: input.approvedContentSha256 ?? null,
      })
      .execute();
    return id;
  }

  async grant(id: string): Promise<TSigningGrant | undefined> {
    const row = await this.db.selectFrom('signing_grants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, userId: row.user_id, caseId: row.case_id, serial: row.serial, expiresAt: row.expires_at, redeemedAt: row.redeemed_at };
  }

  /** The sealed passphrase of a grant that is unexpired and unredeemed, else undefined. */
  async unsealGrant(id: string, now = new Date()): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('signing_grants')
      .selectAll()
      .where('id', '=', id)
      .where('redeemed_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row && this.unseal(row.sealed, id);
  }

  async signature(caseId: string, step: string): Promise<TSignatureRecord | undefined> {
    const r = await this.db
      .selectFrom('signatures')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('step', '=', step)
      .executeTakeFirst();
    return (
      r && {
        caseId: r.case_id,
        step: r.step,
        inputSha256: r.input_sha256,
        outputSha256: r.output_sha256,
        userId: r.user_id,
        signerName: r.signer_name,
        serial: r.serial,
        signedAt: r.signed_at,
      }
    );
  }

  /** The content digest of a document prepared for signing (documents/render/approved-content.ts); a retry keeps the first. */
  async recordDocumentContent(input: { documentSha256: string; caseId: string; contentSha256: string; at?: Date }): Promise<void> {
    await this.db
      .insertInto('document_contents')
      .values({ document_sha256: input.documentSha256, case_id: input.caseId, content_sha256: input.contentSha256, prepared_at: (input.at ?? new Date()).toISOString() })
      .onConflict((oc) => oc.column('document_sha256').doNothing())
      .execute();
  }

  /**
   * Redeems the grant and records the signature in one transaction, so a grant is spent exactly when its
   * signature exists. A retry after success finds the record and gets it back; a spent grant otherwise fails.
   * The signature keeps what the anomaly rule compares: the content digest the signer approved (from the grant)
   * and that of the document signed: the prepared document's, or, for a signature on an earlier signature's
   * output, the content that one signed (a signature adds nothing to what a document says).
   */
  async redeemGrant(grantId: string, record: TSignatureRecord): Promise<TSignatureRecord> {
    const spent = await this.db.transaction().execute(async (trx) => {
      const grant = await trx.selectFrom('signing_grants').select('approved_content_sha256').where('id', '=', grantId).executeTakeFirst();
      const result = await trx
        .updateTable('signing_grants')
        .set({ redeemed_at: new Date().toISOString() })
        .where('id', '=', grantId)
        .where('redeemed_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const prepared = await trx.selectFrom('document_contents').select('content_sha256').where('document_sha256', '=', record.inputSha256).executeTakeFirst();
      const before = await trx.selectFrom('signatures').select('input_content_sha256').where('case_id', '=', record.caseId).where('output_sha256', '=', record.inputSha256).executeTakeFirst();
      await trx
        .insertInto('signatures')
        .values({
          case_id: record.caseId,
          step: record.step,
          input_sha256: record.inputSha256,
          output_sha256: record.outputSha256,
          user_id: record.userId,
          signer_name: record.signerName,
          serial: record.serial,
          signed_at: record.signedAt,
          approved_content_sha256: grant?.approved_content_sha256 ?? null,
          input_content_sha256: prepared?.content_sha256 ?? before?.input_content_sha256 ?? null,
        })
        .onConflict((oc) => oc.columns(['case_id', 'step']).doNothing())
        .execute();
      const { signerName: _name, ...signature } = record; // the signer by id only
      await appendToLog(trx, [signatureItem(signature)]);
      return true;
    });
    const stored = await this.signature(record.caseId, record.step);
    if (!stored) throw new Error(spent ? 'signature record missing after redemption' : `grant ${grantId} is already spent`);
    return stored;
  }

  private key(): Buffer {
    if (!this.grantKey) throw new Error('no grant key configured: signing grants are unavailable');
    return this.grantKey;
  }

  /** A sealed value only opens for its own grant (the grant id is its context). */
  private seal(plaintext: string, grantId: string): string {
    return sealText(this.key(), plaintext, grantId);
  }

  private unseal(sealed: string, grantId: string): string {
    return unsealText(this.key(), sealed, grantId);
  }
}

function toCertificate(r: Selectable<TSignerCertificatesTable>): TSignerCertificate {
  return {
    serial: r.serial,
    userId: r.user_id,
    commonName: r.common_name,
    certPem: r.cert_pem,
    encryptedKeyPem: r.encrypted_key_pem,
    notAfter: r.not_after,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
  };
}
