import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZAddendumChangeSchema } from '../domain/addendum';
import {
  ZAdminCaseSchema,
  ZContractDraftSchema,
  ZContractVersionSchema,
  ZDecisionSchema,
  ZDocumentSchema,
  ZErrorSchema,
  ZListPermitsQuerySchema,
  ZPermitDetailSchema,
  ZPermitSummarySchema,
  ZPublicVerificationSchema,
  ZRevisionSchema,
  ZRevocationSchema,
  ZUploadVerificationSchema,
  ZSubmitPermitSchema,
  ZTaskSchema,
  ZWithdrawalSchema,
} from './schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  400: json(ZErrorSchema, 'Invalid input, with the path of each bad field'),
  401: json(ZErrorSchema, 'No valid Bearer token'),
  403: json(ZErrorSchema, 'The caller lacks the role'),
  404: json(ZErrorSchema, 'Not found (also for cases the caller may not see)'),
  409: json(ZErrorSchema, 'The task is closed or the case is not in a state that allows this'),
};
const idParam = z.object({ id: z.string() });

const ROUTES: RouteConfig[] = [
  { method: 'get', path: '/permit-types', summary: 'List permit types', security: [], responses: { 200: json(z.object({ items: z.array(z.any()) }), 'Permit types') } },
  { method: 'get', path: '/permit-types/{id}', summary: 'One permit type', security: [], request: { params: idParam }, responses: { 200: json(z.any(), 'The permit type'), 404: errors[404] } },
  {
    method: 'post',
    path: '/documents',
    summary: 'Upload a document (PDF, PNG or JPEG, judged by content)',
    request: { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } } },
    responses: { 201: json(ZDocumentSchema, 'Stored'), 400: errors[400], 413: json(ZErrorSchema, 'Too large'), 415: json(ZErrorSchema, 'Not a PDF, PNG or JPEG') },
  },
  {
    method: 'post',
    path: '/permits',
    summary: 'Submit a permit application',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      body: { content: { 'application/json': { schema: ZSubmitPermitSchema } } },
    },
    responses: { 201: json(ZPermitSummarySchema, 'Registered, with its registration number'), 400: errors[400], 401: errors[401], 403: errors[403] },
  },
  { method: 'get', path: '/permits', summary: 'List permits (applicants: their own)', request: { query: ZListPermitsQuerySchema }, responses: { 200: json(z.object({ items: z.array(ZPermitSummarySchema), total: z.number() }), 'Permits') } },
  { method: 'get', path: '/permits/{id}', summary: 'A permit with its timeline and open tasks', request: { params: idParam }, responses: { 200: json(ZPermitDetailSchema, 'The permit'), 404: errors[404] } },
  { method: 'post', path: '/permits/{id}/revisions', summary: 'Revise fields or documents after a request for changes', request: { params: idParam, body: { content: { 'application/json': { schema: ZRevisionSchema } } } }, responses: { 200: json(ZPermitDetailSchema, 'Revised'), 400: errors[400], 404: errors[404], 409: errors[409] } },
  { method: 'post', path: '/permits/{id}/withdrawal', summary: 'Withdraw an application', request: { params: idParam, body: { content: { 'application/json': { schema: ZWithdrawalSchema } } } }, responses: { 200: json(ZPermitDetailSchema, 'Withdrawn'), 404: errors[404], 409: errors[409] } },
  { method: 'get', path: '/tasks', summary: "Open tasks for the caller's roles, earliest due first", responses: { 200: json(z.object({ items: z.array(ZTaskSchema) }), 'Tasks') } },
  { method: 'post', path: '/tasks/{id}/claim', summary: 'Claim a task', request: { params: idParam }, responses: { 200: json(z.object({ task: ZTaskSchema, case: ZPermitSummarySchema }), 'Claimed'), 403: errors[403], 404: errors[404], 409: errors[409] } },
  { method: 'post', path: '/tasks/{id}/decision', summary: 'Decide a task', request: { params: idParam, body: { content: { 'application/json': { schema: ZDecisionSchema } } } }, responses: { 200: json(z.object({ task: ZTaskSchema, case: ZPermitSummarySchema }), 'Decided'), ...errors } },
  { method: 'get', path: '/admin/cases', summary: 'Open cases with age and due dates, overdue first (admin)', responses: { 200: json(z.object({ asOf: z.string(), items: z.array(ZAdminCaseSchema) }), 'Open cases'), 403: errors[403] } },
  { method: 'get', path: '/documents/{id}', summary: 'Download an uploaded document (its owner and staff)', request: { params: idParam }, responses: { 200: { description: 'The file' }, 404: errors[404] } },
  { method: 'get', path: '/permits/{id}/certificate.pdf', summary: 'The signed certificate of an issued permit', request: { params: idParam }, responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: errors[404] } },
  { method: 'post', path: '/admin/permits/{id}/revocation', summary: 'Revoke an issued permit (admin)', request: { params: idParam, body: { content: { 'application/json': { schema: ZRevocationSchema } } } }, responses: { 200: json(z.object({ number: z.string(), status: z.string(), reason: z.string(), revokedAt: z.string() }), 'Revoked'), 403: errors[403], 404: errors[404], 409: errors[409] } },
  { method: 'get', path: '/public/verify/{number}', summary: 'Public: the register entry of an issued document (holder masked)', security: [], request: { params: z.object({ number: z.string() }), query: z.object({ code: z.string().optional() }) }, responses: { 200: json(ZPublicVerificationSchema, 'Register entry'), 404: errors[404] } },
  {
    method: 'post',
    path: '/public/verify',
    summary: 'Public: verify an uploaded PDF (every signature, the chain, revocation, the register)',
    security: [],
    request: { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } } },
    responses: { 200: json(ZUploadVerificationSchema, 'Verification report'), 400: errors[400], 413: json(ZErrorSchema, 'Too large'), 415: json(ZErrorSchema, 'Not a PDF') },
  },
  { method: 'get', path: '/public/ca.pem', summary: "Public: the office's root certificate", security: [], responses: { 200: { description: 'PEM' } } },
  { method: 'get', path: '/public/crl.pem', summary: 'Public: the revocation list of signer certificates', security: [], responses: { 200: { description: 'PEM' }, 404: errors[404] } },
  {
    method: 'post',
    path: '/contracts',
    summary: 'Draft a contract from a template (PPK); legal review follows',
    request: { headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: { content: { 'application/json': { schema: ZContractDraftSchema } } } },
    responses: { 201: json(ZPermitSummarySchema, 'Registered'), 400: errors[400], 403: errors[403] },
  },
  { method: 'get', path: '/contracts', summary: 'Contracts (a vendor: only its own)', responses: { 200: json(z.object({ items: z.array(z.any()) }), 'Contracts') } },
  { method: 'get', path: '/contracts/{id}', summary: 'A contract: current and original terms, versions with diffs (semula → menjadi), addenda, signatures, timeline', request: { params: idParam }, responses: { 200: json(z.any(), 'The contract'), 404: errors[404] } },
  {
    method: 'post',
    path: '/contracts/{id}/versions',
    summary: "A new version of the terms: the vendor's proposal, the PPK's counter-proposal, or the PPK's revision after legal review",
    request: { params: idParam, body: { content: { 'application/json': { schema: ZContractVersionSchema } } } },
    responses: { 201: json(z.object({ version: z.number(), changes: z.array(z.object({ path: z.string(), before: z.any(), after: z.any() })) }), 'Stored and proposed'), ...errors },
  },
  { method: 'post', path: '/contracts/{id}/withdrawal', summary: 'End a contract before it is signed (its PPK)', request: { params: idParam, body: { content: { 'application/json': { schema: ZWithdrawalSchema } } } }, responses: { 200: json(ZPermitSummarySchema, 'Ended'), 403: errors[403], 404: errors[404], 409: errors[409] } },
  { method: 'get', path: '/contracts/{id}/document.pdf', summary: 'The signed contract, or a watermarked draft of the latest version', request: { params: idParam }, responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: errors[404] } },
  {
    method: 'post',
    path: '/contracts/{id}/addenda',
    summary: 'Propose an addendum (PPK); above the 10% cap only with an exceptionReason the head of office approves',
    request: { params: idParam, body: { content: { 'application/json': { schema: ZAddendumChangeSchema } } } },
    responses: { 201: json(z.object({ id: z.string(), sequence: z.number(), termsVersion: z.number() }), 'Started as a child of the contract'), ...errors },
  },
  { method: 'get', path: '/public/contracts', summary: 'Public: the contract register (number, title, vendor, value, dates, addenda)', security: [], responses: { 200: json(z.object({ items: z.array(z.any()) }), 'Register') } },
  { method: 'get', path: '/healthz', summary: 'Liveness', security: [], responses: { 200: json(z.object({ status: z.string() }), 'Alive') } },
  { method: 'get', path: '/readyz', summary: 'Readiness: Temporal and the store', security: [], responses: { 200: json(z.object({ status: z.string() }), 'Ready'), 503: json(z.object({ status: z.string() }), 'Not ready') } },
];

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of ROUTES) registry.registerPath({ security: [{ bearer: [] }], ...route });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Sahkan API', version: '1', description: 'Permit and e-contract approvals' },
    servers: [{ url: `${serverUrl}/api/v1` }],
  });
}
