import type { Kysely } from 'kysely';
import type { TDatabase } from './database';
import { sealText, unsealText } from './sealed-text';

/** The office's own key pairs: its root CA and its electronic seal. */
export type TOfficeKeyName = 'root-ca' | 'seal';

export interface TOfficeKeyPair {
  certPem: string;
  keyPem: string;
}

/** The stored private key does not open with the configured SAHKAN_PKI_SECRET (another installation's secret). */
export class OfficeKeyLocked extends Error {
  constructor(name: TOfficeKeyName) {
    super(`the office key "${name}" in the records database does not open with this SAHKAN_PKI_SECRET: every worker needs the secret the first one used`);
  }
}

const CRL_ROW = 'office';

/**
 * The office PKI in the records database, shared by every instance: the CA and the seal (certificate, and private
 * key sealed with AES-256-GCM under the PKI key) and the published CRL. The API reads certificates and the CRL
 * without the key; only the worker (and scripts/pki.ts) open private keys.
 */
export class OfficePkiStore {
  constructor(
    private readonly db: Kysely<TDatabase>,
    private readonly pkiKey: Buffer | undefined,
  ) {}

  /**
   * The pair stored under `name`, or the one `create` makes when there is none. Processes racing to create it each
   * insert theirs with `on conflict do nothing` and all read back the one that was stored first.
   */
  async loadOrCreate(name: TOfficeKeyName, create: () => TOfficeKeyPair | Promise<TOfficeKeyPair>): Promise<TOfficeKeyPair> {
    const key = this.key();
    if (!(await this.certPem(name))) {
      const pair = await create();
      await this.db
        .insertInto('office_keys')
        .values({ name, cert_pem: pair.certPem, sealed_key: sealText(key, pair.keyPem, name), created_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    const row = await this.db.selectFrom('office_keys').select(['cert_pem', 'sealed_key']).where('name', '=', name).executeTakeFirstOrThrow();
    let keyPem: string;
    try {
      keyPem = unsealText(key, row.sealed_key, name);
    } catch {
      throw new OfficeKeyLocked(name);
    }
    return { certPem: row.cert_pem, keyPem };
  }

  /** The certificate alone (the API's root for verification), or undefined before it exists. */
  async certPem(name: TOfficeKeyName): Promise<string | undefined> {
    const row = await this.db.selectFrom('office_keys').select('cert_pem').where('name', '=', name).executeTakeFirst();
    return row?.cert_pem;
  }

  /** Replaces the published CRL, unless one signed later is already there (two workers publishing at once). */
  async publishCrl(crlPem: string, signedAt: Date): Promise<void> {
    const published_at = signedAt.toISOString();
    await this.db
      .insertInto('office_crl')
      .values({ id: CRL_ROW, crl_pem: crlPem, published_at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ crl_pem: crlPem, published_at }).where('office_crl.published_at', '<=', published_at))
      .execute();
  }

  /** The published CRL, or undefined before the first worker start. */
  async crlPem(): Promise<string | undefined> {
    const row = await this.db.selectFrom('office_crl').select('crl_pem').where('id', '=', CRL_ROW).executeTakeFirst();
    return row?.crl_pem;
  }

  private key(): Buffer {
    if (!this.pkiKey) throw new Error('no PKI key configured (SAHKAN_PKI_SECRET): the office keys cannot be opened');
    return this.pkiKey;
  }
}
