import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations take Kysely<any>: they must keep working as the live schema interface moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */
const migrations: Record<string, Migration> = {
  '0001_records': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('registration_counters')
        .addColumn('scope', 'text', (c) => c.primaryKey())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('type_id', 'text', (c) => c.notNull())
        .addColumn('registration_number', 'text', (c) => c.notNull().unique())
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stage_id', 'text')
        .addColumn('stage_name', 'text')
        .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('documents', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('stage_due_at', 'text')
        .addColumn('case_due_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('outcome_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_applicant_idx').on('cases').columns(['applicant_id', 'submitted_at']).execute();
      await db.schema.createIndex('cases_status_idx').on('cases').columns(['status', 'case_due_at']).execute();
      await db.schema.createIndex('cases_submitted_idx').on('cases').column('submitted_at').execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
        .addColumn('stage_id', 'text', (c) => c.notNull())
        .addColumn('stage_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('outcome', 'text')
        .addColumn('comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tasks_case_idx').on('tasks').columns(['case_id', 'created_at']).execute();
      await db.schema.createIndex('tasks_inbox_idx').on('tasks').columns(['status', 'role', 'due_at']).execute();

      await db.schema
        .createTable('case_events')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('stage_id', 'text')
        .addColumn('comment', 'text')
        .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
        .execute();

      // No foreign key to cases: the API saves the applicant before the workflow registers the case.
      await db.schema
        .createTable('case_applicants')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('nik', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('documents_sha256_idx').on('documents').column('sha256').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['documents', 'case_applicants', 'case_events', 'tasks', 'cases', 'registration_counters']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies pending migrations; returns the names applied in this run (empty when already current). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

