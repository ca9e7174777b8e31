import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { OPEN_TASK_STATUSES, SETTLED_STATUSES, type TCaseEvent, type TCaseProjection, type TTask } from '../domain/case';
import type { TCaseScope } from '../domain/access-policy';
import { formatRegistrationNumber, registrationScope } from '../domain/numbering';
import { storedFactsAndFields } from '../domain/kinds';
import type { TCaseClock } from '../domain/engine/case-clock';
import type { TCaseLapse } from '../domain/engine/case-lapse';
import { openDatabase, type TCasesTable, type TDatabase, type TTasksTable } from './database';
import { AuditLog, appendToLog } from './audit-log';
import { AuditCases } from './audit-cases';
import { AuditFindings, casesWithFindings } from './audit-findings';
import { BlobStore } from './blob-store';
import { caseEventItem } from './log-items';
import { OfficePkiStore } from './office-pki';
import { CalendarClosures } from './calendar-closures';
import { partiesOf, type TCaseParty } from './case-parties';
import { CaseLapses } from './case-lapses';
import { trackingPin, trackingPinMatches } from './tracking-pin';
import { ContractVersions } from './contract-versions';
import { IdempotencyRequests } from './idempotency-requests';
import { Issuance } from './issuance';
import { migrateToLatest } from './migrations';
import { Outbox } from './outbox';
import { keysetPage, keysetQuery, type TKeyColumn, type TKeysetPage, type TKeyValue } from './keyset';
import { StageNotices } from './stage-notices';
import { WebSessionStore } from './web-sessions';
import { Security } from './security';
import { ServiceLevels } from './service-levels';
import { OpenDataQueries } from './open-data';
import { Signers } from './signers';
import type {
  TApplicantProfile,
  TCaseRow,
  TDocumentMeta,
  TListCasesFilter,
  TRegisterCaseInput,
} from './records.types';

/** Timestamps are stored in one form (`toISOString()`) so that comparing and ordering text is comparing time. */
function iso(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 timestamp: ${value}`);
  return new Date(ms).toISOString();
}

function isoOrNull(value: string | null): string | null {
  return value === null ? null : iso(value);
}

function toCaseRow(r: Selectable<TCasesTable>): TCaseRow {
  return {
    caseId: r.case_id,
    kind: r.kind,
    typeId: r.type_id,
    registrationNumber: r.registration_number,
    applicantId: r.applicant_id,
    status: r.status,
    stageId: r.stage_id,
    stageName: r.stage_name,
    ...factsAndFields(r),
    documents: JSON.parse(r.documents) as TCaseRow['documents'],
    clock: r.clock === null ? null : (JSON.parse(r.clock) as TCaseClock),
    submittedAt: r.submitted_at,
    stageDueAt: r.stage_due_at,
    caseDueAt: r.case_due_at,
    closedAt: r.closed_at,
    outcomeReason: r.outcome_reason,
    version: Number(r.version),
    updatedAt: r.updated_at,
  };
}

/** Facts from their column; a row written before it keeps them in `fields`, and they are taken out of there. */
function factsAndFields(r: Selectable<TCasesTable>): Pick<TCaseRow, 'facts' | 'fields'> {
  return storedFactsAndFields(r.kind, r.facts === null ? null : JSON.parse(r.facts), JSON.parse(r.fields) as TCaseRow['fields']);
}

function toTask(r: Selectable<TTasksTable>): TTask {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    stageId: r.stage_id,
    stageName: r.stage_name,
    role: r.role,
    status: r.status,
    assignee: r.assignee,
    outcome: r.outcome,
    comment: r.comment,
    createdAt: r.created_at,
    dueAt: r.due_at,
    decidedAt: r.decided_at,
    version: Number(r.version),
  };
}

function fromTask(t: TTask): TTasksTable {
  return {
    id: t.id,
    kind: t.kind,
    case_id: t.caseId,
    stage_id: t.stageId,
    stage_name: t.stageName,
    role: t.role,
    status: t.status,
    assignee: t.assignee,
    outcome: t.outcome,
    comment: t.comment,
    created_at: iso(t.createdAt),
    due_at: iso(t.dueAt),
    decided_at: isoOrNull(t.decidedAt),
    version: t.version,
  };
}

/** The access policy's scope as SQL: own applications, cases with a task of one of the roles, contracts of the parties. */
function inScope(eb: ExpressionBuilder<TDatabase, 'cases'>, scope: Exclude<TCaseScope, { all: true }>) {
  const party = (which: TCaseParty, roles: string[]) =>
    roles.length === 0
      ? []
      : [eb('cases.case_id', 'in', eb.selectFrom('case_parties').select('case_parties.case_id').where('case_parties.party', '=', which).where('case_parties.role', 'in', roles))];
  return eb.or([
    eb('cases.applicant_id', '=', scope.applicantId),
    ...(scope.taskRoles.length === 0
      ? []
      : [eb('cases.case_id', 'in', eb.selectFrom('tasks').select('tasks.case_id').where('tasks.role', 'in', scope.taskRoles))]),
    ...party('ppk', scope.ppkRoles),
    ...party('vendor', scope.vendorRoles),
  ]);
}

/** The order of the case lists (applicants', contracts, a status): newest submission first. */
const CASES_NEWEST_FIRST: TKeyColumn[] = [
  { expr: sql.ref('cases.submitted_at'), dir: 'desc' },
  { expr: sql.ref('cases.case_id'), dir: 'desc' },
];
/**
 * "The task is open" as the first column of tasks_open_role_due_idx (migration 0024) writes it: literals, in this
 * order. With one role the inbox is a range of that index in its order (no sort of the role's open tasks).
 */
const TASK_OPEN = sql<boolean>`(tasks.status in (${sql.join(OPEN_TASK_STATUSES.map((s) => sql.lit(s)))}))`;

/** The inbox's order: earliest due first. */
const TASKS_EARLIEST_DUE: TKeyColumn[] = [
  { expr: sql.ref('tasks.due_at'), dir: 'asc' },
  { expr: sql.ref('tasks.id'), dir: 'asc' },
];

/** The records database: the read model of cases, the reviewer inbox, applicants and document metadata. */
export class Records {
  readonly signers: Signers;
  readonly issuance: Issuance;
  readonly outbox: Outbox;
  readonly stageNotices: StageNotices;
  readonly contractVersions: ContractVersions;
  readonly idempotency: IdempotencyRequests;
  readonly security: Security;
  readonly webSessions: WebSessionStore;
  readonly serviceLevels: ServiceLevels;
  readonly calendarClosures: CalendarClosures;
  readonly lapses: CaseLapses;
  readonly blobs: BlobStore;
  readonly officePki: OfficePkiStore;
  readonly auditLog: AuditLog;
  readonly openData: OpenDataQueries;
  readonly auditFindings: AuditFindings;
  readonly auditCases: AuditCases;

  constructor(
    private readonly db: Kysely<TDatabase>,
    private readonly keys: TRecordsKeys = {},
  ) {
    this.signers = new Signers(db, keys.grantKey);
    this.issuance = new Issuance(db);
    this.outbox = new Outbox(db);
    this.stageNotices = new StageNotices(db);
    this.contractVersions = new ContractVersions(db);
    this.idempotency = new IdempotencyRequests(db);
    this.security = new Security(db);
    this.webSessions = new WebSessionStore(db);
    this.serviceLevels = new ServiceLevels(db);
    this.calendarClosures = new CalendarClosures(db);
    this.lapses = new CaseLapses(db);
    this.blobs = new BlobStore(db);
    this.officePki = new OfficePkiStore(db, keys.pkiKey);
    this.auditLog = new AuditLog(db);
    this.openData = new OpenDataQueries(db);
    this.auditFindings = new AuditFindings(db);
    this.auditCases = new AuditCases(db, this);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Readiness: the database answers a trivial query. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /**
   * Writes the case row and takes the next number of its scope in one transaction. Idempotent by caseId;
   * gapless because the counter step rolls back with anything else that fails.
   */
  async registerCase(input: TRegisterCaseInput): Promise<{ registrationNumber: string }> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('cases')
          .select('registration_number')
          .where('case_id', '=', input.caseId)
          .executeTakeFirst();
        if (existing) return { registrationNumber: existing.registration_number };

        const scope = registrationScope(input.typeCode, input.year);
        const counter = await trx
          .insertInto('registration_counters')
          .values({ scope, last_value: 1 })
          .onConflict((oc) =>
            oc.column('scope').doUpdateSet((eb) => ({ last_value: eb('registration_counters.last_value', '+', 1) })),
          )
          .returning('last_value')
          .executeTakeFirstOrThrow();
        const registrationNumber = formatRegistrationNumber(scope, Number(counter.last_value));

        await trx
          .insertInto('cases')
          .values({
            case_id: input.caseId,
            kind: input.kind,
            type_id: input.typeId,
            registration_number: registrationNumber,
            applicant_id: input.applicantId,
            status: 'submitted',
            stage_id: null,
            stage_name: null,
            fields: '{}',
            documents: '{}',
            submitted_at: iso(input.submittedAt),
            stage_due_at: null,
            case_due_at: null,
            closed_at: null,
            outcome_reason: null,
            version: 0,
            updated_at: new Date().toISOString(),
          })
          .execute();
        return { registrationNumber };
      });
    } catch (error) {
      // A concurrent registration of the same case (PostgreSQL) loses on the primary key; its counter step rolled back.
      const existing = await this.getCase(input.caseId);
      if (existing) return { registrationNumber: existing.registrationNumber };
      throw error;
    }
  }

  async saveApplicant(caseId: string, profile: TApplicantProfile): Promise<void> {
    const row = {
      name: profile.name,
      nik: profile.nik,
      email: profile.email,
      phone: profile.phone,
      address: profile.address,
      updated_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('case_applicants')
      .values({ case_id: caseId, ...row })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
      .execute();
  }

  async getApplicant(caseId: string): Promise<TApplicantProfile | undefined> {
    return this.db
      .selectFrom('case_applicants')
      .select(['name', 'nik', 'email', 'phone', 'address'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
  }

  /**
   * Writes one version of a case. Projections can finish out of order, so every write keeps the highest
   * version: the case row and each task change only when the incoming version is higher; events are keyed by seq.
   * A version the store already shows is skipped before the write lock: each projection carries every event its
   * writer had not seen confirmed, so a stored version N has every event up to N (the API and the projector both
   * write an answered update's version, case-projection-in-answer-v1; the second neither waits for the lock nor takes it).
   */
  async projectCase(p: TCaseProjection): Promise<void> {
    const foreign = [...p.tasks, ...p.events].find((x) => x.caseId !== p.caseId);
    if (foreign) throw new Error(`projection of case ${p.caseId} carries a record of case ${foreign.caseId}`);
    const stored = await this.db.selectFrom('cases').select('version').where('case_id', '=', p.caseId).executeTakeFirst();
    if (stored && Number(stored.version) >= p.version) return;

    await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('cases').select('version').where('case_id', '=', p.caseId).executeTakeFirst();
      if (!current) throw new Error(`case ${p.caseId} is not registered`);

      await trx
        .updateTable('cases')
        .set({
          status: p.status,
          stage_id: p.stageId,
          stage_name: p.stageName,
          fields: JSON.stringify(p.fields),
          facts: JSON.stringify(p.facts),
          documents: JSON.stringify(p.documents),
          stage_due_at: isoOrNull(p.stageDueAt),
          case_due_at: isoOrNull(p.caseDueAt),
          clock: p.clock ? JSON.stringify(p.clock) : null,
          closed_at: isoOrNull(p.closedAt),
          outcome_reason: p.outcomeReason,
          version: p.version,
          updated_at: new Date().toISOString(),
        })
        .where('case_id', '=', p.caseId)
        .where('version', '<', p.version)
        .execute();

      // A contract's parties (fixed when it is drafted): the rows the access scope of PPKs and vendors reads.
      const parties = partiesOf(p.fields);
      if (parties.length > 0) {
        await trx
          .insertInto('case_parties')
          .values(parties.map((party) => ({ case_id: p.caseId, ...party })))
          .onConflict((oc) => oc.columns(['case_id', 'party']).doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })))
          .execute();
      }

      if (p.tasks.length > 0) {
        await trx
          .insertInto('tasks')
          .values(p.tasks.map(fromTask))
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => ({
                stage_id: eb.ref('excluded.stage_id'),
                stage_name: eb.ref('excluded.stage_name'),
                role: eb.ref('excluded.role'),
                status: eb.ref('excluded.status'),
                assignee: eb.ref('excluded.assignee'),
                outcome: eb.ref('excluded.outcome'),
                comment: eb.ref('excluded.comment'),
                created_at: eb.ref('excluded.created_at'),
                due_at: eb.ref('excluded.due_at'),
                decided_at: eb.ref('excluded.decided_at'),
                version: eb.ref('excluded.version'),
              }))
              .whereRef('tasks.version', '<', 'excluded.version'),
          )
          .execute();
      }

      if (p.events.length > 0) {
        await trx
          .insertInto('case_events')
          .values(
            p.events.map((e) => ({
              case_id: e.caseId,
              seq: e.seq,
              at: iso(e.at),
              actor_id: e.actorId,
              role: e.role,
              action: e.action,
              stage_id: e.stageId,
              comment: e.comment,
            })),
          )
          .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
          .execute();
        // Last in the transaction (it takes the log's lock): each event in the transparency log once, as stored.
        await appendToLog(trx, p.events.map((e) => caseEventItem({ ...e, at: iso(e.at) })));
      }
    });
  }

  async getCase(caseId: string): Promise<TCaseRow | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return row && toCaseRow(row);
  }

  async getCaseByRegistrationNumber(registrationNumber: string): Promise<TCaseRow | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirst();
    return row && toCaseRow(row);
  }

  /** The case's tracking PIN (domain/tracking/tracking-pin.ts); only processes given the tracking key derive one. */
  trackingPin(caseId: string): string {
    return trackingPin(this.requireTrackingKey(), caseId);
  }

  trackingPinMatches(caseId: string, given: string): boolean {
    return trackingPinMatches(this.requireTrackingKey(), caseId, given);
  }

  private requireTrackingKey(): Buffer {
    if (!this.keys.trackingKey) throw new Error('no tracking key configured: tracking PINs are unavailable');
    return this.keys.trackingKey;
  }

  /** One page of the cases matching the filter, newest submission first (keyset: submitted_at, case_id). */
  async listCases(filter: TListCasesFilter): Promise<TKeysetPage<TCaseRow>> {
    const matches = (eb: ExpressionBuilder<TDatabase, 'cases'>) =>
      eb.and([
        ...(filter.applicantId === undefined ? [] : [eb('applicant_id', '=', filter.applicantId)]),
        ...(filter.status === undefined ? [] : [eb('status', '=', filter.status)]),
        ...(filter.typeId === undefined ? [] : [eb('type_id', '=', filter.typeId)]),
        ...(filter.kind === undefined ? [] : [eb('kind', '=', filter.kind)]),
        ...(filter.scope === undefined || filter.scope.all ? [] : [inScope(eb, filter.scope)]),
        ...(filter.withFinding === undefined ? [] : [eb('case_id', 'in', casesWithFindings(eb, filter.withFinding))]),
      ]);
    const rows = await keysetQuery(this.db.selectFrom('cases').selectAll().where(matches), CASES_NEWEST_FIRST, filter.cursor, filter.limit).execute();
    return keysetPage(rows, filter.limit, (r) => [r.submitted_at, r.case_id], toCaseRow);
  }

  /**
   * The roles of every task a case has had, whatever their status (the access policy's "acts or acted"), and the
   * roles a stage's reminder or escalation was addressed to (a unit's supervisor, the head of office): told to see
   * that the case moves, they read it as the roles acting on it do (the links in their notices open it).
   */
  async listTaskRoles(caseId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tasks')
      .select('role')
      .where('case_id', '=', caseId)
      .union(this.db.selectFrom('stage_notices').select('role').where('case_id', '=', caseId))
      .execute();
    return rows.map((r) => r.role);
  }

  /** The cases whose current documents include an upload. */
  async casesReferencingDocument(documentId: string): Promise<TCaseRow[]> {
    // Upload ids are hex, so the LIKE pattern needs no escaping; the parsed documents confirm the match.
    if (!/^[\w-]+$/.test(documentId)) return [];
    const rows = await this.db.selectFrom('cases').selectAll().where('documents', 'like', `%"${documentId}"%`).execute();
    return rows.map(toCaseRow).filter((row) => Object.values(row.documents).some((d) => d.id === documentId));
  }

  /** Applicants of many cases at once (for lists, which show them masked). */
  async getApplicants(caseIds: readonly string[]): Promise<Map<string, TApplicantProfile>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('case_applicants')
      .select(['case_id', 'name', 'nik', 'email', 'phone', 'address'])
      .where('case_id', 'in', caseIds)
      .execute();
    return new Map(rows.map(({ case_id, ...profile }) => [case_id, profile]));
  }

  /** The recorded lapses (on each case's clock) of these cases, by case id; cases that have not lapsed are absent. */
  async getLapses(caseIds: readonly string[]): Promise<Map<string, TCaseLapse>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('cases').select(['case_id', 'clock']).where('case_id', 'in', caseIds).where('clock', 'is not', null).execute();
    const lapses = new Map<string, TCaseLapse>();
    for (const r of rows) {
      const lapse = (JSON.parse(r.clock!) as TCaseClock).lapse;
      if (lapse) lapses.set(r.case_id, lapse);
    }
    return lapses;
  }

  async listEvents(caseId: string): Promise<TCaseEvent[]> {
    const rows = await this.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      role: r.role,
      action: r.action,
      stageId: r.stage_id,
      comment: r.comment,
    }));
  }

  async listTasksForCase(caseId: string): Promise<TTask[]> {
    const rows = await this.db
      .selectFrom('tasks')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toTask);
  }

  async getTask(taskId: string): Promise<TTask | undefined> {
    const row = await this.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    return row && toTask(row);
  }

  /**
   * One page of the inbox (the API's and the pages'): open or claimed tasks of `roles`, earliest due first (keyset:
   * due_at, id), filtered by permit type, stage, `dueBefore` (overdue only) and a part of the registration number
   * (`numberPart`: only letters, digits and `/ . -`, so it carries no LIKE wildcard). One query whatever the depth.
   */
  async listInbox(q: {
    roles: string[];
    typeId?: string;
    stageId?: string;
    dueBefore?: string;
    numberPart?: string;
    limit: number;
    cursor?: readonly TKeyValue[];
  }): Promise<TKeysetPage<TTask & { registrationNumber: string; typeId: string }>> {
    if (q.roles.length === 0) return { items: [], next: null };
    let base = this.db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.case_id', 'tasks.case_id')
      .where(TASK_OPEN, '=', sql.lit(true))
      .where('tasks.role', 'in', q.roles);
    if (q.typeId) base = base.where('cases.type_id', '=', q.typeId);
    if (q.stageId) base = base.where('tasks.stage_id', '=', q.stageId);
    if (q.dueBefore) base = base.where('tasks.due_at', '<', q.dueBefore);
    if (q.numberPart) {
      if (!/^[A-Z0-9/.-]+$/.test(q.numberPart)) throw new Error('numberPart holds only A-Z, 0-9 and / . -');
      base = base.where('cases.registration_number', 'like', `%${q.numberPart}%`);
    }
    const rows = await keysetQuery(base.selectAll('tasks').select(['cases.registration_number', 'cases.type_id']), TASKS_EARLIEST_DUE, q.cursor, q.limit).execute();
    return keysetPage(rows, q.limit, (r) => [r.due_at, r.id], (r) => ({ ...toTask(r), registrationNumber: r.registration_number, typeId: r.type_id }));
  }

  /** Cases still running, overdue first (stage or case deadline before `now`), then earliest case deadline. */
  async listOpenCases(now: Date): Promise<Array<TCaseRow & { overdue: boolean }>> {
    const at = now.toISOString();
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .select((eb) =>
        eb
          .case()
          .when(eb.or([eb('stage_due_at', '<', at), eb('case_due_at', '<', at)]))
          .then(1)
          .else(0)
          .end()
          .as('overdue'),
      )
      .where('status', 'not in', SETTLED_STATUSES)
      .orderBy('overdue', 'desc')
      .orderBy('case_due_at', (ob) => ob.asc().nullsLast())
      .orderBy('case_id')
      .execute();
    return rows.map((r) => ({ ...toCaseRow(r), overdue: Number(r.overdue) === 1 }));
  }

  /** Document metadata is immutable: a second save of the same id is ignored. */
  async saveDocument(meta: TDocumentMeta): Promise<void> {
    await this.db
      .insertInto('documents')
      .values({
        id: meta.id,
        owner_id: meta.ownerId,
        sha256: meta.sha256,
        bytes: meta.bytes,
        media_type: meta.mediaType,
        name: meta.name,
        created_at: iso(meta.createdAt),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** How many uploads (and bytes) an owner stored since `since`: the daily upload quota reads this. */
  async uploadsSince(ownerId: string, since: Date): Promise<{ count: number; bytes: number; oldestAt: string | null }> {
    const r = await this.db
      .selectFrom('documents')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('bytes'),
        eb.fn.min('created_at').as('oldestAt'),
      ])
      .where('owner_id', '=', ownerId)
      .where('created_at', '>=', since.toISOString())
      .executeTakeFirst();
    return { count: Number(r?.count ?? 0), bytes: Number(r?.bytes ?? 0), oldestAt: r?.oldestAt ?? null };
  }

  async getDocument(id: string): Promise<TDocumentMeta | undefined> {
    const r = await this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      r && {
        id: r.id,
        ownerId: r.owner_id,
        sha256: r.sha256,
        bytes: Number(r.bytes),
        mediaType: r.media_type,
        name: r.name,
        createdAt: r.created_at,
      }
    );
  }
}

/** Opens the records database, brings its schema up to date and returns the store. */
/** Keys of sealed columns: signing grants (SAHKAN_GRANT_SECRET), the office's private keys (SAHKAN_PKI_SECRET). */
export interface TRecordsKeys {
  grantKey?: Buffer;
  pkiKey?: Buffer;
  /** Derives the applicants' tracking PINs; the API and the worker share it. */
  trackingKey?: Buffer;
}

export async function openRecords(file: string, options: TRecordsKeys = {}): Promise<Records> {
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new Records(db, options);
}
