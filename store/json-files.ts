/** Reading the shipped JSON catalogs (permit types, contract types, calendar), with errors that name the file. */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/** A path for messages: relative to the working directory when inside it, absolute otherwise. */
export function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The parsed JSON of `file`; throws `file: cannot read: …` or `file: not valid JSON: …`. */
export function readJson(file: string): unknown {
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

/** `file: path.inside: message`, one line per issue. */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${shown(file)}: ${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

/** `file` read as JSON and validated against `schema`; throws naming the file and the path inside it. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(describeIssues(file, parsed.error));
  return parsed.data;
}

/** The `.json` files of `dir`, sorted by name; throws `<what> dir: cannot read the folder: …`. */
export function jsonFilesIn(dir: string, what: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`${what} ${shown(dir)}: cannot read the folder: ${(err as Error).message}`);
  }
  return names.map((name) => path.join(dir, name));
}

/**
 * Every `.json` file of `dir` (a catalog folder) validated against `schema`, by id. Ids and codes must be
 * unique across files; a duplicate throws naming both files and the `noun` ("duplicate type id …").
 */
export function loadCatalogFolder<T extends { id: string; code: string }>(
  dir: string,
  what: string,
  schema: z.ZodType<T>,
  noun: string,
): Map<string, T> {
  const catalog = new Map<string, T>();
  const fileOfId = new Map<string, string>();
  const fileOfCode = new Map<string, string>();
  for (const file of jsonFilesIn(dir, what)) {
    const type = readJsonFile(file, schema);
    const sameId = fileOfId.get(type.id);
    if (sameId) throw new Error(`${shown(file)}: id: duplicate ${noun} id "${type.id}" (already defined in ${shown(sameId)})`);
    const sameCode = fileOfCode.get(type.code);
    if (sameCode) throw new Error(`${shown(file)}: code: duplicate ${noun} code "${type.code}" (already used in ${shown(sameCode)})`);
    fileOfId.set(type.id, file);
    fileOfCode.set(type.code, file);
    catalog.set(type.id, type);
  }
  return catalog;
}
