import type { TCaseKind } from './case';
import { holdsRole, isAdmin, isAuditor } from './roles';
import type { TActor } from './roles';

/**
 * The one access policy: who may read a case, its documents and PDFs, and who may see the applicant's
 * personal data (NIK, phone, address, KTP scan). Need to know: staff read a case only when one of their roles
 * acts or acted on it (a task of the case, open or done), contract parties read their contracts, applicants
 * their own, administrators everything. The Inspektorat's auditors read every case in full, personal data
 * included (auditing needs to match the applicant with the documents), and never act on one: every such read is
 * logged in the transparency log and every write refuses them (api/auditor-requests.ts).
 * Routes and pages ask this module; nothing else decides.
 */

/** What the policy needs to know about one case. */
export interface TCaseAccessFacts {
  kind: TCaseKind;
  applicantId: string;
  /** The roles of every task the case has had (open, claimed, done or cancelled). */
  taskRoles: readonly string[];
  /** Contracts and addenda: the parties' roles (`ppk:<unit>`, `vendor:<npwp>`). */
  ppkRole?: string;
  vendorRole?: string;
}

/** The facts of a stored case: its parties come from the fields the contract workflow keeps. */
export function caseFacts(row: { kind: TCaseKind; applicantId: string; fields: Record<string, unknown> }, taskRoles: readonly string[]): TCaseAccessFacts {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return { kind: row.kind, applicantId: row.applicantId, taskRoles, ppkRole: text(row.fields.ppkRole), vendorRole: text(row.fields.vendorRole) };
}

/** How the actor stands to a case; `none` means the case does not exist for them (404). */
export type TCaseRelation = 'admin' | 'applicant' | 'acting' | 'party' | 'auditor' | 'none';

/** The legal office of the same unit as a PPK role: `ppk:dinas-pupr` → `legal:dinas-pupr`. */
export const legalRoleOf = (ppkRole: string): string => `legal:${ppkRole.slice(ppkRole.indexOf(':') + 1)}`;

/** The case's parties by role: the PPK and legal office of its unit and the vendor (contracts and addenda). */
function partyRoles(facts: TCaseAccessFacts): string[] {
  if (facts.kind === 'permit') return [];
  return [
    ...(facts.ppkRole ? [facts.ppkRole, legalRoleOf(facts.ppkRole)] : []),
    ...(facts.vendorRole ? [facts.vendorRole] : []),
  ];
}

export function caseRelation(actor: TActor, facts: TCaseAccessFacts): TCaseRelation {
  if (isAdmin(actor)) return 'admin';
  if (facts.applicantId === actor.userId) return 'applicant';
  if (facts.taskRoles.some((role) => holdsRole(actor, role))) return 'acting';
  if (partyRoles(facts).some((role) => holdsRole(actor, role))) return 'party';
  if (isAuditor(actor)) return 'auditor';
  return 'none';
}

export const mayReadCase = (actor: TActor, facts: TCaseAccessFacts): boolean => caseRelation(actor, facts) !== 'none';

/** Personal data: only the applicant, staff acting on the case, administrators and auditors (their reads are logged). */
export function maySeePersonalData(actor: TActor, facts: TCaseAccessFacts): boolean {
  const relation = caseRelation(actor, facts);
  return relation === 'admin' || relation === 'applicant' || relation === 'acting' || relation === 'auditor';
}

/**
 * Claim or decide a task: it exists for holders of its role and for staff or parties who may read its case (the
 * workflow then refuses a wrong role with 403); for a permit's applicant and everyone else it does not exist.
 */
export function mayAddressTask(actor: TActor, taskRole: string, facts: TCaseAccessFacts): boolean {
  if (holdsRole(actor, taskRole)) return true;
  const relation = caseRelation(actor, facts);
  return relation !== 'none' && relation !== 'auditor' && !(relation === 'applicant' && facts.kind === 'permit');
}

/** Revise or withdraw a permit: its own applicant only. */
export const mayActAsApplicant = (actor: TActor, facts: TCaseAccessFacts): boolean => facts.applicantId === actor.userId;

/**
 * An upload: its uploader always; otherwise whoever may see the personal data of a case that refers to it
 * (uploads such as the KTP scan are personal data). An upload no case refers to yet exists only for its uploader.
 */
export function mayReadDocument(actor: TActor, doc: { ownerId: string }, referencedBy: readonly TCaseAccessFacts[]): boolean {
  return doc.ownerId === actor.userId || referencedBy.some((facts) => maySeePersonalData(actor, facts));
}

/**
 * The cases a listing may show to an actor, as a filter the store can run: everything for administrators and auditors,
 * otherwise the cases the actor applied for, has (had) a task in, or is a party to. It is `caseRelation` ≠ none
 * stated for a query; the tests hold the two together.
 */
export type TCaseScope =
  | { all: true }
  | { all: false; applicantId: string; taskRoles: string[]; ppkRoles: string[]; vendorRoles: string[] };

export function caseScope(actor: TActor): TCaseScope {
  if (isAdmin(actor) || isAuditor(actor)) return { all: true };
  const ppkRoles = new Set<string>();
  for (const role of actor.roles) {
    const match = /^(ppk|legal):(.+)$/.exec(role);
    if (match) ppkRoles.add(`ppk:${match[2]}`);
  }
  return {
    all: false,
    applicantId: actor.userId,
    taskRoles: [...actor.roles],
    ppkRoles: [...ppkRoles],
    vendorRoles: actor.roles.filter((r) => r.startsWith('vendor:')),
  };
}

/** "6171010101900001" → "6171********0001": the region and the last digits, enough to tell cases apart. */
export function maskNik(nik: string): string {
  if (nik.length <= 8) return '*'.repeat(nik.length);
  return `${nik.slice(0, 4)}${'*'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}

/** What lists show of an applicant: the name and the masked NIK; never phone, address or e-mail. */
export function maskedApplicant(profile: { name: string; nik: string }): { name: string; nik: string } {
  return { name: profile.name, nik: maskNik(profile.nik) };
}
