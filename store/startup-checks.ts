/**
 * Start-up checks: everything that can be checked before the first case is, so a broken deployment stops at
 * start with a message naming the file and the type instead of failing at issuance. Used by the worker and
 * the API main alike.
 */
import path from 'node:path';
import type { TCalendar } from '../domain/calendar';
import type { TOfficeCalendar } from '../domain/working-time/office-calendar';
import { signerRoleOf, type TCaseType } from '../domain/case-type.schema';
import { assertLayoutsMatchCatalog } from '../domain/certificate-layout-check';
import type { TCertificateLayout, TOffice } from '../domain/certificate-layout.schema';
import type { TContractType } from '../domain/contract-type.schema';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog, loadOfficeCalendar } from './catalog';
import { CERTIFICATES_DIR, loadCertificateLayouts, loadOffice, OFFICE_FILE_NAME } from './certificate-layouts';
import { CONTRACT_TYPES_DIR, loadContractCatalog } from './contract-catalog';
import { shown } from './json-files';
import { loadOrganisation, ORGANISATION_FILE } from './organisation';
import { unitOfRole } from '../domain/notices/notice-addressees';
import type { TOrganisation } from '../domain/notices/organisation.schema';
import type { Records } from './records';

export interface TTemplateLocations {
  permitTypesDir: string;
  certificatesDir: string;
  contractTypesDir: string;
  calendarFile: string;
  /** Unset: the shipped templates/organisation.json. */
  organisationFile?: string;
  extraHolidays?: readonly string[];
}

export const SHIPPED_TEMPLATES: TTemplateLocations = {
  permitTypesDir: CATALOG_DIR,
  certificatesDir: CERTIFICATES_DIR,
  contractTypesDir: CONTRACT_TYPES_DIR,
  calendarFile: CALENDAR_FILE,
  organisationFile: ORGANISATION_FILE,
};

export interface TCheckedTemplates {
  catalog: Map<string, TCaseType>;
  layouts: Map<string, TCertificateLayout>;
  contractTypes: Map<string, TContractType>;
  office: TOffice;
  /** The calendar running workflows are started with (closing 16:00 every working day). */
  calendar: TCalendar;
  /** The office calendar of the deadline rule (office hours per weekday, named holidays, version). */
  officeCalendar: TOfficeCalendar;
  /** Units, their supervisors and the head of office: who a stage's reminders and escalation reach. */
  organisation: TOrganisation;
}

/** Start-up refused: every problem found, one per line, each naming its file. */
export class StartupCheckError extends Error {
  override readonly name = 'StartupCheckError';
  constructor(readonly problems: readonly string[]) {
    super(`start-up checks failed (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Loads and cross-checks every template: permit types, certificate layouts (one per permit type, fields and
 * options the type defines), the office letterhead, contract types (at least one) and the calendar. Collects
 * every problem before throwing, so one start shows them all.
 */
export function loadCheckedTemplates(where: TTemplateLocations = SHIPPED_TEMPLATES): TCheckedTemplates {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (err) {
      problems.push(...(err as Error).message.split('\n'));
      return undefined;
    }
  };
  const catalog = attempt(() => loadCatalog(where.permitTypesDir));
  const layouts = attempt(() => loadCertificateLayouts(where.certificatesDir));
  const office = attempt(() => loadOffice(path.join(where.certificatesDir, OFFICE_FILE_NAME)));
  const contractTypes = attempt(() => loadContractCatalog(where.contractTypesDir));
  const calendars = attempt(() => ({
    calendar: loadCalendar(where.calendarFile, where.extraHolidays),
    officeCalendar: loadOfficeCalendar(where.calendarFile, where.extraHolidays),
  }));
  const organisationFile = where.organisationFile ?? ORGANISATION_FILE;
  const organisation = attempt(() => loadOrganisation(organisationFile));
  if (catalog && organisation) {
    // A review role no unit lists would have its reminders reach nobody's mailbox and its supervisor be the head.
    for (const type of catalog.values()) {
      for (const stage of type.stages.filter((s) => s.kind !== 'approval')) {
        for (const role of stage.roles.filter((r) => !unitOfRole(organisation, r))) {
          problems.push(`${shown(organisationFile)}: units: no unit lists role ${role} (permit type "${type.id}" stage "${stage.id}")`);
        }
      }
    }
  }
  if (catalog && layouts) {
    attempt(() => {
      try {
        assertLayoutsMatchCatalog(layouts, catalog);
      } catch (err) {
        const [, ...lines] = (err as Error).message.split('\n');
        throw new Error(lines.map((l) => `${shown(where.certificatesDir)}: ${l}`).join('\n'));
      }
    });
  }
  if (contractTypes && contractTypes.size === 0) problems.push(`${shown(where.contractTypesDir)}: no contract type (a contract needs its template)`);
  if (catalog && catalog.size === 0) problems.push(`${shown(where.permitTypesDir)}: no permit type`);
  if (problems.length || !catalog || !layouts || !office || !contractTypes || !calendars || !organisation) throw new StartupCheckError(problems);
  return { catalog, layouts, contractTypes, office, organisation, ...calendars };
}

type TDevUser = { id: string; roles: readonly string[] };

export interface TSignerCheckInput {
  catalog: ReadonlyMap<string, TCaseType>;
  records: Records;
  /** The development users, when they are enabled; undefined in a production configuration. */
  devUsers?: ReadonlyArray<TDevUser>;
  /** The contract types: their review and exception-approval roles must be held, their parties certified. */
  contractTypes?: ReadonlyMap<string, TContractType>;
}

/** Contract parties who sign: the PPK of a unit and the vendor's representative. */
const CONTRACT_SIGNER_ROLE = /^(ppk|vendor):/;

/**
 * The roles tasks go to that no development user holds: a task for one would wait forever. Permit stages,
 * and per contract type its review stages (`{unit}` for each development PPK's unit; the termination review
 * goes to the same legal role) and the exception approval an addendum above the cap needs.
 */
export function unheldRoles(catalog: ReadonlyMap<string, TCaseType>, contractTypes: ReadonlyMap<string, TContractType>, devUsers: ReadonlyArray<TDevUser>): string[] {
  const held = new Set(devUsers.flatMap((u) => u.roles));
  const problems: string[] = [];
  const need = (what: string, role: string) => {
    if (!held.has(role)) problems.push(`${what}: no development user has role ${role}, so its tasks would wait forever (config/dev-users.json)`);
  };
  for (const type of catalog.values()) {
    for (const stage of type.stages) for (const role of stage.roles) need(`permit type "${type.id}" stage "${stage.id}"`, role);
  }
  const units = [...held].filter((r) => r.startsWith('ppk:')).map((r) => r.slice('ppk:'.length));
  for (const type of contractTypes.values()) {
    for (const stage of type.reviewStages) {
      for (const unit of stage.role.includes('{unit}') ? units : [null]) {
        need(`contract type "${type.id}" stage "${stage.id}"${unit ? ` for unit ${unit}` : ''}`, unit ? stage.role.replace('{unit}', unit) : stage.role);
      }
    }
    need(`contract type "${type.id}" exception approval`, type.exceptionApproval.role);
  }
  return problems;
}

/**
 * Everyone a case waits for must exist. Every permit type's signer role must have someone who can sign: with
 * development users enabled, a user of that role holding an active certificate (missing ones are problems), every
 * development PPK and vendor (the contract parties, who sign contracts and addenda) holds one too, and every role
 * a task goes to is held by someone (`unheldRoles`); without them (production), signers are enrolled by the office
 * and absent ones are only warnings, returned for the caller to log.
 */
export async function checkSigners(input: TSignerCheckInput): Promise<{ problems: string[]; warnings: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const type of input.catalog.values()) {
    const role = signerRoleOf(type);
    if (!role) continue;
    if (!input.devUsers) {
      warnings.push(`permit type "${type.id}": make sure a signer of role ${role} is enrolled with a certificate before its first issuance`);
      continue;
    }
    const users = input.devUsers.filter((u) => u.roles.includes(role));
    if (users.length === 0) {
      problems.push(`permit type "${type.id}": no development user has its signer role ${role} (config/dev-users.json)`);
      continue;
    }
    const certified = await Promise.all(users.map((u) => input.records.signers.active(u.id)));
    if (!certified.some(Boolean)) {
      problems.push(`permit type "${type.id}": no user of its signer role ${role} (${users.map((u) => u.id).join(', ')}) has an active signing certificate`);
    }
  }
  const contractTypes = input.contractTypes ?? new Map<string, TContractType>();
  if (!input.devUsers) {
    if (contractTypes.size) {
      warnings.push('contracts: make sure every PPK and vendor representative who signs is enrolled with a certificate (npm run pki -- issue <user>) before their first signature');
    }
    return { problems, warnings };
  }
  if (contractTypes.size) {
    for (const user of input.devUsers.filter((u) => u.roles.some((r) => CONTRACT_SIGNER_ROLE.test(r)))) {
      if (!(await input.records.signers.active(user.id))) {
        problems.push(`development user "${user.id}" (${user.roles.filter((r) => CONTRACT_SIGNER_ROLE.test(r)).join(', ')}) signs contracts but has no active signing certificate`);
      }
    }
    if (!input.devUsers.some((u) => u.roles.some((r) => r.startsWith('ppk:')))) warnings.push('contracts: no development user is a PPK (ppk:<unit>), so none can be drafted');
  }
  problems.push(...unheldRoles(input.catalog, contractTypes, input.devUsers));
  return { problems, warnings };
}
