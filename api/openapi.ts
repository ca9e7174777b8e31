import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZAddendumChangeSchema } from '../domain/kinds/addendum/addendum.change';
import { MEDIA_TYPES } from '../domain/case-type.schema';
import {
  ZAddendumAnswerSchema,
  ZContractDetailSchema,
  ZContractSummarySchema,
  ZContractTypeViewSchema,
  ZContractVersionAnswerSchema,
  cursorPageSchema,
  ZClosureChangeSchema,
  ZClosuresSchema,
  ZDeadlinePreviewSchema,
  ZLapseEvidenceSchema,
  ZLivenessSchema,
  ZNextCursorSchema,
  ZNoticeListSchema,
  ZOpenApiDocumentSchema,
  ZPermitDetailViewSchema,
  ZPermitListSchema,
  ZPermitTypeSchema,
  ZPublicContractSchema,
  ZOpenDataCatalogueSchema,
  ZOpenDatasetSchema,
  ZSecurityEventSchema,
  ZSlaAnalyticsSchema,
  ZPublicVerificationWithLogSchema,
  ZReadinessSchema,
  ZRevocationAnswerSchema,
  ZTaskAnswerSchema,
  ZSignBatchAnswerSchema,
  ZSubmittedPermitSchema,
  ZTrackedPermitSchema,
  ZConsistencyProofSchema,
  ZInclusionProofSchema,
  ZLogEntriesSchema,
  ZAuditorLogEntriesSchema,
  ZSignedTreeHeadSchema,
} from './response-schemas';
import { ZTrackQuerySchema } from './use-cases/tracking';
import { DATASET_IDS } from '../domain/open-data';
import {
  ZAdminCaseSchema,
  ZAdminCasesQuerySchema,
  ZAdminSlaQuerySchema,
  ZClosureBodySchema,
  ZContractDraftSchema,
  ZContractVersionSchema,
  ZDeadlineQuerySchema,
  ZDecisionSchema,
  ZSignBatchSchema,
  ZDocumentSchema,
  ZErrorSchema,
  ZListContractsQuerySchema,
  ZListPermitsQuerySchema,
  ZPermitSummarySchema,
  ZRegisterQuerySchema,
  ZRevisionSchema,
  ZRevocationSchema,
  ZUploadVerificationSchema,
  ZSubmitPermitSchema,
  ZTaskSchema,
  ZTerminationSchema,
  ZWithdrawalSchema,
} from './schemas';

import { ZCodecPayloadsSchema } from './routes/codec.route';
import { ZNoticesQuerySchema } from './use-cases/notices';
import { ZInboxQuerySchema } from './use-cases/tasks';
import { ZAcknowledgementSchema, ZAuditCaseExportSchema, ZAuditExportQuerySchema, ZFindingListSchema, ZFindingsQuerySchema, ZFindingViewSchema } from './use-cases/audit';
import { ZConsistencyQuerySchema, ZEntriesQuerySchema, ZInclusionQuerySchema } from './use-cases/transparency-log';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const pdf = (description: string) => ({ description, content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } });
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string().openapi({ description: 'UTF-8 with a byte-order mark, CRLF line ends; cells a spreadsheet would read as formulas start with an apostrophe' }) } } });
const pem = (description: string) => ({ description, content: { 'application/x-pem-file': { schema: z.string() } } });
/** The months of an open dataset (validated by domain/open-data.ts monthsAskedSchema, which depends on today). */
const ZOpenDataMonthsQuerySchema = z.object({
  from: z.string().optional().openapi({ example: '2026-01' }),
  to: z.string().optional().openapi({ example: '2026-12' }),
});
const multipartFile = { content: { 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } };

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input, with the path of each bad field',
  401: 'No valid Bearer token',
  403: 'The caller lacks the role',
  404: 'Not found (also for cases the caller may not see)',
  409: 'The task is closed or the case is not in a state that allows this',
  413: 'The body or file is too large',
  415: 'Not an accepted file type',
  422: 'Refused: a parsed upload (PDF_ACTIVE_CONTENT, PDF_MALFORMED, PDF_TOO_LARGE_INFLATED, IMAGE_TOO_LARGE, …) or an Idempotency-Key reused with a different body (IDEMPOTENCY_KEY_REUSED)',
  423: 'Signing locked after too many wrong passphrases (LOCKED); Retry-After says when to try again',
  429: 'Too many requests, passphrase attempts or uploads (TOO_MANY_REQUESTS, UPLOAD_QUOTA_EXCEEDED); Retry-After says when to try again',
  500: 'Internal error (no details)',
  503: 'A dependency (Temporal, the certificate authority) or the case itself is unavailable; retry later',
} as const;
type TErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Error responses, all with the one error body. Every route can answer 500, and 429 from the rate limits. */
const errors = (...statuses: TErrorStatus[]) =>
  Object.fromEntries([...statuses, 429, 500].map((s) => [s, json(ZErrorSchema, ERROR_DESCRIPTIONS[s as TErrorStatus])]));
/** A route behind the Bearer token, with a JSON body, acting on a case's workflow. */
const AUTH: TErrorStatus[] = [401];
const BODY: TErrorStatus[] = [400, 413];
const CASE_UPDATE: TErrorStatus[] = [...AUTH, ...BODY, 403, 404, 409, 503];

const idParam = z.object({ id: z.string() });
const jsonBody = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

const ROUTES: RouteConfig[] = [
  { method: 'get', path: '/openapi.json', summary: 'This document', security: [], responses: { 200: json(ZOpenApiDocumentSchema, 'The OpenAPI 3.1 document'), ...errors() } },
  { method: 'get', path: '/permit-types', summary: 'List permit types', security: [], responses: { 200: json(z.object({ items: z.array(ZPermitTypeSchema) }), 'Permit types'), ...errors() } },
  { method: 'get', path: '/permit-types/{id}', summary: 'One permit type', security: [], request: { params: idParam }, responses: { 200: json(ZPermitTypeSchema, 'The permit type'), ...errors(404) } },
  {
    method: 'get',
    path: '/contract-types',
    summary: 'List contract types: templates (clauses, payments, guarantee) and the JSON Schema of their terms',
    security: [],
    responses: { 200: json(z.object({ items: z.array(ZContractTypeViewSchema) }), 'Contract types'), ...errors() },
  },
  { method: 'get', path: '/contract-types/{id}', summary: 'One contract type', security: [], request: { params: idParam }, responses: { 200: json(ZContractTypeViewSchema, 'The contract type'), ...errors(404) } },
  {
    method: 'post',
    path: '/documents',
    summary: 'Upload a document (PDF, PNG or JPEG, parsed in an isolated process; active content, bombs and oversized images refused; daily quota per user)',
    request: { body: multipartFile },
    responses: { 201: json(ZDocumentSchema, 'Stored'), ...errors(...AUTH, ...BODY, 415, 422, 429) },
  },
  {
    method: 'post',
    path: '/permits',
    summary: 'Submit a permit application',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      body: jsonBody(ZSubmitPermitSchema),
    },
    responses: { 201: json(ZSubmittedPermitSchema, 'Registered, with its registration number and the tracking PIN'), ...errors(...AUTH, ...BODY, 403, 409, 422, 503) },
  },
  { method: 'get', path: '/permits', summary: 'List the permits the caller may read (own applications; staff: cases they act or acted on; admin: all), newest first, applicants masked; a page of `limit` (at most 200), `nextCursor` continues', request: { query: ZListPermitsQuerySchema }, responses: { 200: json(ZPermitListSchema, 'Permits'), ...errors(...AUTH, 400) } },
  { method: 'get', path: '/permits/{id}', summary: 'A permit with its timeline and open tasks', request: { params: idParam }, responses: { 200: json(ZPermitDetailViewSchema, 'The permit'), ...errors(...AUTH, 404) } },
  { method: 'post', path: '/permits/{id}/revisions', summary: 'Revise fields or documents after a request for changes', request: { params: idParam, body: jsonBody(ZRevisionSchema) }, responses: { 200: json(ZPermitDetailViewSchema, 'Revised'), ...errors(...CASE_UPDATE) } },
  { method: 'post', path: '/permits/{id}/withdrawal', summary: 'Withdraw an application', request: { params: idParam, body: jsonBody(ZWithdrawalSchema) }, responses: { 200: json(ZPermitDetailViewSchema, 'Withdrawn'), ...errors(...CASE_UPDATE) } },
  { method: 'get', path: '/permits/{id}/certificate.pdf', summary: 'The signed certificate of an issued permit', request: { params: idParam }, responses: { 200: pdf('PDF'), ...errors(...AUTH, 404) } },
  { method: 'get', path: '/cases/{id}/lapse', summary: 'The evidence pack of a permit whose whole deadline lapsed undecided (deemed approval); 404 before a lapse', request: { params: idParam }, responses: { 200: json(ZLapseEvidenceSchema, 'The evidence'), ...errors(...AUTH, 404) } },
  { method: 'get', path: '/cases/{id}/lapse.pdf', summary: 'The Berita Acara Lewat Waktu Layanan of a lapsed case, sealed with the office seal', request: { params: idParam }, responses: { 200: pdf('PDF'), ...errors(...AUTH, 404) } },
  {
    method: 'get',
    path: '/tasks',
    summary: "Open tasks for the caller's roles, earliest due first, filtered by type, stage, overdue or a part of the registration number; a page of `limit` (at most 200), `nextCursor` continues",
    request: { query: ZInboxQuerySchema },
    responses: { 200: json(cursorPageSchema(ZTaskSchema, 'TaskList'), 'Tasks'), ...errors(...AUTH, 400) },
  },
  {
    method: 'get',
    path: '/notices',
    summary: "Reminders and escalations addressed to the caller's roles in the last 30 days, newest first (a page of at most 100; nextCursor continues)",
    request: { query: ZNoticesQuerySchema },
    responses: { 200: json(ZNoticeListSchema, 'Notices'), ...errors(...AUTH, 400) },
  },
  { method: 'post', path: '/tasks/{id}/claim', summary: 'Claim a task', request: { params: idParam }, responses: { 200: json(ZTaskAnswerSchema, 'Claimed'), ...errors(...CASE_UPDATE) } },
  { method: 'post', path: '/tasks/{id}/release', summary: 'Release a task I claimed', request: { params: idParam }, responses: { 200: json(ZTaskAnswerSchema, 'Released'), ...errors(...CASE_UPDATE) } },
  { method: 'get', path: '/tasks/{id}/preview.pdf', summary: 'The certificate a sign task will sign, without its number (signer only)', request: { params: idParam }, responses: { 200: pdf('PDF preview'), ...errors(...AUTH, 404) } },
  { method: 'post', path: '/tasks/{id}/decision', summary: 'Decide a task', request: { params: idParam, body: jsonBody(ZDecisionSchema) }, responses: { 200: json(ZTaskAnswerSchema, 'Decided'), ...errors(...CASE_UPDATE, 423) } },
  {
    method: 'post',
    path: '/tasks/signatures',
    summary:
      'Sign several of my sign tasks (at most 50) with one passphrase entry: each task is looked at first (one that is not an open sign task of mine costs no passphrase attempt), then the passphrase is checked once (403 when wrong, and nothing is signed), then each signable task is signed with its own grant and confirmed by its registration number; an answer per task (signed, or refused with 404 when it is not one of my sign tasks, 409 when already decided)',
    request: { headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: jsonBody(ZSignBatchSchema) },
    responses: { 200: json(ZSignBatchAnswerSchema, 'An outcome per task, in the order sent; with an Idempotency-Key a repeat gets the first answer'), ...errors(...AUTH, ...BODY, 403, 422, 423) },
  },
  {
    method: 'get',
    path: '/admin/security-events',
    summary: 'Security events for administrators (signers locked out after wrong passphrases), newest first',
    responses: { 200: json(z.object({ items: z.array(ZSecurityEventSchema) }), 'Events'), ...errors(...AUTH, 403) },
  },
  {
    method: 'get',
    path: '/admin/cases',
    summary: 'Open cases with age and due dates, overdue first (admin); `problem=stuck`: only those whose workflow keeps failing, by case id; a page of `limit` (at most 200), `nextCursor` continues',
    request: { query: ZAdminCasesQuerySchema },
    responses: { 200: json(z.object({ asOf: z.string(), items: z.array(ZAdminCaseSchema), nextCursor: ZNextCursorSchema }), 'Open cases'), ...errors(...AUTH, 400, 403) },
  },
  {
    method: 'get',
    path: '/admin/sla',
    summary:
      'Service-level analytics (admin): per type and stage, the stages closed in the range (local dates, at most 366 days, default the last 90), their on-time share and the median and 90th percentile of working days used, the open ones by age; and the breach forecast of open stages (median remaining time of the stage over the last 90 days). `Accept: text/csv` answers one table: `table=stages` (default) or `table=forecast`',
    request: { query: ZAdminSlaQuerySchema },
    responses: { 200: { description: 'The analytics, or one table as CSV', content: { ...json(ZSlaAnalyticsSchema, '').content, ...csv('').content } }, ...errors(...AUTH, 400, 403) },
  },
  {
    method: 'get',
    path: '/documents/{id}',
    summary: 'Download an uploaded document (its uploader; staff acting on a case that uses it; admin)',
    request: { params: idParam },
    responses: {
      200: {
        description: 'The file, with its media type',
        content: Object.fromEntries(MEDIA_TYPES.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }])),
      },
      ...errors(...AUTH, 404),
    },
  },
  { method: 'post', path: '/admin/permits/{id}/revocation', summary: 'Revoke an issued permit (admin)', request: { params: idParam, body: jsonBody(ZRevocationSchema) }, responses: { 200: json(ZRevocationAnswerSchema, 'Revoked'), ...errors(...AUTH, ...BODY, 403, 404, 409) } },
  {
    method: 'get',
    path: '/public/verify/{number}',
    summary: 'Public: the register entry of an issued document (holder masked)',
    security: [],
    request: { params: z.object({ number: z.string() }), query: z.object({ code: z.string().optional() }) },
    responses: { 200: json(ZPublicVerificationWithLogSchema, 'Register entry, with the inclusion proof of its issuance in the transparency log (null until a signed head covers it)'), ...errors(404) },
  },
  {
    method: 'post',
    path: '/public/verify',
    summary: 'Public: verify an uploaded PDF (every signature, the chain, revocation, the register)',
    security: [],
    request: { body: multipartFile },
    responses: { 200: json(ZUploadVerificationSchema, 'Verification report'), ...errors(...BODY, 415, 503) },
  },
  {
    method: 'get',
    path: '/public/track',
    summary: "Public: where a permit application stands, by its registration number and the receipt's tracking PIN (no account; nothing personal); wrong PINs for a number are throttled (429, then 423 for an hour)",
    security: [],
    request: { query: ZTrackQuerySchema },
    responses: { 200: json(ZTrackedPermitSchema, 'Status, stage, deadlines and the expected issue date'), ...errors(400, 404, 423, 429) },
  },
  { method: 'get', path: '/public/ca.pem', summary: "Public: the office's root certificate", security: [], responses: { 200: pem('PEM'), ...errors(404) } },
  { method: 'get', path: '/public/crl.pem', summary: 'Public: the revocation list of signer certificates (signed, empty when nothing is revoked)', security: [], responses: { 200: pem('PEM'), ...errors(503) } },
  {
    method: 'get',
    path: '/public/log/tree-head',
    summary: "Public: the transparency log's latest tree head, signed with the office seal (RSA-SHA256 over the RFC 8785 JSON of {treeSize, rootHash, timestamp})",
    security: [],
    responses: { 200: json(ZSignedTreeHeadSchema, 'The latest signed tree head'), ...errors(503) },
  },
  {
    method: 'get',
    path: '/public/log/proof/inclusion',
    summary: 'Public: the RFC 6962 audit path of one log entry (by leafIndex or leafHash) in the tree of treeSize entries (default: the latest signed head)',
    security: [],
    request: { query: ZInclusionQuerySchema },
    responses: { 200: json(ZInclusionProofSchema, 'The entry, its leaf hash and its audit path'), ...errors(400, 404, 503) },
  },
  {
    method: 'get',
    path: '/public/log/proof/consistency',
    summary: 'Public: the RFC 6962 consistency proof between the trees of `first` and `second` entries, with both roots',
    security: [],
    request: { query: ZConsistencyQuerySchema },
    responses: { 200: json(ZConsistencyProofSchema, 'The proof'), ...errors(400) },
  },
  {
    method: 'get',
    path: '/public/log/entries',
    summary: 'Public: log entries start ≤ seq < end (at most 100): a public act (issuance, document status, calendar change, PKI) with what recomputes its leaf; any other entry (it names applicants or staff) as its place and leaf hash only',
    security: [],
    request: { query: ZEntriesQuerySchema },
    responses: { 200: json(ZLogEntriesSchema, 'The entries'), ...errors(400) },
  },
  { method: 'get', path: '/public/log/seal.pem', summary: "Public: the office seal's certificate, which verifies the tree heads", security: [], responses: { 200: pem('PEM'), ...errors(503) } },
  {
    method: 'post',
    path: '/admin/log/tree-head',
    summary: 'Sign and publish a tree head now (admin; the worker also signs one at least daily; logged as an administrator action; a repeated Idempotency-Key gets the same head and logs once); 409 when the log no longer gives its last signed head',
    request: { headers: z.object({ 'Idempotency-Key': z.string().optional() }) },
    responses: { 201: json(ZSignedTreeHeadSchema, 'Signed and published'), ...errors(...AUTH, 400, 403, 409, 503) },
  },
  {
    method: 'post',
    path: '/contracts',
    summary: 'Draft a contract from a contract type (PPK); legal review follows',
    request: { headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: jsonBody(ZContractDraftSchema) },
    responses: { 201: json(ZPermitSummarySchema, 'Registered'), ...errors(...AUTH, ...BODY, 403, 409, 422, 503) },
  },
  {
    method: 'get',
    path: '/contracts',
    summary: 'Contracts the caller may read (PPK and legal of the unit, the vendor, admin), newest first; a page of `limit` (at most 200), `nextCursor` continues',
    request: { query: ZListContractsQuerySchema },
    responses: { 200: json(cursorPageSchema(ZContractSummarySchema, 'ContractList'), 'Contracts'), ...errors(...AUTH, 400) },
  },
  {
    method: 'get',
    path: '/contracts/{id}',
    summary: 'A contract: current and original terms, versions with diffs (semula → menjadi), addenda, signatures, timeline',
    request: { params: idParam },
    responses: { 200: json(ZContractDetailSchema, 'The contract'), ...errors(...AUTH, 404) },
  },
  {
    method: 'post',
    path: '/contracts/{id}/versions',
    summary: "A new version of the terms: the vendor's proposal, the PPK's counter-proposal, or the PPK's revision after legal review; a repeated Idempotency-Key gets the first answer and stores no second version",
    request: { params: idParam, headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: jsonBody(ZContractVersionSchema) },
    responses: { 201: json(ZContractVersionAnswerSchema, 'Stored and proposed'), ...errors(...CASE_UPDATE) },
  },
  { method: 'post', path: '/contracts/{id}/withdrawal', summary: 'End a contract before it is signed (its PPK)', request: { params: idParam, body: jsonBody(ZWithdrawalSchema) }, responses: { 200: json(ZPermitSummarySchema, 'Ended'), ...errors(...CASE_UPDATE) } },
  { method: 'post', path: '/contracts/{id}/termination', summary: 'Ask to terminate an active contract (its PPK): legal review decides; on approval it ends `terminated` with a notice', request: { params: idParam, body: jsonBody(ZTerminationSchema) }, responses: { 202: json(ZPermitSummarySchema, 'Termination under legal review'), ...errors(...CASE_UPDATE) } },
  { method: 'get', path: '/contracts/{id}/termination.pdf', summary: 'The termination notice (Surat Pemutusan Kontrak) of a terminated contract, to its parties', request: { params: idParam }, responses: { 200: pdf('PDF'), ...errors(...AUTH, 404) } },
  { method: 'get', path: '/contracts/{id}/document.pdf', summary: 'The signed contract, or a watermarked draft of the latest version', request: { params: idParam }, responses: { 200: pdf('PDF'), ...errors(...AUTH, 404) } },
  {
    method: 'post',
    path: '/contracts/{id}/addenda',
    summary: 'Propose an addendum (PPK); above the 10% cap only with an exceptionReason the head of office approves; a repeated Idempotency-Key gets the first answer (the same addendum)',
    request: { params: idParam, headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: jsonBody(ZAddendumChangeSchema) },
    responses: { 201: json(ZAddendumAnswerSchema, 'Started as a child of the contract'), ...errors(...CASE_UPDATE) },
  },
  {
    method: 'post',
    path: '/contracts/{id}/addenda/{addendumId}/withdrawal',
    summary: 'Withdraw an addendum not yet approved (its PPK), e.g. after legal asked for changes; the contract then takes a new addendum',
    request: { params: z.object({ id: z.string(), addendumId: z.string() }), body: jsonBody(ZWithdrawalSchema) },
    responses: { 200: json(ZPermitSummarySchema, 'Withdrawn'), ...errors(...CASE_UPDATE) },
  },
  {
    method: 'get',
    path: '/public/contracts',
    summary: 'Public: the contract register (number, title, vendor, value, dates, addenda), newest first, searched by `query`; a page of `limit` (at most 200), `nextCursor` continues',
    security: [],
    request: { query: ZRegisterQuerySchema },
    responses: { 200: json(cursorPageSchema(ZPublicContractSchema, 'ContractRegister'), 'Register'), ...errors(400) },
  },
  {
    method: 'get',
    path: '/public/data',
    summary: 'Public: the open-data catalogue (DCAT in JSON-LD): every dataset with its licence, update frequency, JSON and CSV downloads and data dictionary',
    security: [],
    responses: { 200: json(ZOpenDataCatalogueSchema, 'Catalogue'), ...errors() },
  },
  // The CSV route first: its template is the more specific of the two for a path ending in .csv.
  {
    method: 'get',
    path: '/public/data/{id}.csv',
    summary: 'Public: one open dataset as CSV, the same rows as the JSON (a suppressed count reads "<3", lists are joined by "; ")',
    security: [],
    request: { params: z.object({ id: z.enum(DATASET_IDS) }), query: ZOpenDataMonthsQuerySchema },
    responses: { 200: csv('CSV'), ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/public/data/{id}',
    summary: 'Public: one open dataset for `from`–`to` (months YYYY-MM, at most 36; by default the last twelve): its DCAT metadata and rows. No personal data: counts under 3 are suppressed',
    security: [],
    request: { params: z.object({ id: z.enum(DATASET_IDS) }), query: ZOpenDataMonthsQuerySchema },
    responses: { 200: json(ZOpenDatasetSchema, 'Metadata and rows'), ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/calendar/deadline',
    summary: 'Public: the deadline of N working days from a receipt instant, with pauses, under the office calendar (WIB, office hours, named holidays); every counted and skipped day',
    security: [],
    request: { query: ZDeadlineQuerySchema },
    responses: { 200: json(ZDeadlinePreviewSchema, 'The deadline, the days counted and the days skipped with why'), ...errors(400) },
  },
  {
    method: 'get',
    path: '/calendar/closures',
    summary: 'Public: the regional closures declared at run time (each a non-working day for every deadline) and their revision',
    security: [],
    responses: { 200: json(ZClosuresSchema, 'The closures in force'), ...errors() },
  },
  {
    method: 'post',
    path: '/admin/calendar/closures',
    summary: 'Declare a regional closure (admin; recorded as an admin event): every open case whose deadlines it could move re-counts them and records what moved',
    request: { body: { content: { 'application/json': { schema: ZClosureBodySchema } } } },
    responses: { 201: json(ZClosureChangeSchema, 'Declared; the re-projection has started'), ...errors(...AUTH, 400, 403, 409) },
  },
  {
    method: 'delete',
    path: '/admin/calendar/closures/{date}',
    summary: 'Withdraw a regional closure (admin; recorded as an admin event): open cases re-count their deadlines without it',
    request: { params: z.object({ date: z.string().openapi({ example: '2026-12-24' }) }) },
    responses: { 200: json(ZClosureChangeSchema, 'Withdrawn; the re-projection has started'), ...errors(...AUTH, 400, 403, 404) },
  },
  ...(['decode', 'encode'] as const).map(
    (direction): RouteConfig => ({
      method: 'post',
      path: `/codec/${direction}`,
      summary: `Codec server for the Temporal Web UI and CLI (admin): ${direction}s workflow payloads (the codec server protocol: proto3 JSON, bytes base64) with the installation's AES-256-GCM key ring. CORS only for SAHKAN_CODEC_CORS_ORIGIN`,
      request: { body: jsonBody(ZCodecPayloadsSchema.openapi('CodecPayloads')) },
      responses: { 200: json(ZCodecPayloadsSchema, `The payloads, ${direction}d`), ...errors(...AUTH, ...BODY, 403) },
    }),
  ),
  {
    method: 'get',
    path: '/audit/findings',
    summary:
      'Anomaly findings of the Inspektorat\'s rules with their evidence, newest first (auditors, admin); filter by `rule`, `status` (open, acknowledged), `caseId`, the case\'s `kind` and `typeId`, and the local dates first seen `from`–`to` (both included); a page of `limit`, `nextCursor` continues; `counts` per rule over the same filters but `rule`',
    request: { query: ZFindingsQuerySchema },
    responses: { 200: json(ZFindingListSchema.openapi('FindingList'), 'Findings'), ...errors(...AUTH, 400, 403) },
  },
  {
    method: 'post',
    path: '/audit/findings/{id}/acknowledgement',
    summary: 'Acknowledge a finding with a note (auditors; once), logged in the transparency log',
    request: { params: idParam, body: jsonBody(ZAcknowledgementSchema) },
    responses: { 200: json(ZFindingViewSchema, 'Acknowledged'), ...errors(...AUTH, ...BODY, 403, 404, 409) },
  },
  ...(['json', 'csv'] as const).map(
    (format): RouteConfig => ({
      method: 'get',
      path: `/audit/cases.${format}`,
      summary:
        format === 'json'
          ? 'Export (auditors): a filtered page of cases (`kind`, `status`, `typeId`; with `rule`, `findingStatus`, `from`, `to` only cases with a finding matching them; newest first, at most 500) with every event; `nextCursor` continues'
          : 'The same export as CSV, one row per event; header `X-Next-Cursor` when more cases follow',
      request: { query: ZAuditExportQuerySchema },
      responses: { 200: format === 'json' ? json(cursorPageSchema(ZAuditCaseExportSchema.openapi('AuditCase'), 'AuditCaseList'), 'Cases with their events') : csv('Cases with their events'), ...errors(...AUTH, 400, 403) },
    }),
  ),
  {
    method: 'get',
    path: '/audit/log/entries',
    summary: 'Transparency log entries start ≤ seq < end (at most 100) whole, every one with what recomputes its leaf (auditors; the public gets the entries that are not public acts as place and leaf hash only)',
    request: { query: ZEntriesQuerySchema },
    responses: { 200: json(ZAuditorLogEntriesSchema, 'The entries'), ...errors(...AUTH, 400, 403) },
  },
  { method: 'get', path: '/healthz', summary: 'Liveness', security: [], responses: { 200: json(ZLivenessSchema, 'Alive'), ...errors() } },
  { method: 'get', path: '/readyz', summary: 'Readiness: Temporal and the store', security: [], responses: { 200: json(ZReadinessSchema, 'Ready'), 503: json(ZReadinessSchema, 'Not ready'), 500: json(ZErrorSchema, ERROR_DESCRIPTIONS[500]) } },
];

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "With SAHKAN_OIDC_ISSUER set: an access token of the regency's OpenID Connect identity provider (RS256, ES256 or PS256, checked on the provider's jwks_uri; issuer, audience SAHKAN_OIDC_AUDIENCE, expiry; roles from the SAHKAN_OIDC_ROLES_CLAIM claim, none of Sahkan's roles is 403). Otherwise, and also with development users on, Sahkan's own HS256 tokens (`npm run token`).",
  });
  for (const route of ROUTES) registry.registerPath({ security: [{ bearer: [] }], ...route });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Sahkan API', version: '1', description: 'Permit and e-contract approvals' },
    servers: [{ url: `${serverUrl}/api/v1` }],
  });
}
