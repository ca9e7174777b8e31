import type { TNoticeAddressee } from '../engine/case-clock';
import type { TOrganisation, TOrganisationUnit } from './organisation.schema';

/** One addressee of a stage's notice: the role whose inbox shows it, and the mailbox it is mailed to (none: inbox only). */
export interface TNoticeRecipient {
  role: string;
  /** The greeting of the e-mail: the unit's name or the position's title. */
  title: string;
  mailbox: string | null;
  /** The stage's roles this addressee is told about (its own, those it supervises, all of them for the head). */
  about: string[];
}

export const unitOfRole = (org: TOrganisation, role: string): TOrganisationUnit | undefined => org.units.find((u) => u.roles.includes(role));

/**
 * Who a notice goes to (issue 10 §2), from the roles still deciding the stage: `role` — those roles, mailed to
 * their unit's mailbox; `supervisor` — each role's unit supervisor (the head of office for a role no unit lists);
 * `head` — the head of office. One recipient per role, in the order first met.
 */
export function noticeRecipients(org: TOrganisation, to: TNoticeAddressee, stageRoles: readonly string[]): TNoticeRecipient[] {
  const head = { role: org.head.role, title: org.head.title, mailbox: org.head.mailbox };
  if (to === 'head') return [{ ...head, about: [...stageRoles] }];
  const byRole = new Map<string, TNoticeRecipient>();
  for (const role of stageRoles) {
    const unit = unitOfRole(org, role);
    const position = to === 'role' ? { role, title: unit?.name ?? role, mailbox: unit?.mailbox ?? null } : (unit?.supervisor ?? head);
    const known = byRole.get(position.role);
    if (known) known.about.push(role);
    else byRole.set(position.role, { role: position.role, title: position.title, mailbox: position.mailbox, about: [role] });
  }
  return [...byRole.values()];
}
