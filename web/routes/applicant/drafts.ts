import crypto from 'node:crypto';
import type { Request } from 'express';
import type { TTypedForm } from './permit-form';

/**
 * Application drafts live in the signed-in session, which the records database stores (web/session.ts): a draft
 * survives a reload, a restart of the server and another API process. Uploads are stored by the documents use
 * case at once; the draft keeps their ids. One draft per permit type.
 */
export interface TPermitDraft extends TTypedForm {
  /**
   * The Idempotency-Key of this draft's submission: a double click attaches to the same case. A new key each
   * time the draft changes, so a changed draft is never refused as "same key, other body".
   */
  key: string;
  /** Set once submitted: the case it became (a repeated submit goes to its answer page). */
  submittedCaseId?: string;
}

declare module 'express-session' {
  interface SessionData {
    permitDrafts?: Record<string, TPermitDraft>;
  }
}

const newKey = () => crypto.randomBytes(16).toString('hex');

export const idempotencyKeyOf = (draft: TPermitDraft) => `web-draft-${draft.key}`;

/** The draft of a type as it stands (undefined when none). */
export const draftOf = (req: Request, typeId: string): TPermitDraft | undefined => req.session.permitDrafts?.[typeId];

/** An open draft of a type to write to: the current one, or a new one when there is none or it was submitted. */
export function openDraft(req: Request, typeId: string, prefill: Partial<TTypedForm> = {}): TPermitDraft {
  const drafts = (req.session.permitDrafts ??= {});
  const current = drafts[typeId];
  if (current && !current.submittedCaseId) return current;
  const draft: TPermitDraft = { key: newKey(), fields: {}, applicant: {}, documents: {}, ...prefill };
  drafts[typeId] = draft;
  return draft;
}

/** Records a change: the draft gets a new submission key. */
export function touchDraft(draft: TPermitDraft): void {
  draft.key = newKey();
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}
