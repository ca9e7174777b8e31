import type { TCaseEvent } from '../domain/case';
import type { TCalendarChange } from '../domain/working-time/calendar-change';
import type { TLogItem } from './audit-log';

/**
 * What each source record puts in the transparency log: one key per source event (a retried write logs nothing
 * new), the ids it is about, and the record itself as the content whose hash is logged (never the record).
 */

export const caseEventItem = (e: TCaseEvent): TLogItem => ({
  key: `case-event:${e.caseId}:${e.seq}`,
  at: e.at,
  kind: 'case-event',
  action: e.action,
  actor: e.actorId,
  subjects: { caseId: e.caseId, ...(e.stageId ? { stageId: e.stageId } : {}) },
  content: e,
});

export const signatureItem = (s: { caseId: string; step: string; userId: string; serial: string; signedAt: string; inputSha256: string; outputSha256: string }): TLogItem => ({
  key: `signature:${s.caseId}:${s.step}`,
  at: s.signedAt,
  kind: 'signature',
  action: 'signed',
  actor: s.userId,
  subjects: { caseId: s.caseId, step: s.step, serial: s.serial },
  content: s,
});

export const issuanceLogKey = (number: string): string => `issuance:${number}`;

export const issuanceItem = (d: { number: string; caseId: string; sha256: string; issuedAt: string; serial: string }, content: unknown): TLogItem => ({
  key: issuanceLogKey(d.number),
  at: d.issuedAt,
  kind: 'issuance',
  action: 'issued',
  actor: 'system',
  // The document's hash is an id of the document (what a verifier holds), not personal data.
  subjects: { caseId: d.caseId, number: d.number, documentSha256: d.sha256 },
  content,
});

export const documentStatusItem = (number: string, status: string, at: string, by: string, content: unknown): TLogItem => ({
  key: `document-status:${number}`,
  at,
  kind: 'document-status',
  action: status,
  actor: by,
  subjects: { number },
  content,
});

export const calendarChangeItem = (change: TCalendarChange, by: string, at: string): TLogItem => ({
  key: `calendar-change:${change.changeId}`,
  at,
  kind: 'calendar-change',
  action: change.action,
  actor: by,
  subjects: { changeId: change.changeId, date: change.date, revision: String(change.revision) },
  content: { ...change, by, at },
});

export const certificateItem = (action: 'certificate_issued' | 'certificate_revoked', c: { serial: string; userId: string }, at: string, by: string, content: unknown): TLogItem => ({
  key: `pki:${action}:${c.serial}`,
  at,
  kind: 'pki',
  action,
  actor: by,
  subjects: { serial: c.serial, userId: c.userId },
  content,
});

export const securityEventItem = (e: { id: string; at: string; kind: string; userId: string; detail: unknown }): TLogItem => ({
  key: `security:${e.id}`,
  at: e.at,
  kind: 'security',
  action: e.kind,
  actor: 'system',
  subjects: { userId: e.userId },
  content: e,
});
