import path from 'node:path';
import { ZCertificateLayoutSchema, ZOfficeSchema } from '../domain/certificate-layout.schema';
import type { TCertificateLayout, TOffice } from '../domain/certificate-layout.schema';
import { projectFile } from '../project-root';
import { jsonFilesIn, readJsonFile, shown } from './json-files';

export const CERTIFICATES_DIR = projectFile('templates', 'certificates');
export const OFFICE_FILE_NAME = 'office.json';
export const OFFICE_FILE = path.join(CERTIFICATES_DIR, OFFICE_FILE_NAME);

/** Every `.json` of `dir` but office.json, by type id. Throws naming the file and the path inside it. */
export function loadCertificateLayouts(dir: string = CERTIFICATES_DIR): Map<string, TCertificateLayout> {
  const layouts = new Map<string, TCertificateLayout>();
  const fileOf = new Map<string, string>();
  for (const file of jsonFilesIn(dir, 'certificate layouts').filter((f) => path.basename(f) !== OFFICE_FILE_NAME)) {
    const layout = readJsonFile(file, ZCertificateLayoutSchema);
    const other = fileOf.get(layout.typeId);
    if (other) throw new Error(`${shown(file)}: typeId: duplicate layout for "${layout.typeId}" (already in ${shown(other)})`);
    fileOf.set(layout.typeId, file);
    layouts.set(layout.typeId, layout);
  }
  return layouts;
}

export function loadOffice(file: string = OFFICE_FILE): TOffice {
  return readJsonFile(file, ZOfficeSchema);
}
