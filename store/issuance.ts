import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { TCaseKind } from '../domain/case';
import { storedFactsAndFields, type TCaseFacts } from '../domain/kinds';
import { appendToLog, type TLogItem } from './audit-log';
import type { TIssuedDocumentsTable, TDatabase } from './database';
import { documentStatusItem, issuanceItem } from './log-items';
import { keysetPage, keysetQuery, type TKeyColumn, type TKeysetPage, type TKeyValue } from './keyset';

/** A registered document's status; `terminated`: a contract ended early by termination (pemutusan kontrak). */
export const ISSUED_STATUSES = ['valid', 'revoked', 'superseded', 'terminated'] as const;
export type TIssuedStatus = (typeof ISSUED_STATUSES)[number];

export interface TIssuedDocument {
  number: string;
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  title: string;
  holderName: string;
  sha256: string;
  issuedAt: string;
  signerName: string;
  serial: string;
  status: TIssuedStatus;
  /** The administrator's note: internal. */
  statusReason: string | null;
  /** The reason code the public may read (domain/revocation.ts). */
  publicReason: string | null;
  statusChangedAt: string | null;
}

/** A register entry with the facts of its case (value, dates, addenda of a contract), read in the same query. */
/** A register entry with its case's fields and facts (typed by the kind; absent when the case row is gone). */
export type TRegisterEntry = TIssuedDocument & { caseFields: Record<string, unknown>; caseFacts: TCaseFacts | null };

export interface TRegisterSearch {
  /** Words found in the number, the title or the holder's name (case-insensitive); empty: everything. */
  query?: string;
  limit: number;
  /** The key of the previous page's last row (store/keyset.ts). */
  cursor?: readonly TKeyValue[];
}

export interface TNumberReservation {
  key: string;
  number: string;
  seq: number;
  reservedAt: string;
}

/** The register's order: newest issue first. */
const REGISTER_NEWEST_FIRST: TKeyColumn[] = [
  { expr: sql.ref('issued_documents.issued_at'), dir: 'desc' },
  { expr: sql.ref('issued_documents.number'), dir: 'desc' },
];

/** Document numbers reserved exactly once, and the public register of issued documents. */
export class Issuance {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /**
   * Reserves the next number of `scope` for `key` (for example `<caseId>:permit-number`). Idempotent by key,
   * gapless per scope: the counter step and the reservation commit together or not at all.
   */
  async reserveNumber(key: string, scope: string, format: (seq: number) => string, at = new Date()): Promise<TNumberReservation> {
    try {
      return await this.reserveOnce(key, scope, format, at);
    } catch (error) {
      // A concurrent reservation of the same key (PostgreSQL) loses on the key; its counter step rolled back with it.
      const existing = await this.reservation(key);
      if (existing) return existing;
      throw error;
    }
  }

  /**
   * The counter step is an atomic upsert (`insert … on conflict do update … returning`): on PostgreSQL it holds
   * the series' row lock until the transaction ends, so concurrent reservations of a scope take turns.
   */
  private async reserveOnce(key: string, scope: string, format: (seq: number) => string, at: Date): Promise<TNumberReservation> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('number_reservations').selectAll().where('key', '=', key).executeTakeFirst();
      if (existing) return { key, number: existing.number, seq: Number(existing.seq), reservedAt: existing.reserved_at };
      const counter = await trx
        .insertInto('registration_counters')
        .values({ scope, last_value: 1 })
        .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ last_value: eb('registration_counters.last_value', '+', 1) })))
        .returning('last_value')
        .executeTakeFirstOrThrow();
      const seq = Number(counter.last_value);
      const reservation = { key, number: format(seq), seq, reservedAt: at.toISOString() };
      await trx
        .insertInto('number_reservations')
        .values({ key, scope, seq, number: reservation.number, reserved_at: reservation.reservedAt })
        .execute();
      return reservation;
    });
  }

  async reservation(key: string): Promise<TNumberReservation | undefined> {
    const r = await this.db.selectFrom('number_reservations').selectAll().where('key', '=', key).executeTakeFirst();
    return r && { key, number: r.number, seq: Number(r.seq), reservedAt: r.reserved_at };
  }

  /** Registers an issued document; idempotent by number (a retry registers nothing new). */
  async register(doc: Omit<TIssuedDocument, 'status' | 'statusReason' | 'publicReason' | 'statusChangedAt'>): Promise<TIssuedDocument> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('issued_documents')
        .values({
          number: doc.number,
          case_id: doc.caseId,
          kind: doc.kind,
          type_id: doc.typeId,
          title: doc.title,
          holder_name: doc.holderName,
          sha256: doc.sha256,
          issued_at: doc.issuedAt,
          signer_name: doc.signerName,
          serial: doc.serial,
          status: 'valid',
          status_reason: null,
          public_reason: null,
          status_changed_at: null,
        })
        .onConflict((oc) => oc.column('number').doNothing())
        .execute();
      await appendToLog(trx, [issuanceItem(doc, doc)]);
    });
    return (await this.byNumber(doc.number))!;
  }

  async byNumber(number: string): Promise<TIssuedDocument | undefined> {
    const r = await this.db.selectFrom('issued_documents').selectAll().where('number', '=', number).executeTakeFirst();
    return r && toIssued(r);
  }

  async byCase(caseId: string): Promise<TIssuedDocument | undefined> {
    const r = await this.db.selectFrom('issued_documents').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return r && toIssued(r);
  }

  async bySha256(sha256: string): Promise<TIssuedDocument | undefined> {
    const r = await this.db.selectFrom('issued_documents').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    return r && toIssued(r);
  }

  /** Every registered document of a kind, newest first (the public register). */
  async list(kind: TCaseKind, limit = 200): Promise<TIssuedDocument[]> {
    const rows = await this.db.selectFrom('issued_documents').selectAll().where('kind', '=', kind).orderBy('issued_at', 'desc').limit(limit).execute();
    return rows.map(toIssued);
  }

  /**
   * The public register of one kind, newest first (keyset: issued_at, number), one page at a time: one query
   * joined with the cases' facts, whatever the depth.
   */
  async searchRegister(kind: TCaseKind, search: TRegisterSearch): Promise<TKeysetPage<TRegisterEntry>> {
    const words = (search.query ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    // LIKE patterns with the wildcards of the words escaped; lower() on both sides, as PostgreSQL's LIKE is case-sensitive.
    const like = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const base = this.db
      .selectFrom('issued_documents')
      .where('issued_documents.kind', '=', kind)
      .where((eb) =>
        eb.and(
          words.map((word) =>
            eb.or(
              (['number', 'title', 'holder_name'] as const).map((column) => sql<boolean>`lower(${sql.ref(`issued_documents.${column}`)}) like ${like(word)} escape '\\'`),
            ),
          ),
        ),
      );
    const rows = await keysetQuery(
      base.leftJoin('cases', 'cases.case_id', 'issued_documents.case_id').selectAll('issued_documents').select(['cases.fields as case_fields', 'cases.facts as case_facts']),
      REGISTER_NEWEST_FIRST,
      search.cursor,
      search.limit,
    ).execute();
    return keysetPage(
      rows,
      search.limit,
      (r) => [r.issued_at, r.number],
      ({ case_fields, case_facts, ...r }) => {
        if (!case_fields) return { ...toIssued(r), caseFields: {}, caseFacts: null };
        const stored = storedFactsAndFields(kind, case_facts ? JSON.parse(case_facts) : null, JSON.parse(case_fields) as Record<string, unknown>);
        return { ...toIssued(r), caseFields: stored.fields, caseFacts: stored.facts };
      },
    );
  }

  /**
   * Marks a valid document revoked (or superseded) with the internal note and the public reason code;
   * false when it is not valid any more.
   */
  async changeStatus(
    number: string,
    status: Exclude<TIssuedStatus, 'valid'>,
    reason: string,
    at = new Date(),
    publicReason: string | null = null,
    by = 'system',
    /** Logged with the change, in its transaction (an administrator's revocation: the request that made it). */
    alsoLog: readonly TLogItem[] = [],
  ): Promise<boolean> {
    const change = { status, status_reason: reason, public_reason: publicReason, status_changed_at: at.toISOString() };
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('issued_documents').set(change).where('number', '=', number).where('status', '=', 'valid').executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await appendToLog(trx, [documentStatusItem(number, status, change.status_changed_at, by, { number, ...change }), ...alsoLog]);
      return true;
    });
  }
}

function toIssued(r: Selectable<TIssuedDocumentsTable>): TIssuedDocument {
  return {
    number: r.number,
    caseId: r.case_id,
    kind: r.kind,
    typeId: r.type_id,
    title: r.title,
    holderName: r.holder_name,
    sha256: r.sha256,
    issuedAt: r.issued_at,
    signerName: r.signer_name,
    serial: r.serial,
    status: r.status,
    statusReason: r.status_reason,
    publicReason: r.public_reason ?? null,
    statusChangedAt: r.status_changed_at,
  };
}
