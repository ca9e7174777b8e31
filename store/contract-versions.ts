import type { Kysely, Selectable } from 'kysely';
import type { TContractVersionsTable, TDatabase } from './database';

export interface TContractVersion {
  caseId: string;
  version: number;
  authorId: string;
  authorRole: string;
  terms: unknown;
  createdAt: string;
}

/**
 * The versions of each contract's terms. The API writes a version before the update that proposes it; a
 * version the workflow refused is overwritten by the next proposal of the same number.
 */
export class ContractVersions {
  constructor(private readonly db: Kysely<TDatabase>) {}

  async put(v: Omit<TContractVersion, 'createdAt'>): Promise<void> {
    const row = {
      case_id: v.caseId,
      version: v.version,
      author_id: v.authorId,
      author_role: v.authorRole,
      terms: JSON.stringify(v.terms),
      created_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('contract_versions')
      .values(row)
      .onConflict((oc) => oc.columns(['case_id', 'version']).doUpdateSet({ author_id: row.author_id, author_role: row.author_role, terms: row.terms, created_at: row.created_at }))
      .execute();
  }

  async get(caseId: string, version: number): Promise<TContractVersion | undefined> {
    const r = await this.db.selectFrom('contract_versions').selectAll().where('case_id', '=', caseId).where('version', '=', version).executeTakeFirst();
    return r && toVersion(r);
  }

  /** Chosen versions of many contracts, in queries of 500 contracts (lists); keyed `<caseId>:<version>`. */
  async getMany(keys: ReadonlyArray<{ caseId: string; version: number }>): Promise<Map<string, TContractVersion>> {
    const wanted = new Set(keys.map((k) => `${k.caseId}:${k.version}`));
    const caseIds = [...new Set(keys.map((k) => k.caseId))];
    const found = new Map<string, TContractVersion>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const rows = await this.db.selectFrom('contract_versions').selectAll().where('case_id', 'in', caseIds.slice(i, i + 500)).execute();
      for (const row of rows) if (wanted.has(`${row.case_id}:${Number(row.version)}`)) found.set(`${row.case_id}:${Number(row.version)}`, toVersion(row));
    }
    return found;
  }

  /** Versions 1..upTo (the ones the workflow accepted), oldest first. */
  async list(caseId: string, upTo: number): Promise<TContractVersion[]> {
    const rows = await this.db
      .selectFrom('contract_versions')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('version', '<=', upTo)
      .orderBy('version')
      .execute();
    return rows.map(toVersion);
  }
}

function toVersion(r: Selectable<TContractVersionsTable>): TContractVersion {
  return {
    caseId: r.case_id,
    version: Number(r.version),
    authorId: r.author_id,
    authorRole: r.author_role,
    terms: JSON.parse(r.terms) as unknown,
    createdAt: r.created_at,
  };
}
