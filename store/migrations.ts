import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { dialectOf } from './database';
import { partiesOf } from './case-parties';
import { postgresMigrationLock, sqliteMigrationLock, type TMigrationLock } from './migration-lock';

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
  '0002_issuance': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('tasks').addColumn('kind', 'text', (c) => c.notNull().defaultTo('review')).execute();

      await db.schema
        .createTable('signer_certificates')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('common_name', 'text', (c) => c.notNull())
        .addColumn('cert_pem', 'text', (c) => c.notNull())
        .addColumn('encrypted_key_pem', 'text', (c) => c.notNull())
        .addColumn('not_after', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revocation_reason', 'text')
        .execute();
      await db.schema.createIndex('signer_certificates_user_idx').on('signer_certificates').columns(['user_id', 'issued_at']).execute();

      // A passphrase exchanged for a single-use grant: encrypted at rest, never in workflow history.
      await db.schema
        .createTable('signing_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('redeemed_at', 'text')
        .execute();

      // A number reserved once per case and purpose; scopes share the counters table.
      await db.schema
        .createTable('number_reservations')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('reserved_at', 'text', (c) => c.notNull())
        .execute();

      // Each signature applied to a case's document, by step: the idempotency record of signing.
      await db.schema
        .createTable('signatures')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('input_sha256', 'text', (c) => c.notNull())
        .addColumn('output_sha256', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('signer_name', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('signatures_pk', ['case_id', 'step'])
        .execute();

      // The public register of issued documents.
      await db.schema
        .createTable('issued_documents')
        .addColumn('number', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('type_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('signer_name', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('status_changed_at', 'text')
        .execute();
      await db.schema.createIndex('issued_documents_sha_idx').on('issued_documents').column('sha256').execute();

      await db.schema
        .createTable('outbox')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['outbox', 'issued_documents', 'signatures', 'number_reservations', 'signing_grants', 'signer_certificates']) {
        await db.schema.dropTable(table).execute();
      }
      await db.schema.alterTable('tasks').dropColumn('kind').execute();
    },
  },
  '0003_contract_versions': {
    async up(db: Kysely<any>) {
      // Every version of a contract's terms; a version is written before the update that proposes it.
      await db.schema
        .createTable('contract_versions')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contract_versions_pk', ['case_id', 'version'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('contract_versions').execute();
    },
  },
  '0004_idempotency_requests': {
    async up(db: Kysely<any>) {
      // The body behind each Idempotency-Key, so the same key with another body is refused, not answered with the first case.
      await db.schema
        .createTable('idempotency_requests')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('request_sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('idempotency_requests').execute();
    },
  },
  '0005_public_revocation_reason': {
    async up(db: Kysely<any>) {
      // The public reason code of a revocation; status_reason keeps the administrator's internal note.
      await db.schema.alterTable('issued_documents').addColumn('public_reason', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('issued_documents').dropColumn('public_reason').execute();
    },
  },
  '0006_security': {
    async up(db: Kysely<any>) {
      // Passphrase throttling per signer and the events an administrator reviews (api/signing-grants.ts).
      await db.schema
        .createTable('passphrase_attempts')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_attempt_at', 'text')
        .addColumn('locked_until', 'text')
        .execute();
      await db.schema
        .createTable('security_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('security_events_at').on('security_events').column('at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('security_events').execute();
      await db.schema.dropTable('passphrase_attempts').execute();
    },
  },
  '0007_web_sessions': {
    async up(db: Kysely<any>) {
      // Sessions of the web pages: in the records database, so a sign-out holds for every API process.
      await db.schema
        .createTable('web_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('web_sessions_expires_at').on('web_sessions').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('web_sessions').execute();
    },
  },
  '0008_case_facts': {
    async up(db: Kysely<any>) {
      // Each kind's own state (domain/kinds/<kind>/), apart from the fields the applicant filled in. Additive: a
      // row without it (written before) keeps its facts in `fields`, and the store reads them from there.
      await db.schema.alterTable('cases').addColumn('facts', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('cases').dropColumn('facts').execute();
    },
  },
  '0009_case_clock': {
    async up(db: Kysely<any>) {
      // The pause ledger and the review stages' clocks (issue 10 §2). Additive: cases started before the ledger keep null.
      await db.schema.alterTable('cases').addColumn('clock', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('cases').dropColumn('clock').execute();
    },
  },
  '0010_task_read_indexes': {
    async up(db: Kysely<any>) {
      // Additive indexes for reads that scanned tasks (test/store/query-plans.test.ts checks the plans):
      // decided tasks in a time range (the dashboard's on-time share and closed stage rounds) read only that
      // range, not every task ever decided; the access scope "cases with a task of my roles" (reviewers' case
      // lists and pages) finds the cases by role; the stage filter's choices read one narrow index.
      await db.schema.createIndex('tasks_decided_idx').on('tasks').columns(['status', 'decided_at']).execute();
      await db.schema.createIndex('tasks_role_case_idx').on('tasks').columns(['role', 'case_id']).execute();
      await db.schema.createIndex('tasks_stage_idx').on('tasks').columns(['stage_id', 'stage_name']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('tasks_stage_idx').execute();
      await db.schema.dropIndex('tasks_role_case_idx').execute();
      await db.schema.dropIndex('tasks_decided_idx').execute();
    },
  },
  '0011_stage_notices': {
    async up(db: Kysely<any>) {
      // Reminders and escalations of case stages, one row per notice and role (issue 10 §2); written once by key.
      await db.schema
        .createTable('stage_notices')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('stage_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('addressee', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stage_notices_case_idx').on('stage_notices').columns(['case_id', 'at']).execute();
      await db.schema.createIndex('stage_notices_role_idx').on('stage_notices').columns(['role', 'at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('stage_notices').execute();
    },
  },
  '0012_calendar_closures': {
    async up(db: Kysely<any>) {
      // Regional closures declared at run time and the numbered log of their changes (issue 10 §3). Additive.
      await db.schema
        .createTable('calendar_closures')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('calendar_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull().unique())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_changes').execute();
      await db.schema.dropTable('calendar_closures').execute();
    },
  },
  '0013_case_parties': {
    async up(db: Kysely<any>) {
      // The parties of a contract or addendum by role (its PPK's unit, its vendor), so "the contracts a vendor may
      // read" is an indexed lookup on both dialects instead of a JSON function over every case's fields.
      await db.schema
        .createTable('case_parties')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'party'])
        .execute();
      await db.schema.createIndex('case_parties_role_idx').on('case_parties').columns(['role', 'case_id']).execute();
      // Rows written before: the roles are read from the fields here (portable: no JSON function of either database).
      const rows: Array<{ case_id: string; fields: string }> = await db.selectFrom('cases').select(['case_id', 'fields']).where('fields', 'like', '%Role"%').execute();
      for (const row of rows) {
        const parties = partiesOf(JSON.parse(row.fields) as Record<string, unknown>);
        if (parties.length > 0) await db.insertInto('case_parties').values(parties.map((p) => ({ case_id: row.case_id, ...p }))).execute();
      }
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_parties').execute();
    },
  },
  '0014_outbox_claims': {
    async up(db: Kysely<any>) {
      // A dispatcher claims the messages it sends for a while (a lease), so two dispatchers never send one message
      // twice, and one that died leaves its claim to expire rather than its messages unsent.
      await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
      await db.schema.createIndex('outbox_unsent_idx').on('outbox').columns(['sent_at', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('outbox_unsent_idx').execute();
      await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
      await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
      },
    },
  '0015_calendar_reprojected': {
    async up(db: Kysely<any>) {
      // When a change's re-projection was seen completed (the reconciler, worker/calendar-reconciler.ts). Additive.
      await db.schema.alterTable('calendar_changes').addColumn('reprojected_at', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('calendar_changes').dropColumn('reprojected_at').execute();
    },
  },
  '0016_case_lapses': {
    async up(db: Kysely<any>) {
      // The evidence pack of a lapsed case and its sealed report (deemed approval, issue 10 §2), once per case. Additive.
      await db.schema
        .createTable('case_lapses')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('report_sha256', 'text', (c) => c.notNull())
        .addColumn('lapsed_at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_lapses').execute();
    },
  },
  '0017_list_keyset_indexes': {
    async up(db: Kysely<any>) {
      // The paged lists read a page after a key (store/keyset.ts): these indexes hold each list's order with its
      // tie-breaker, so a page is an index range however deep it is. Additive.
      await db.schema.createIndex('cases_kind_submitted_idx').on('cases').columns(['kind', 'submitted_at', 'case_id']).execute();
      await db.schema.createIndex('issued_documents_register_idx').on('issued_documents').columns(['kind', 'issued_at', 'number']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('issued_documents_register_idx').execute();
      await db.schema.dropIndex('cases_kind_submitted_idx').execute();
    },
  },
  '0018_blobs': {
    async up(db: Kysely<any>) {
      // Blobs move from files in one process's data folder into the records database, read by every instance
      // (files of an existing installation are imported at start, store/blob-import.ts). Additive.
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('bytes', dialectOf(db) === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('blobs').execute();
    },
  },
  '0019_office_pki': {
    async up(db: Kysely<any>) {
      // The office CA, its seal and the CRL move from the worker's data folder into the records database, read by
      // every instance (files of an existing installation are imported by the first worker start). Additive.
      await db.schema
        .createTable('office_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('cert_pem', 'text', (c) => c.notNull())
        .addColumn('sealed_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('office_crl')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('crl_pem', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('office_crl').execute();
      await db.schema.dropTable('office_keys').execute();
    },
  },
  '0020_audit_log': {
    async up(db: Kysely<any>) {
      // The transparency log (store/audit-log.ts): append-only, `seq` gapless from 0 (the Merkle leaf index), `key`
      // once per source event, personal data by id only. Additive.
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('subjects', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_leaf_idx').on('audit_log').column('leaf_hash').execute();
      // Every tree head the office seal signed.
      await db.schema
        .createTable('audit_tree_heads')
        .addColumn('tree_size', 'integer', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_tree_heads_pk', ['timestamp', 'tree_size'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_tree_heads').execute();
      await db.schema.dropTable('audit_log').execute();
    },
  },
  '0021_cases_status_kind_index': {
    async up(db: Kysely<any>) {
      // /metrics counts every case per kind and status on each scrape: from this index alone, not the table. Additive.
      await db.schema.createIndex('cases_status_kind_idx').on('cases').columns(['status', 'kind']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('cases_status_kind_idx').execute();
    },
  },
  '0022_audit_findings': {
    async up(db: Kysely<any>) {
      // The Inspektorat's anomaly findings (store/audit-findings.ts): a rerun of the rules updates, never duplicates. Additive.
      await db.schema
        .createTable('audit_findings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledgement_note', 'text')
        .addUniqueConstraint('audit_findings_rule_case_subject', ['rule', 'case_id', 'subject'])
        .execute();
      await db.schema.createIndex('audit_findings_seen_idx').on('audit_findings').columns(['first_seen_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_findings').execute();
    },
  },
  '0023_cases_closed_index': {
    async up(db: Kysely<any>) {
      // Open data counts the permits issued in a range of months: a range of this index, not every issued case. Additive.
      await db.schema.createIndex('cases_status_closed_idx').on('cases').columns(['status', 'closed_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('cases_status_closed_idx').execute();
    },
  },
  '0024_open_list_indexes': {
    async up(db: Kysely<any>) {
      // The administrators' open cases, overdue first then by case deadline (ServiceLevels.openCases): each run read
      // along this index in its order from the running cases' first entry, instead of every running case sorted per
      // page. Its first column is RUNNING of store/service-levels.ts, word for word (test/store/query-plans.test.ts
      // checks the plan uses it); stage_due_at last, so that "overdue now" is tested without reading the row. Additive.
      await sql`create index cases_running_due_idx on cases (
        (status in ('submitted', 'in_review', 'changes_requested', 'negotiation', 'awaiting_signature')),
        (case_due_at is null), case_due_at, case_id, stage_due_at)`.execute(db);
      // The inbox (Records.listInbox) of one role, earliest due first: a range of this index in its order, where the
      // status index (open or claimed: two ranges) made it sort every open task of the role per page. The first
      // column is TASK_OPEN of store/records.ts, word for word.
      await sql`create index tasks_open_role_due_idx on tasks ((status in ('open', 'claimed')), role, due_at, id)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('tasks_open_role_due_idx').execute();
      await db.schema.dropIndex('cases_running_due_idx').execute();
    },
  },
  '0025_signing_approvals': {
    async up(db: Kysely<any>) {
      // What a signer approved and what was then signed, as content digests (documents/render/approved-content.ts):
      // the grant keeps the digest of the preview approved, the prepared document its own, and each signature both,
      // for the anomaly rule "signature of a document that differs from the one approved". Additive; older rows null.
      await db.schema.alterTable('signing_grants').addColumn('approved_content_sha256', 'text').execute();
      await db.schema.alterTable('signatures').addColumn('approved_content_sha256', 'text').execute();
      await db.schema.alterTable('signatures').addColumn('input_content_sha256', 'text').execute();
      await db.schema
        .createTable('document_contents')
        .addColumn('document_sha256', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('prepared_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('document_contents').execute();
      await db.schema.alterTable('signatures').dropColumn('input_content_sha256').execute();
      await db.schema.alterTable('signatures').dropColumn('approved_content_sha256').execute();
      await db.schema.alterTable('signing_grants').dropColumn('approved_content_sha256').execute();
    },
  },
  '0026_idempotency_responses': {
    async up(db: Kysely<any>) {
      // The answer to the first request of an Idempotency-Key that creates something without a case id of its own (a
      // contract version, an addendum): a repeat gets it again instead of acting twice. Null until that request ends.
      await db.schema.alterTable('idempotency_requests').addColumn('response', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('idempotency_requests').dropColumn('response').execute();
    },
  },
  '0027_inbox_stage_index': {
    async up(db: Kysely<any>) {
      // The inbox filtered to one stage (GET /tasks?stageId=, the page's stage filter, and the signer's batch choices
      // that /tugas reads on every visit): a range of this index in its order. With tasks_open_role_due_idx alone it
      // walked every open task of the role to find the stage's (13 ms for a reviewer with 3,300 open tasks). Additive.
      await sql`create index tasks_open_role_stage_due_idx on tasks ((status in ('open', 'claimed')), role, stage_id, due_at, id)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('tasks_open_role_stage_due_idx').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies pending migrations under the migration lock (one process migrates, the others wait and find
 * nothing to do); returns the names applied in this run (empty when already current).
 */
export async function migrateToLatest(db: Kysely<any>, lock: TMigrationLock = lockFor(db)): Promise<string[]> {
  return migrate(db, lock, (migrator) => migrator.migrateToLatest());
}

/** Applies the migrations up to and including `name` (tests of a migration over rows written before it). */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<string[]> {
  return migrate(db, lockFor(db), (migrator) => migrator.migrateTo(name));
}

const lockFor = (db: Kysely<any>): TMigrationLock => (dialectOf(db) === 'postgres' ? postgresMigrationLock : sqliteMigrationLock);

async function migrate(db: Kysely<any>, lock: TMigrationLock, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const results = await lock(db, async (locked) => {
    const { error, results } = await run(new Migrator({ db: locked, provider }));
    // Thrown inside the lock, so that a failed migration rolls back whole instead of being committed half-done.
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
    return results ?? [];
  });
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
