import { ZContractTypeSchema, type TContractType } from '../domain/contract-type.schema';
import { projectFile } from '../project-root';
import { loadCatalogFolder } from './json-files';

/** The shipped contract templates (barang, konstruksi, konsultansi). */
export const CONTRACT_TYPES_DIR = projectFile('templates', 'contract-types');

/**
 * Reads every `.json` file of `dir` as a contract type, validated against ZContractTypeSchema (which also
 * rejects unknown clause placeholders). Throws naming the file and the path inside it, one line per issue;
 * ids and codes must be unique across files (the code goes into contract numbers).
 */
export function loadContractCatalog(dir: string = CONTRACT_TYPES_DIR): Map<string, TContractType> {
  return loadCatalogFolder(dir, 'contract-type catalog', ZContractTypeSchema, 'contract type');
}
