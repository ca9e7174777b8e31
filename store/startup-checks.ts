/**
 * Start-up checks: everything that can be checked before the first case is, so a broken deployment stops at
 * start with a message naming the file and the type instead of failing at issuance. Used by the worker and
 * the API main alike.
 */
import path from 'node:path';
import type { TCalendar } from '../domain/calendar';
import { signerRoleOf, type TCaseType } from '../domain/case-type.schema';
import { assertLayoutsMatchCatalog } from '../domain/certificate-layout-check';
import type { TCertificateLayout, TOffice } from '../domain/certificate-layout.schema';
import type { TContractType } from '../domain/contract-type.schema';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog } from './catalog';
import { CERTIFICATES_DIR, loadCertificateLayouts, loadOffice, OFFICE_FILE_NAME } from './certificate-layouts';
import { CONTRACT_TYPES_DIR, loadContractCatalog } from './contract-catalog';
import { shown } from './json-files';
import type { Records } from './records';

export interface TTemplateLocations {
  permitTypesDir: string;
  certificatesDir: string;
  contractTypesDir: string;
  calendarFile: string;
  extraHolidays?: readonly string[];
}

export const SHIPPED_TEMPLATES: TTemplateLocations = {
  permitTypesDir: CATALOG_DIR,
  certificatesDir: CERTIFICATES_DIR,
  contractTypesDir: CONTRACT_TYPES_DIR,
  calendarFile: CALENDAR_FILE,
};

export interface TCheckedTemplates {
  catalog: Map<string, TCaseType>;
  layouts: Map<string, TCertificateLayout>;
  contractTypes: Map<string, TContractType>;
  office: TOffice;
  calendar: TCalendar;
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
  const calendar = attempt(() => loadCalendar(where.calendarFile, where.extraHolidays));
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
  if (problems.length || !catalog || !layouts || !office || !contractTypes || !calendar) throw new StartupCheckError(problems);
  return { catalog, layouts, contractTypes, office, calendar };
}

export interface TSignerCheckInput {
  catalog: ReadonlyMap<string, TCaseType>;
  records: Records;
  /** The development users, when they are enabled; undefined in a production configuration. */
  devUsers?: ReadonlyArray<{ id: string; roles: readonly string[] }>;
}

/**
 * Every permit type's signer role must have someone who can sign: with development users enabled, a user of
 * that role holding an active certificate (missing ones are problems); without them (production), signers are
 * enrolled by the office and absent ones are only warnings, returned for the caller to log.
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
  return { problems, warnings };
}
