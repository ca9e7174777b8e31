import fs from 'node:fs';
import path from 'node:path';
import { ZContractTypeSchema, type TContractType } from '../domain/contract-type.schema';

/** The shipped contract templates (barang, konstruksi, konsultansi). */
export const CONTRACT_TYPES_DIR = path.resolve(__dirname, '..', 'templates', 'contract-types');

// The three helpers below mirror store/catalog.ts, which does not export its own.

/** A path for messages: relative to the working directory when inside it, absolute otherwise. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${shown(file)}: cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${shown(file)}: not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads every `.json` file of `dir` as a contract type, validated against ZContractTypeSchema (which also
 * rejects unknown clause placeholders). Throws naming the file and the path inside it, one line per issue;
 * ids and codes must be unique across files (the code goes into contract numbers).
 */
export function loadContractCatalog(dir: string = CONTRACT_TYPES_DIR): Map<string, TContractType> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`contract-type catalog ${shown(dir)}: cannot read the folder: ${(err as Error).message}`);
  }
  const catalog = new Map<string, TContractType>();
  const fileOfId = new Map<string, string>();
  const fileOfCode = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = ZContractTypeSchema.safeParse(readJson(file));
    if (!parsed.success) {
      throw new Error(
        parsed.error.issues
          .map((issue) => `${shown(file)}: ${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
          .join('\n'),
      );
    }
    const type = parsed.data;
    const sameId = fileOfId.get(type.id);
    if (sameId) throw new Error(`${shown(file)}: id: duplicate contract type id "${type.id}" (already defined in ${shown(sameId)})`);
    const sameCode = fileOfCode.get(type.code);
    if (sameCode) throw new Error(`${shown(file)}: code: duplicate contract type code "${type.code}" (already used in ${shown(sameCode)})`);
    fileOfId.set(type.id, file);
    fileOfCode.set(type.code, file);
    catalog.set(type.id, type);
  }
  return catalog;
}
