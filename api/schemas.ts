import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZCursorId, ZCursorInstant, zCursor, zLimit } from './cursor';
import { CASE_STATUSES, TASK_KINDS, TASK_STATUSES } from '../domain/case';
import { LAPSE_POLICIES, MEDIA_TYPES } from '../domain/case-type.schema';
import { ZCleanText } from '../domain/clean-text';
import { ZContractTermsDraftSchema } from '../domain/contract.schema';
import { ZIsoDateSchema } from '../domain/calendar';
import { ALL_TASK_OUTCOMES } from '../domain/outcome';
import { REVOCATION_REASONS, ZRevocationReasonCodeSchema } from '../domain/revocation';
import type { TTaskOutcome } from '../domain/outcome';
import { ISSUED_STATUSES } from '../store/issuance';
import { CLOSURE_LIMITS } from '../domain/working-time/calendar-change';

extendZodWithOpenApi(z);

/** Request and response shapes of the API: the same schemas validate requests and generate OpenAPI. */

export const ZErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INVALID_INPUT' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

const id = ZCleanText().min(1).max(200);
/** Comments and reasons: several lines allowed. */
const note = ZCleanText({ multiline: true }).trim();
const nik = z.string().regex(/^\d{16}$/, 'NIK is 16 digits');

export const ZApplicantSchema = z
  .object({
    name: ZCleanText().trim().min(1).max(200),
    nik,
    email: z.email(),
    phone: z.string().regex(/^\+?[0-9 ()-]{8,20}$/, 'a phone number of 8 to 20 digits'),
    address: ZCleanText().trim().min(5).max(500),
  })
  .openapi('Applicant');

export const ZSubmitPermitSchema = z
  .object({
    typeId: id,
    applicant: ZApplicantSchema,
    fields: z.record(id, z.unknown()),
    documents: z.record(id, id).default({}),
  })
  .strict()
  .openapi('SubmitPermit');
export type TSubmitPermit = z.infer<typeof ZSubmitPermitSchema>;

export const ZRevisionSchema = z
  .object({
    /** Only the fields that change; `null` removes an optional field (JSON merge patch), a required one is refused. */
    fields: z
      .record(id, z.unknown())
      .default({})
      .openapi({ description: 'Only the fields that change. null removes an optional field (JSON merge patch); null for a required field is a 400 at its path.' }),
    documents: z.record(id, id).default({}),
    comment: note.max(2000).optional(),
  })
  .strict()
  .openapi('Revision');

export const ZWithdrawalSchema = z
  .object({ reason: note.max(2000).optional() })
  .strict()
  .openapi('Withdrawal');

/** Termination of an active contract (pemutusan kontrak): the reason is printed on the notice. */
export const ZTerminationSchema = z
  .object({ reason: note.min(1).max(2000) })
  .strict()
  .openapi('Termination');

export const ZDecisionSchema = z
  .object({
    outcome: z.enum(ALL_TASK_OUTCOMES as [TTaskOutcome, ...TTaskOutcome[]]),
    comment: note.max(4000).optional(),
    /** Only with `sign`: the signer's key passphrase, exchanged at once for a single-use grant. */
    passphrase: z.string().min(1).max(500).optional(),
  })
  .strict()
  .refine((d) => d.outcome !== 'sign' || d.passphrase, { path: ['passphrase'], message: 'required to sign' })
  .openapi('Decision');

/** The most sign tasks one batch takes: a day's certificates of one signer, bounded like every input. */
export const SIGN_BATCH_MAX = 50;

/**
 * Several sign tasks with one passphrase entry (`POST /tasks/signatures`). Each document is still confirmed on
 * its own: the registration number of its case, as the signer saw it on the task and its preview, must match.
 */
export const ZSignBatchSchema = z
  .object({
    /** Checked once for the whole batch (one attempt against the throttle), then one single-use grant per task. */
    passphrase: z.string().min(1).max(500),
    items: z
      .array(
        z
          .object({
            taskId: id,
            registrationNumber: ZCleanText().trim().min(1).max(60).openapi({ description: "The case's registration number as shown with the task and its preview: the confirmation of this document" }),
          })
          .strict(),
      )
      .min(1)
      .max(SIGN_BATCH_MAX)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (seen.has(item.taskId)) ctx.addIssue({ code: 'custom', path: [i, 'taskId'], message: 'this task is already in the batch' });
          seen.add(item.taskId);
        });
      }),
  })
  .strict()
  .openapi('SignBatch');
export type TSignBatch = z.infer<typeof ZSignBatchSchema>;

export const ZRevocationSchema = z
  .object({
    reasonCode: ZRevocationReasonCodeSchema.meta({
      description: `The reason the public reads: ${Object.entries(REVOCATION_REASONS).map(([code, label]) => `${code} (${label})`).join(', ')}`,
    }),
    reason: note.min(5).max(2000).openapi({ description: "The administrator's note: internal, never in a public answer" }),
  })
  .strict()
  .openapi('Revocation');

export const ZPublicVerificationSchema = z
  .object({
    status: z.enum(ISSUED_STATUSES),
    number: z.string(),
    type: z.string(),
    holder: z.string().openapi({ description: 'masked' }),
    issuedAt: z.string(),
    sha256: z.string(),
    signer: z.string(),
    /** Only when not valid. Revoked: the public reason code (never the administrator's note), with its label. */
    statusReason: z.string().nullable().optional(),
    statusReasonLabel: z.string().nullable().optional(),
    statusChangedAt: z.string().nullable().optional(),
  })
  .openapi('PublicVerification');

export const ZUploadVerificationSchema = z
  .object({
    sha256: z.string(),
    register: z.union([ZPublicVerificationSchema, z.null()]),
    signatures: z.array(
      z.object({
        index: z.number().int(),
        signerName: z.string(),
        certificateSerial: z.string(),
        signedAt: z.string().nullable(),
        digestMatches: z.boolean(),
        signatureValid: z.boolean(),
        chainTrusted: z.boolean(),
        revoked: z.boolean(),
        coversWholeFile: z.boolean(),
      }),
    ),
    valid: z.boolean(),
  })
  .openapi('UploadVerification');

export const ZListPermitsQuerySchema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  typeId: id.optional(),
  limit: zLimit(),
  cursor: zCursor('permits', z.tuple([ZCursorInstant, ZCursorId])).optional(),
});

/** `GET /contracts` and the page /kontrak: newest first, a page at a time. */
export const ZListContractsQuerySchema = z.object({
  limit: zLimit(),
  cursor: zCursor('contracts', z.tuple([ZCursorInstant, ZCursorId])).optional(),
});

/** `GET /public/contracts` and the page /register-kontrak: words to find, newest first, a page at a time. */
export const ZRegisterQuerySchema = z.object({
  query: z.string().max(200).optional(),
  limit: zLimit(),
  cursor: zCursor('register', z.tuple([ZCursorInstant, ZCursorId])).optional(),
});

export const ZDocumentSchema = z
  .object({
    id: z.string(),
    sha256: z.string(),
    bytes: z.number().int(),
    mediaType: z.enum(MEDIA_TYPES),
    name: z.string(),
  })
  .openapi('Document');

export const ZDocumentRefSchema = z.object({ id: z.string(), sha256: z.string() });

export const ZTaskSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    registrationNumber: z.string().optional(),
    typeId: z.string().optional(),
    stageId: z.string(),
    stageName: z.string(),
    role: z.string(),
    status: z.enum(TASK_STATUSES),
    assignee: z.string().nullable(),
    kind: z.enum(TASK_KINDS),
    outcome: z.enum(ALL_TASK_OUTCOMES as [TTaskOutcome, ...TTaskOutcome[]]).nullable(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    dueAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('Task');

export const ZCaseEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string(),
    role: z.string(),
    action: z.string(),
    stageId: z.string().nullable(),
    comment: z.string().nullable(),
  })
  .openapi('CaseEvent');

export const ZPermitSummarySchema = z
  .object({
    id: z.string(),
    registrationNumber: z.string(),
    typeId: z.string(),
    status: z.enum(CASE_STATUSES),
    stage: z.object({ id: z.string(), name: z.string(), dueAt: z.string().nullable() }).nullable(),
    submittedAt: z.string(),
    dueAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .openapi('PermitSummary');

/** How lists show an applicant: the name and the masked NIK (`6171********0001`), nothing else. */
export const ZMaskedApplicantSchema = z.object({ name: z.string(), nik: z.string() }).openapi('MaskedApplicant');
// A union, not .nullable(): zod-to-openapi renders a nullable named schema as an allOf that null cannot satisfy.
export const ZPermitListItemSchema = ZPermitSummarySchema.extend({ applicant: z.union([ZMaskedApplicantSchema, z.null()]) }).openapi('PermitListItem');

export const ZPermitDetailSchema = ZPermitSummarySchema.extend({
  applicant: ZApplicantSchema.partial().optional(),
  fields: z.record(z.string(), z.unknown()),
  documents: z.record(z.string(), ZDocumentRefSchema),
  outcomeReason: z.string().nullable(),
  timeline: z.array(ZCaseEventSchema),
  openTasks: z.array(ZTaskSchema),
}).openapi('PermitDetail');

export const ZAdminCaseSchema = ZPermitListItemSchema.extend({
  kind: z.string(),
  /** Working days since submission, for a closed case from submission to its closing. */
  ageWorkingDays: z.number().int(),
  overdue: z.boolean(),
  /** A permit whose legal deadline passed undecided (domain/engine/lapse-mark.ts); null otherwise. */
  lapse: z
    .object({ state: z.enum(['past_deadline', 'lapsed', 'deemed_approved']), at: z.string(), policy: z.enum(LAPSE_POLICIES).nullable() })
    .nullable(),
}).openapi('AdminCase');

export const ZContractDraftSchema = z
  .object({
    typeId: id,
    /** Clauses, payments and guarantee default from the type's template (see GET /contract-types/{id}). */
    terms: ZContractTermsDraftSchema,
  })
  .strict()
  .openapi('ContractDraft');

export const ZContractVersionSchema = z
  .object({
    /** Clauses, payments and guarantee left out are kept from the version on the table. */
    terms: ZContractTermsDraftSchema,
  })
  .strict()
  .openapi('ContractVersion');

export const ZAdminCasesQuerySchema = z
  .object({
    /** `stuck`: only open cases whose workflow task keeps failing (a workflow bug), found by describing each. */
    problem: z.enum(['stuck']).optional(),
    limit: zLimit(),
    /** nextCursor of the previous page (its shape depends on `problem`, checked by the use case). */
    cursor: z.string().max(600).optional(),
  })
  .strict();

/** An ISO 8601 instant with its offset or Z; a `+` sent unencoded reaches us as a space and is read back as `+`. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export function parseInstant(text: string): Date | null {
  const m = ISO_INSTANT.exec(text.trim().replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (!m) return null;
  const t = Date.parse(m[0]);
  // Date.parse takes 2026-02-30 for March 2nd: the date must be a calendar date as written.
  const date = m[1]!;
  const realDate = Number.isFinite(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
  return Number.isFinite(t) && realDate ? new Date(t) : null;
}
const instantParam = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== null, 'expected an ISO 8601 instant with its offset, e.g. 2026-07-06T09:00:00+07:00');

/** GET /calendar/deadline: the rule's inputs as query parameters (issue 10 §1); api/routes/calendar.route.ts reads them. */
export const ZDeadlineQuerySchema = z
  .object({
    receivedAt: instantParam.openapi({ description: 'When the file was received (its local date is day zero)', example: '2026-12-23T10:00:00+07:00' }),
    workingDays: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 1 to 365')
      .refine((s) => Number(s) >= 1 && Number(s) <= 365, 'a whole number from 1 to 365')
      .openapi({ description: 'The service level in working days (1–365)', example: '3' }),
    pauses: z
      .string()
      .max(8000)
      .optional()
      .openapi({
        description: 'Comma-separated pauses `<from>/<to>` (ISO instants, [from, to)); the last may be open, `<from>/`. At most 100, none overlapping, none before receivedAt',
        example: '2026-12-28T09:00:00+07:00/2026-12-30T11:00:00+07:00',
      }),
    policy: z.enum(['continue', 'restart']).optional().openapi({ description: 'On resumption, the count goes on (`continue`, the default) or starts again with the resumption as day zero (`restart`)' }),
  })
  .strict();

/** The CSV tables of GET /admin/sla (with `Accept: text/csv`): per type and stage, or the breach forecast. */
export const SLA_CSV_TABLES = ['stages', 'forecast'] as const;

/** A type or stage id as the catalogues write them. */
const catalogueId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected an id of lower-case letters, digits, _ and - (at most 64)');

export const ZAdminSlaQuerySchema = z
  .object({
    from: ZIsoDateSchema.optional().openapi({ description: 'First local date of the range (default: 89 days before `to`); the range spans at most 366 days.' }),
    to: ZIsoDateSchema.optional().openapi({ description: 'Last local date of the range, included (default: today, office time).' }),
    typeId: catalogueId.optional(),
    stageId: catalogueId.optional(),
    table: z.enum(SLA_CSV_TABLES).optional().openapi({ description: 'With `Accept: text/csv`: which table (default `stages`); ignored for JSON.' }),
  })
  .strict();

/** A regional closure to declare (issue 10 §3): a calendar date and why the office closes. */
export const ZClosureBodySchema = z
  .object({
    // The local date the office closes (YYYY-MM-DD), at most a year back and two years ahead.
    date: ZIsoDateSchema,
    reason: z.string().trim().min(1).max(CLOSURE_LIMITS.maxReasonLength).openapi({ example: 'Banjir di kompleks perkantoran' }),
  })
  .strict()
  .openapi('ClosureBody');
