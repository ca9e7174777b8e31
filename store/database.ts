import type { TNoticeAddressee, TStageNoticeKind } from '../domain/engine/case-clock';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  type ColumnType,
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { TCaseAction, TCaseKind, TCaseStatus, TTaskKind, TTaskStatus } from '../domain/case';
import type { TTaskOutcome } from '../domain/outcome';
import type { TMediaType } from '../domain/case-type.schema';
import type { TLogEntry } from '../domain/transparency/log-entry';
import { withPreparedStatements } from './sqlite-statements';

/** Timestamps are ISO-8601 text (UTC, `toISOString()` form) so that text order is time order. */
export interface TCasesTable {
  case_id: string;
  kind: TCaseKind;
  type_id: string;
  registration_number: string;
  applicant_id: string;
  status: TCaseStatus;
  stage_id: string | null;
  stage_name: string | null;
  /** JSON text */
  fields: string;
  /** JSON text: the kind's facts; null in rows written before they had their own column (then in `fields`). */
  facts: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON text */
  documents: string;
  /** JSON text: the pause ledger and the review stages' clocks (domain/engine/case-clock.ts); null before the ledger. */
  clock: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_at: string;
  stage_due_at: string | null;
  case_due_at: string | null;
  closed_at: string | null;
  outcome_reason: string | null;
  version: number;
  updated_at: string;
}

export interface TTasksTable {
  id: string;
  case_id: string;
  stage_id: string;
  stage_name: string;
  role: string;
  status: TTaskStatus;
  assignee: string | null;
  outcome: TTaskOutcome | null;
  comment: string | null;
  created_at: string;
  due_at: string;
  decided_at: string | null;
  version: number;
  kind: TTaskKind;
}

export interface TCaseEventsTable {
  case_id: string;
  seq: number;
  at: string;
  actor_id: string;
  role: string;
  action: TCaseAction;
  stage_id: string | null;
  comment: string | null;
}

export interface TRegistrationCountersTable {
  scope: string;
  last_value: number;
}

export interface TCaseApplicantsTable {
  case_id: string;
  name: string;
  nik: string;
  email: string;
  phone: string;
  address: string;
  updated_at: string;
}

export interface TDocumentsTable {
  id: string;
  owner_id: string;
  sha256: string;
  bytes: number;
  media_type: TMediaType;
  name: string;
  created_at: string;
}

export interface TSignerCertificatesTable {
  serial: string;
  user_id: string;
  common_name: string;
  cert_pem: string;
  encrypted_key_pem: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: string | null;
}

export interface TSigningGrantsTable {
  id: string;
  user_id: string;
  case_id: string;
  serial: string;
  /** AES-256-GCM sealed passphrase (iv.tag.ciphertext, base64url). */
  sealed: string;
  expires_at: string;
  redeemed_at: string | null;
  /** The content digest of the document the signer approved with this grant (migration 0025; null before). */
  approved_content_sha256: string | null;
}

export interface TNumberReservationsTable {
  key: string;
  scope: string;
  seq: number;
  number: string;
  reserved_at: string;
}

export interface TSignaturesTable {
  case_id: string;
  step: string;
  input_sha256: string;
  output_sha256: string;
  user_id: string;
  signer_name: string;
  serial: string;
  signed_at: string;
  /** The content digest the signer approved, and that of the document signed (migration 0025; null when unknown). */
  approved_content_sha256: string | null;
  input_content_sha256: string | null;
}

/** The content digest of each prepared document, by the document's SHA-256 (migration 0025). */
export interface TDocumentContentsTable {
  document_sha256: string;
  case_id: string;
  content_sha256: string;
  prepared_at: string;
}

export interface TIssuedDocumentsTable {
  number: string;
  case_id: string;
  kind: TCaseKind;
  type_id: string;
  title: string;
  holder_name: string;
  sha256: string;
  issued_at: string;
  signer_name: string;
  serial: string;
  status: 'valid' | 'revoked' | 'superseded' | 'terminated';
  /** The administrator's note: internal, never in a public answer. */
  status_reason: string | null;
  /** The public reason code (domain/revocation.ts). */
  public_reason: string | null;
  status_changed_at: string | null;
}

export interface TOutboxTable {
  key: string;
  case_id: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  /** The dispatcher sending it and until when (store/outbox.ts `claim`); null when nobody holds it. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The parties of a contract or addendum by role (store/case-parties.ts): who may read it besides its tasks' roles. */
export interface TCasePartiesTable {
  case_id: string;
  party: 'ppk' | 'vendor';
  role: string;
}

export interface TContractVersionsTable {
  case_id: string;
  version: number;
  author_id: string;
  author_role: string;
  /** JSON text */
  terms: string;
  created_at: string;
}

export interface TIdempotencyRequestsTable {
  /** The case id derived from the user and their Idempotency-Key. */
  case_id: string;
  /** SHA-256 of the canonical body of the request that first used the key. */
  request_sha256: string;
  created_at: string;
  /** The first request's answer (JSON), for keys whose request creates no case of its own; null until it ends. */
  response: string | null;
}

/** Passphrase attempts in a row per signer (domain/attempt-throttle.ts). */
export interface TPassphraseAttemptsTable {
  user_id: string;
  failures: number;
  last_attempt_at: string | null;
  locked_until: string | null;
}

export interface TSecurityEventsTable {
  id: string;
  at: string;
  kind: TSecurityEventKind;
  user_id: string;
  /** JSON text */
  detail: string;
}

/** What the security and admin event log holds (store/security.ts): lock-outs, calendar closures changed. */
export type TSecurityEventKind = 'passphrase_locked' | 'tracking_locked' | 'calendar_closure_added' | 'calendar_closure_removed';

/** Regional closures in force (store/calendar-closures.ts), one row per date. */
export interface TCalendarClosuresTable {
  date: string;
  reason: string;
  created_by: string;
  created_at: string;
}

/** Every change of the closures, numbered: `revision` orders them and tells a case which one it has applied. */
export interface TCalendarChangesTable {
  id: string;
  revision: number;
  action: 'added' | 'removed';
  date: string;
  reason: string;
  by_user: string;
  at: string;
  /** When its re-projection workflow was seen completed; null until then (worker/calendar-reconciler.ts). */
  reprojected_at: string | null;
}

/** Reminders and escalations of case stages (store/stage-notices.ts). */
export interface TStageNoticesTable {
  key: string;
  case_id: string;
  stage_id: string;
  kind: TStageNoticeKind;
  addressee: TNoticeAddressee;
  role: string;
  at: string;
  due_at: string | null;
  created_at: string;
}

/** The evidence pack of each lapsed case (store/case-lapses.ts), once per case; `evidence` is JSON text. */
export interface TCaseLapsesTable {
  case_id: string;
  evidence: string;
  report_sha256: string;
  lapsed_at: string;
  recorded_at: string;
}

/** Browser sessions of the web pages (store/web-sessions.ts); `data` is the session as JSON text. */
export interface TWebSessionsTable {
  id: string;
  data: string;
  expires_at: string;
}

/** Content-addressed blobs (store/blob-store.ts): bytea on PostgreSQL, blob on SQLite. */
export interface TBlobsTable {
  sha256: string;
  bytes: Buffer;
  size: number;
  created_at: string;
}

/** The office's CA and seal (store/office-pki.ts): the private key sealed under the PKI key, `name` its context. */
export interface TOfficeKeysTable {
  name: 'root-ca' | 'seal';
  cert_pem: string;
  /** AES-256-GCM (iv.tag.ciphertext, base64url) of the PKCS#8 PEM. */
  sealed_key: string;
  created_at: string;
}

/** The published CRL: one row (`id` = 'office'), replaced by each publication. */
export interface TOfficeCrlTable {
  id: string;
  crl_pem: string;
  published_at: string;
}

/** The transparency log (store/audit-log.ts), append-only; `subjects` is JSON text, hashes hex. */
export type TAuditLogTable = Omit<TLogEntry, 'subjects' | 'contentSha256'> & {
  subjects: string;
  content_sha256: string;
  leaf_hash: string;
};

/** The signed tree heads: `signature` is the office seal's RSA-SHA256 over the head's canonical JSON, base64. */
export interface TAuditTreeHeadsTable {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  signature: string;
}

/** Anomaly findings of the Inspektorat's rules (domain/anomalies/): one per rule, case and subject. */
export interface TAuditFindingsTable {
  id: string;
  rule: string;
  case_id: string;
  subject: string;
  /** JSON */
  evidence: string;
  first_seen_at: string;
  last_seen_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledgement_note: string | null;
}

export interface TDatabase {
  cases: TCasesTable;
  tasks: TTasksTable;
  case_events: TCaseEventsTable;
  registration_counters: TRegistrationCountersTable;
  case_applicants: TCaseApplicantsTable;
  documents: TDocumentsTable;
  signer_certificates: TSignerCertificatesTable;
  signing_grants: TSigningGrantsTable;
  number_reservations: TNumberReservationsTable;
  signatures: TSignaturesTable;
  document_contents: TDocumentContentsTable;
  issued_documents: TIssuedDocumentsTable;
  outbox: TOutboxTable;
  contract_versions: TContractVersionsTable;
  idempotency_requests: TIdempotencyRequestsTable;
  passphrase_attempts: TPassphraseAttemptsTable;
  web_sessions: TWebSessionsTable;
  security_events: TSecurityEventsTable;
  stage_notices: TStageNoticesTable;
  calendar_closures: TCalendarClosuresTable;
  calendar_changes: TCalendarChangesTable;
  case_parties: TCasePartiesTable;
  case_lapses: TCaseLapsesTable;
  blobs: TBlobsTable;
  office_keys: TOfficeKeysTable;
  office_crl: TOfficeCrlTable;
  audit_log: TAuditLogTable;
  audit_tree_heads: TAuditTreeHeadsTable;
  audit_findings: TAuditFindingsTable;
}

/**
 * Transactions start with `begin immediate`, taking the write lock up front: a deferred transaction that
 * reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT (busy_timeout does not help) when another
 * process (the API next to the worker) committed in between. Every transaction here writes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** A records location that selects PostgreSQL (`SAHKAN_DATABASE_URL`); anything else is a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//.test(location);

/** Connections each process keeps to PostgreSQL: Kysely takes one per query or transaction from the pool. */
const POSTGRES_POOL_SIZE = 10;

/**
 * Opens the records database: PostgreSQL for a `postgres://…` URL (a pool of the `pg` driver), else a SQLite
 * file (`:memory:` allowed). The same Kysely code runs on both; `dialectOf` tells the few places that differ.
 */
export function openDatabase(location: string): Kysely<TDatabase> {
  if (isPostgresUrl(location)) {
    const pool = new pg.Pool({ connectionString: location, max: POSTGRES_POOL_SIZE });
    // An idle connection the server ended (a restart) is dropped from the pool, not thrown at the process.
    pool.on('error', () => undefined);
    // So is one in use: the pool listens for errors only while a connection is idle, and a server gone between two
    // statements of a transaction would otherwise be an unhandled 'error' that ends the process. The statement
    // fails on its own, and a connection that is no longer queryable is dropped when it goes back to the pool.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return new Kysely<TDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  return openSqlite(location);
}

export type TDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations pass Kysely<any>
export function dialectOf(db: Kysely<any>): TDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Opens a SQLite records database (`:memory:` allowed). Kysely serialises queries on its one connection. */
function openSqlite(file: string): Kysely<TDatabase> {
  const sqlite = new Database(file);
  // busy_timeout first: switching a new file to WAL needs a lock another process may hold for a moment.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<TDatabase>({ dialect: new ImmediateSqliteDialect({ database: withPreparedStatements(sqlite) }) });
}

/**
 * Makes the transactions that pass the same key take turns until each commits, for a read-then-write that no row
 * lock covers (a row that may not exist yet, the next number of a log). PostgreSQL: a transaction-scoped advisory
 * lock on the key's hash. SQLite: nothing to do, every transaction here holds the write lock (`begin immediate`).
 */
export async function lockForTransaction(trx: Kysely<TDatabase>, key: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
