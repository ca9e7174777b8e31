import { z } from 'zod';
import { LAPSE_POLICIES, ZCaseTypeSchema } from '../domain/case-type.schema';
import { ZContractTermsSchema } from '../domain/contract.schema';
import { ZContractTypeSchema } from '../domain/contract-type.schema';
import { CASE_KINDS, CASE_STATUSES } from '../domain/case';
import { PAUSE_REASONS, STAGE_NOTICES, type TStageNoticeKind } from '../domain/engine/case-clock';
import { RESUME_POLICIES } from '../domain/working-time/deadline';
import { ZCaseEventSchema, ZPermitDetailSchema, ZPermitListItemSchema, ZPermitSummarySchema, ZPublicVerificationSchema, ZTaskSchema } from './schemas';
import { ISSUED_STATUSES } from '../store/issuance';
import { LOG_ENTRY_KINDS } from '../domain/transparency/log-entry';

/**
 * Response bodies the request schemas in schemas.ts do not already describe. They exist for the OpenAPI
 * document; test/api/openapi-conformance.api.test.ts checks every route's answers against them.
 */

/**
 * `schema | null` for a registered (named) schema: zod-to-openapi renders `.nullable()` of a named schema as
 * an allOf that null can never satisfy, a union renders as anyOf [$ref, null].
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** A JSON Schema (2020-12) carried as data: validated against the meta-schema, not an open object. */
const ZJsonSchemaSchema = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'A JSON Schema (draft 2020-12)', $ref: 'https://json-schema.org/draft/2020-12/schema' } as never);

export const ZPermitTypeSchema = ZCaseTypeSchema.meta({ id: 'PermitType' });

export const ZContractTypeViewSchema = ZContractTypeSchema.extend({
  termsSchema: ZJsonSchemaSchema.openapi({
    description:
      "JSON Schema of the `terms` a draft of this type takes; `clauses`, `payments` and `performanceGuarantee` may be left out and default to this type's template (given as their `default`)",
  }),
}).openapi('ContractType');

export const ZCertificateRefSchema = z
  .object({ number: z.string(), status: z.enum(ISSUED_STATUSES), sha256: z.string(), issuedAt: z.string() })
  .openapi('CertificateRef');

const ZClockActorSchema = z.object({ userId: z.string(), role: z.string() });
const ZPauseEntrySchema = z.object({
  paused: z.string(),
  resumed: z.string().nullable(),
  reason: z.enum(PAUSE_REASONS),
  by: ZClockActorSchema,
  resumedBy: orNull(ZClockActorSchema),
  stageId: z.string().nullable(),
  policy: z.enum(RESUME_POLICIES),
});
const ZCalendarBasisSchema = z.object({ calendarVersion: z.string(), closuresRevision: z.number().int() });

/** The lapse a case keeps on its clock (deemed approval, issue 10 §2). */
const ZCaseLapseSchema = z
  .object({
    at: z.string().openapi({ description: 'The instant of lapse: the case deadline that passed' }),
    recordedAt: z.string(),
    policy: z.enum(LAPSE_POLICIES),
    report: z.object({ sha256: z.string() }),
    deemedApproved: z.boolean(),
    taskId: z.string().nullable().openapi({ description: "`flag`: the administrator's task" }),
  })
  .openapi('CaseLapse');

/** GET /cases/{id}/lapse: the evidence pack of a lapsed case. */
export const ZLapseEvidenceSchema = z
  .object({
    caseId: z.string(),
    registrationNumber: z.string().nullable(),
    typeId: z.string(),
    typeName: z.string(),
    receivedAt: z.string().openapi({ description: 'The receipt instant (the submission)' }),
    completeness: orNull(z.object({ stageId: z.string(), passed: z.boolean(), at: z.string().nullable() })).openapi({ description: 'null when the type has no completeness check' }),
    serviceLevelDays: z.number().int(),
    countedDays: z.array(z.string()),
    skipped: z.array(z.object({ date: z.string(), reason: z.string() })),
    pauses: z.array(ZPauseEntrySchema),
    calendar: ZCalendarBasisSchema,
    lapsedAt: z.string(),
    policy: z.enum(LAPSE_POLICIES),
    legalBasis: z.string(),
    recordedAt: z.string(),
    report: z.object({ sha256: z.string(), url: z.string().openapi({ description: 'The sealed Berita Acara (PDF)' }) }),
  })
  .openapi('LapseEvidence');
const ZClockReadingShape = {
  serviceLevelDays: z.number().int(),
  dueAt: z.string().nullable().openapi({ description: 'null while a pause holds the count' }),
  workingDaysUsed: z.number().int(),
  workingDaysLeft: z.number().int(),
  overdue: z.boolean(),
};

/** The legal clock of a case (issue 10 §2): the pause ledger and each review stage's deadline, read now. */
export const ZCaseClockViewSchema = z
  .object({
    paused: z.boolean(),
    case: z.object(ZClockReadingShape),
    stages: z.array(
      z.object({
        stageId: z.string(),
        stageName: z.string(),
        policy: z.enum(RESUME_POLICIES),
        openedAt: z.string(),
        closedAt: z.string().nullable(),
        ...ZClockReadingShape,
        basis: ZCalendarBasisSchema.optional()
          .openapi({ description: 'The calendar that counted dueAt: the holiday file version and the closures revision (absent before calendar changes)' }),
      }),
    ),
    pauses: z.array(ZPauseEntrySchema),
    lapse: orNull(ZCaseLapseSchema).openapi({ description: 'The whole case deadline passed undecided; null otherwise' }),
  })
  .openapi('CaseClock', { description: 'null for cases started before the pause ledger' });

const ZTrackingPinSchema = z.string().regex(/^\d{6}$/).openapi({ description: 'The tracking PIN: with the registration number it opens /api/v1/public/track and the page /lacak, no account needed' });

export const ZPermitDetailViewSchema = ZPermitDetailSchema.extend({
  certificate: orNull(ZCertificateRefSchema),
  clock: orNull(ZCaseClockViewSchema),
  trackingPin: orNull(ZTrackingPinSchema).openapi({ description: "The applicant's own tracking PIN; null for anyone else" }),
}).openapi('PermitDetailView');

export const ZSubmittedPermitSchema = ZPermitSummarySchema.extend({ trackingPin: ZTrackingPinSchema }).openapi('SubmittedPermit');

/** GET /public/track: where a permit stands, nothing personal. */
export const ZTrackedPermitSchema = z
  .object({
    registrationNumber: z.string(),
    typeId: z.string(),
    typeName: z.object({ id: z.string(), en: z.string() }),
    status: z.enum(CASE_STATUSES),
    submittedAt: z.string(),
    stage: orNull(z.object({ id: z.string(), name: z.string(), dueAt: orNull(z.string()) })),
    dueAt: orNull(z.string()).openapi({ description: 'The whole case deadline (null while the clock is stopped, waiting for the applicant)' }),
    closedAt: orNull(z.string()),
    estimate: orNull(
      z.object({
        issueAt: z.string(),
        basis: z.enum(['recent_cases', 'service_level']),
        basedOn: z.number().int(),
        medianWorkingDays: orNull(z.number()),
      }),
    ).openapi({ description: "Expected issue: the median working days of the type's permits issued in the last half year (at least 3), else its service level; null once closed" }),
    documentNumber: orNull(z.string()).openapi({ description: "The issued permit's public number (its verification page /v/<number>)" }),
  })
  .openapi('TrackedPermit');

/** `nextCursor` of every paged list (api/cursor.ts). */
export const ZNextCursorSchema = z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last' });

/** A page of a list: its items and the cursor of the next page. */
export const cursorPageSchema = <T extends z.ZodTypeAny>(item: T, name: string) => z.object({ items: z.array(item), nextCursor: ZNextCursorSchema }).openapi(name);

export const ZPermitListSchema = cursorPageSchema(ZPermitListItemSchema, 'PermitList');

export const ZSecurityEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.enum(['passphrase_locked', 'tracking_locked', 'calendar_closure_added', 'calendar_closure_removed']),
    userId: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('SecurityEvent');

export const ZTaskAnswerSchema = z
  .object({ task: orNull(ZTaskSchema), case: orNull(ZPermitSummarySchema) })
  .openapi('TaskAnswer');

/** One task of a sign batch: signed (the case as it stands after issuance), or refused with the error it would have had alone. */
export const ZSignBatchItemSchema = z
  .object({
    taskId: z.string(),
    outcome: z.enum(['signed', 'refused']),
    /** Signed: what the case is (its summary has the same shape for a permit, a contract and an addendum). */
    kind: z.enum(CASE_KINDS).optional(),
    case: orNull(ZPermitSummarySchema).optional(),
    /** The issued document's number once the case issued it (a contract waits for the other party's signature). */
    documentNumber: z.string().nullable().optional(),
    error: z
      .object({ status: z.number().int(), code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() })
      .optional()
      .openapi({ description: '404 for a task that is not one of your sign tasks, 409 for one already decided, 400 for a registration number that does not match' }),
  })
  .openapi('SignBatchItem');

export const ZSignBatchAnswerSchema = z
  .object({ signed: z.number().int(), refused: z.number().int(), items: z.array(ZSignBatchItemSchema) })
  .openapi('SignBatchAnswer');

export const ZRevocationAnswerSchema = z
  .object({
    number: z.string(),
    status: z.enum(ISSUED_STATUSES),
    reason: z.string().nullable(),
    reasonCode: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('RevocationAnswer');

export const ZPublicVerificationViewSchema = ZPublicVerificationSchema.extend({
  statusReason: z.string().nullable().optional(),
  statusReasonLabel: z.string().nullable().optional(),
  statusChangedAt: z.string().nullable().optional(),
}).openapi('PublicVerificationView');

/** One changed field between two versions of the terms (domain/contract-diff.ts). */
export const ZTermsDiffEntrySchema = z
  .object({
    path: z.string().openapi({ example: 'items[id=pc].unitPrice' }),
    before: z.unknown().openapi({ description: 'any JSON value; null when the entry was added' }),
    after: z.unknown().openapi({ description: 'any JSON value; null when the entry was removed' }),
  })
  .openapi('TermsDiffEntry');

export const ZContractTermsViewSchema = ZContractTermsSchema.meta({ id: 'ContractTerms' });

export const ZContractSummarySchema = ZPermitSummarySchema.extend({
  title: z.string(),
  vendor: z.string(),
  value: z.number().int(),
}).openapi('ContractSummary');

export const ZContractDetailSchema = ZPermitSummarySchema.extend({
  number: z.string().nullable(),
  flags: z.array(z.string()),
  agreedVersion: z.number().int().nullable(),
  currentTerms: ZContractTermsViewSchema,
  originalTerms: orNull(ZContractTermsViewSchema).optional(),
  addenda: z.array(
    ZPermitSummarySchema.extend({
      sequence: z.number().int(),
      termsVersion: z.number().int(),
      exceptionReason: z.string().nullable(),
    }),
  ),
  versions: z.array(
    z.object({
      version: z.number().int(),
      authorId: z.string(),
      authorRole: z.string(),
      createdAt: z.string(),
      changes: z.array(ZTermsDiffEntrySchema),
    }),
  ),
  signatures: z.array(z.object({ step: z.string(), signer: z.string(), serial: z.string(), signedAt: z.string() })),
  timeline: z.array(ZCaseEventSchema),
  openTasks: z.array(ZTaskSchema),
  clock: orNull(ZCaseClockViewSchema),
}).openapi('ContractDetail');

export const ZContractVersionAnswerSchema = z
  .object({ version: z.number().int(), changes: z.array(ZTermsDiffEntrySchema) })
  .openapi('ContractVersionAnswer');

export const ZAddendumAnswerSchema = z
  .object({
    id: z.string(),
    sequence: z.number().int(),
    termsVersion: z.number().int(),
    cap: z.object({
      cumulativeAdded: z.number().int(),
      cumulativePercent: z.number(),
      capValue: z.number().int(),
      withinCap: z.boolean(),
      increase: z.number().int(),
    }),
    changes: z.array(ZTermsDiffEntrySchema),
  })
  .openapi('AddendumAnswer');

export const ZPublicContractSchema = z
  .object({
    number: z.string(),
    title: z.string(),
    vendor: z.string(),
    value: z.number().int().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    signedAt: z.string(),
    status: z.enum(ISSUED_STATUSES),
    addenda: z.array(z.string()),
  })
  .openapi('PublicContract');

/** One dataset of the open-data catalogue in DCAT (JSON-LD), its columns in CSVW's vocabulary (the data dictionary). */
const ZOpenDatasetMetadataSchema = z
  .object({
    '@id': z.string().openapi({ description: 'The JSON download URL' }),
    '@type': z.literal('dcat:Dataset'),
    'dct:identifier': z.string(),
    'dct:title': z.string(),
    'dct:description': z.string(),
    'dct:publisher': z.object({ '@type': z.literal('foaf:Organization'), 'foaf:name': z.string() }),
    'dct:language': z.string(),
    'dct:license': z.string().openapi({ description: 'Creative Commons Attribution 4.0' }),
    'dct:accrualPeriodicity': z.string().openapi({ description: 'Dublin Core frequency: continuous (counted from the records at each request)' }),
    'dcat:keyword': z.array(z.string()),
    'dcat:distribution': z.array(
      z.object({ '@type': z.literal('dcat:Distribution'), 'dct:format': z.enum(['JSON', 'CSV']), 'dcat:mediaType': z.enum(['application/json', 'text/csv']), 'dcat:downloadURL': z.string() }),
    ),
    'csvw:tableSchema': z.object({
      'csvw:column': z.array(z.object({ 'csvw:name': z.string(), 'csvw:datatype': z.string(), 'csvw:required': z.boolean(), 'dct:description': z.string() })),
    }),
  })
  .openapi('OpenDatasetMetadata');

const ZJsonLdContextSchema = z.record(z.string(), z.string()).openapi({ description: 'The JSON-LD prefixes: dcat, dct, foaf, csvw, xsd' });

export const ZOpenDataCatalogueSchema = z
  .object({
    '@context': ZJsonLdContextSchema,
    '@id': z.string(),
    '@type': z.literal('dcat:Catalog'),
    'dct:title': z.string(),
    'dct:description': z.string(),
    'dct:publisher': z.object({ '@type': z.literal('foaf:Organization'), 'foaf:name': z.string() }),
    'dct:language': z.string(),
    'dct:license': z.string(),
    'dcat:dataset': z.array(ZOpenDatasetMetadataSchema),
  })
  .openapi('OpenDataCatalogue');

const month = z.string().openapi({ description: 'YYYY-MM (UTC month of issue)' });
/** A count under 3 is null with its `…Suppressed` flag true: the column stays a number for whoever sums it. */
const ZIssuedRowSchema = z.object({
  month,
  typeId: z.string(),
  typeName: z.string(),
  kecamatanCode: z.string().nullable(),
  kecamatan: z.string().nullable(),
  issued: z.number().int().nullable(),
  issuedSuppressed: z.boolean(),
});
const ZProcessingRowSchema = z.object({
  month,
  typeId: z.string(),
  typeName: z.string(),
  medianWorkingDays: z.number().nullable(),
  p90WorkingDays: z.number().nullable(),
  onTimeShare: z.number().nullable(),
  suppressed: z.boolean(),
});
const ZRegisterRowSchema = ZPublicContractSchema.extend({
  signedAt: z.string().openapi({ description: 'YYYY-MM-DD' }),
  unit: z.string().nullable().openapi({ description: 'The PPK’s unit (satuan kerja)' }),
});

export const ZOpenDatasetSchema = z
  .object({
    metadata: ZOpenDatasetMetadataSchema.extend({
      '@context': ZJsonLdContextSchema,
      'dct:temporal': z.object({ 'dcat:startDate': month, 'dcat:endDate': month }),
    }),
    rows: z.array(z.union([ZIssuedRowSchema, ZProcessingRowSchema, ZRegisterRowSchema])).openapi({ description: 'izin-terbit, waktu-proses or register-kontrak rows, as the metadata\'s columns say' }),
  })
  .openapi('OpenDataset');

export const ZCaseKindSchema = z.enum(CASE_KINDS);

export const ZLivenessSchema = z.object({ status: z.literal('ok') }).openapi('Liveness');
export const ZReadinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    temporal: z.enum(['ok', 'unavailable']),
    store: z.enum(['ok', 'unavailable']),
  })
  .openapi('Readiness');

/** This document itself: an OpenAPI 3.1 description (its own meta-schema is out of scope here). */
export const ZOpenApiDocumentSchema = z
  .object({ openapi: z.string().regex(/^3\.1\.\d+$/), info: z.object({ title: z.string(), version: z.string() }).passthrough(), paths: z.record(z.string(), z.unknown()) })
  .passthrough()
  .openapi('OpenApiDocument');

/** GET /calendar/deadline (domain/working-time/deadline.ts). */
export const ZDeadlinePreviewSchema = z
  .object({
    dueAt: z.string().nullable().openapi({ description: 'Closing time of the last counted working day; null while an open pause holds the count', example: '2026-12-30T09:00:00.000Z' }),
    countedDays: z.array(z.string()).openapi({ description: 'The working days counted (YYYY-MM-DD), after the last restart under `restart`' }),
    skipped: z
      .array(z.object({ date: z.string(), reason: z.string().openapi({ description: '`weekend`, `holiday:<name>`, `closure:<reason>` or `paused`' }) }))
      .openapi({ description: 'The days after day zero not counted, up to the deadline' }),
    calendarVersion: z.string().openapi({ description: 'The version of templates/calendar.json that computed it' }),
    closuresRevision: z.number().int().openapi({ description: 'The revision of the regional closures counted with (0: none declared yet)' }),
  })
  .openapi('DeadlinePreview');

const ZClosureSchema = z.object({ date: z.string().openapi({ example: '2026-12-24' }), reason: z.string() }).openapi('Closure');

export const ZClosuresSchema = z
  .object({
    revision: z.number().int().openapi({ description: 'Moves on with every closure added or removed; a case remembers the one that counted its deadlines' }),
    calendarVersion: z.string().openapi({ description: 'The version of templates/calendar.json' }),
    items: z.array(ZClosureSchema),
  })
  .openapi('Closures');

export const ZClosureChangeSchema = z
  .object({
    change: z.object({ changeId: z.string(), revision: z.number().int(), action: z.enum(['added', 'removed']), date: z.string(), reason: z.string() }),
    revision: z.number().int(),
    items: z.array(ZClosureSchema).openapi({ description: 'The closures in force after the change' }),
    reprojection: z.object({ workflowId: z.string().openapi({ description: 'The workflow that signals every open case the change could concern' }) }),
  })
  .openapi('ClosureChange');
const ZWorkingDaysSchema = z.number().openapi({ description: 'Working days (the office calendar: weekends, holidays); a statistic may be fractional' });

export const ZSlaStageSchema = z
  .object({
    typeId: z.string(),
    stageId: z.string(),
    stageName: z.string(),
    closed: z.number().int().openapi({ description: 'Stage rounds closed in the range (every task of the round decided, the last decision in the range)' }),
    onTime: z.number().int().openapi({ description: 'Of them, closed by their due time' }),
    onTimeShare: z.number().min(0).max(1).nullable().openapi({ description: 'onTime / closed; null when none closed' }),
    medianWorkingDays: ZWorkingDaysSchema.nullable().openapi({ description: 'Median working days from opening to closing (linear interpolation); null when none closed' }),
    p90WorkingDays: ZWorkingDaysSchema.nullable().openapi({ description: '90th percentile of the same (linear interpolation, PERCENTILE.INC); null when none closed' }),
    open: z.number().int().openapi({ description: 'Rounds open now on running cases' }),
    openByAge: z.array(z.number().int()).openapi({ description: 'Open rounds per age bucket (working days since the round opened), in the order of ageBuckets' }),
  })
  .openapi('SlaStage');

export const ZSlaForecastItemSchema = z
  .object({
    caseId: z.string(),
    registrationNumber: z.string(),
    typeId: z.string(),
    stageId: z.string(),
    stageName: z.string(),
    openedAt: z.string(),
    elapsedWorkingDays: z.number().int(),
    remainingWorkingDays: z.number().int().openapi({ description: 'Median remaining time of past rounds of this stage that lasted at least as long, rounded up; 0 past all of them' }),
    basedOn: z.number().int().openapi({ description: 'Past rounds of the stage in the history window' }),
    expectedFinishAt: z.string(),
    stageDueAt: z.string().nullable(),
    caseDueAt: z.string().nullable(),
    breaches: z.array(z.enum(['stage', 'case'])),
    lateByWorkingDays: z.number().int(),
  })
  .openapi('SlaForecastItem');

export const ZSlaAnalyticsSchema = z
  .object({
    asOf: z.string(),
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
    typeId: z.string().nullable(),
    stageId: z.string().nullable(),
    ageBuckets: z.array(z.object({ from: z.number().int(), to: z.number().int().nullable() })),
    stages: z.array(ZSlaStageSchema),
    forecast: z.object({
      historyFrom: z.string().openapi({ format: 'date' }),
      historyTo: z.string().openapi({ format: 'date' }),
      withoutHistory: z.number().int().openapi({ description: 'Open rounds of stages with no round closed in the history window (not forecast)' }),
      items: z.array(ZSlaForecastItemSchema),
    }),
  })
  .openapi('SlaAnalytics');

/** GET /notices: my reminders and escalations (issue 10 §2), newest first. */
export const ZNoticeListSchema = z
  .object({
    items: z.array(
      z.object({
        caseId: z.string(),
        caseKind: ZCaseKindSchema,
        registrationNumber: z.string(),
        typeId: z.string(),
        stageId: z.string(),
        stageName: z.string(),
        kind: z.enum(STAGE_NOTICES.map((n) => n.kind) as [TStageNoticeKind, ...TStageNoticeKind[]]).openapi({ description: 'reminder_50, reminder_75 (to the role), reminder_90 (its supervisor), escalation (the head of office: the stage is overdue)' }),
        to: z.enum(['role', 'supervisor', 'head']),
        role: z.string().openapi({ description: 'The role it was addressed to (one the caller holds)' }),
        at: z.string().openapi({ description: 'When it fell due: its mark on the stage’s clock' }),
        dueAt: z.string().nullable().openapi({ description: 'The stage’s deadline then (null while stopped)' }),
        stageOpen: z.boolean().openapi({ description: 'The case is still on that stage' }),
        link: z.string().openapi({ description: 'The task page to open (/tugas/:id)' }),
        taskId: z.string().nullable(),
      }),
    ),
    nextCursor: ZNextCursorSchema,
  })
  .openapi('NoticeList');

/** The transparency log (issue 13 §1, api/use-cases/transparency-log.ts): hashes are lowercase hex. */
const ZHex = z.string().regex(/^[0-9a-f]{64}$/);
export const ZSignedTreeHeadSchema = z
  .object({
    treeSize: z.number().int(),
    rootHash: ZHex,
    timestamp: z.string(),
    signature: z.string().openapi({ description: 'base64' }),
    signatureAlgorithm: z.string(),
    certificate: z.string().openapi({ description: "Where the office seal's certificate is published (PEM)" }),
  })
  .openapi('SignedTreeHead');
export const ZLogEntrySchema = z
  .object({
    seq: z.number().int(),
    key: z.string(),
    at: z.string(),
    kind: z.enum(LOG_ENTRY_KINDS),
    action: z.string(),
    actor: z.string(),
    subjects: z.record(z.string(), z.string()),
    contentSha256: ZHex,
    leafHash: ZHex,
  })
  .openapi('LogEntry');
export const ZWithheldLogEntrySchema = z
  .object({ seq: z.number().int(), leafHash: ZHex, withheld: z.literal(true) })
  .openapi('WithheldLogEntry', { description: 'An entry that is not a public act (a case event, a signature, an auditor read…): its place and leaf hash only; auditors read it whole' });
export const ZPublicLogEntrySchema = z.union([ZLogEntrySchema, ZWithheldLogEntrySchema]);
export const ZInclusionProofSchema = z
  .object({ treeSize: z.number().int(), leafIndex: z.number().int(), leafHash: ZHex, rootHash: ZHex, auditPath: z.array(ZHex), entry: ZPublicLogEntrySchema })
  .openapi('InclusionProof');
export const ZConsistencyProofSchema = z
  .object({ first: z.number().int(), second: z.number().int(), firstRootHash: ZHex, secondRootHash: ZHex, proof: z.array(ZHex) })
  .openapi('ConsistencyProof');
export const ZLogEntriesSchema = z.object({ start: z.number().int(), items: z.array(ZPublicLogEntrySchema) }).openapi('LogEntries');
export const ZAuditorLogEntriesSchema = z.object({ start: z.number().int(), items: z.array(ZLogEntrySchema) }).openapi('AuditorLogEntries');
/** A document's issuance entry with its audit path to the latest signed head; null while no head covers it yet. */
export const ZIssuanceInLogSchema = ZInclusionProofSchema.extend({ treeHead: ZSignedTreeHeadSchema }).openapi('IssuanceInLog');
export const ZPublicVerificationWithLogSchema = ZPublicVerificationViewSchema.extend({ transparencyLog: orNull(ZIssuanceInLogSchema) }).openapi('PublicVerificationWithLog');
