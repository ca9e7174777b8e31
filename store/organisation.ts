import { ZOrganisationSchema, type TOrganisation } from '../domain/notices/organisation.schema';
import { projectFile } from '../project-root';
import { readJsonFile } from './json-files';

/** The office's chain of command: units, their supervisors, the head of office (domain/notices/organisation.schema.ts). */
export const ORGANISATION_FILE = projectFile('templates', 'organisation.json');

/** Throws naming the file and the path inside it. */
export function loadOrganisation(file: string = ORGANISATION_FILE): TOrganisation {
  return readJsonFile(file, ZOrganisationSchema);
}
