import { expect } from 'chai';
import { sql } from 'kysely';
import type { TCaseEvent, TCaseProjection, TTask } from '../../domain/case';
import { newContractFacts } from '../../domain/kinds/contract/contract.facts';
import { openDatabase } from '../../store/database';
import { migrateToLatest } from '../../store/migrations';
import { openRecords, type Records } from '../../store/records';
import type { TRegisterCaseInput } from '../../store/records.types';
import type { TKeyValue } from '../../store/keyset';
import { DIALECTS, recordsForSuite, testDatabase } from '../harness/databases';

function registration(caseId: string, overrides: Partial<TRegisterCaseInput> = {}): TRegisterCaseInput {
  return {
    caseId,
    kind: 'permit',
    typeId: 'pbg',
    typeCode: 'PBG',
    applicantId: 'applicant-1',
    submittedAt: '2025-03-10T02:00:00.000Z',
    year: 2025,
    ...overrides,
  };
}

function task(id: string, caseId: string, overrides: Partial<TTask> = {}): TTask {
  return {
    id,
    kind: 'review',
    caseId,
    stageId: 'review',
    stageName: 'Technical review',
    role: 'reviewer',
    status: 'open',
    assignee: null,
    outcome: null,
    comment: null,
    createdAt: '2025-03-10T03:00:00.000Z',
    dueAt: '2025-03-14T09:00:00.000Z',
    decidedAt: null,
    version: 1,
    ...overrides,
  };
}

function event(caseId: string, seq: number): TCaseEvent {
  return {
    caseId,
    seq,
    at: `2025-03-10T0${seq}:00:00.000Z`,
    actorId: 'user-1',
    role: 'reviewer',
    action: 'stage_opened',
    stageId: 'review',
    comment: null,
  };
}

function projection(caseId: string, version: number, overrides: Partial<TCaseProjection> = {}): TCaseProjection {
  return {
    caseId,
    version,
    status: 'in_review',
    stageId: 'review',
    stageName: 'Technical review',
    fields: { floors: version },
    facts: { kind: 'permit', flags: [] },
    documents: { plan: { id: 'doc-1', sha256: 'a'.repeat(64) } },
    stageDueAt: '2025-03-14T09:00:00.000Z',
    caseDueAt: '2025-04-10T09:00:00.000Z',
    closedAt: null,
    outcomeReason: null,
    tasks: [],
    events: [],
    ...overrides,
  };
}

function sequenceOf(registrationNumber: string): number {
  return Number(registrationNumber.split('/').pop());
}

for (const dialect of DIALECTS) describe(`store/records (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened), { eachTest: true });

  describe('database and migrations', () => {
    it('applies the migrations once and finds nothing to do the second time', async () => {
      const empty = await testDatabase(dialect);
      const db = openDatabase(empty.location);
      try {
        expect(await migrateToLatest(db)).to.deep.equal(['0001_records', '0002_issuance', '0003_contract_versions', '0004_idempotency_requests', '0005_public_revocation_reason', '0006_security', '0007_web_sessions', '0008_case_facts', '0009_case_clock', '0010_task_read_indexes', '0011_stage_notices', '0012_calendar_closures', '0013_case_parties', '0014_outbox_claims', '0015_calendar_reprojected', '0016_case_lapses', '0017_list_keyset_indexes', '0018_blobs', '0019_office_pki', '0020_audit_log', '0021_cases_status_kind_index', '0022_audit_findings', '0023_cases_closed_index', '0024_open_list_indexes', '0025_signing_approvals', '0026_idempotency_responses', '0027_inbox_stage_index']);
        expect(await migrateToLatest(db)).to.deep.equal([]);
        const tables = await db.introspection.getTables();
        expect(tables.map((t) => t.name)).to.include('cases');
      } finally {
        await db.destroy();
        await empty.dispose();
      }
    });

    it('reopens a database, keeps its rows' + (dialect === 'sqlite' ? ' and sets the pragmas' : ''), async () => {
      const reopened = await testDatabase(dialect);
      try {
        const first = await openRecords(reopened.location);
        await first.registerCase(registration('case-1'));
        await first.close();

        const second = await openRecords(reopened.location);
        try {
          expect((await second.getCase('case-1'))?.registrationNumber).to.equal('REG/PBG/2025/000001');
          await second.ping();
        } finally {
          await second.close();
        }
        if (dialect !== 'sqlite') return;

        const db = openDatabase(reopened.location);
        try {
          const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0];
          expect(await pragma('journal_mode')).to.deep.equal({ journal_mode: 'wal' });
          expect(await pragma('foreign_keys')).to.deep.equal({ foreign_keys: 1 });
          expect(await pragma('busy_timeout')).to.deep.equal({ timeout: 5000 });
        } finally {
          await db.destroy();
        }
      } finally {
        await reopened.dispose();
      }
    });
  });

  describe('registerCase', () => {
    it('writes the case as submitted at version 0 with the first number of its scope', async () => {
      const { registrationNumber } = await records.registerCase(registration('case-1'));
      expect(registrationNumber).to.equal('REG/PBG/2025/000001');
      const row = await records.getCase('case-1');
      expect(row).to.include({
        caseId: 'case-1',
        kind: 'permit',
        typeId: 'pbg',
        registrationNumber,
        applicantId: 'applicant-1',
        status: 'submitted',
        version: 0,
        submittedAt: '2025-03-10T02:00:00.000Z',
        caseDueAt: null,
      });
      expect(row?.fields).to.deep.equal({});
    });

    it('is idempotent by caseId: the same number, nothing changed, no gap', async () => {
      const first = await records.registerCase(registration('case-1'));
      const before = await records.getCase('case-1');
      const again = await records.registerCase(registration('case-1', { applicantId: 'someone-else', typeId: 'other' }));
      expect(again).to.deep.equal(first);
      expect(await records.getCase('case-1')).to.deep.equal(before);
      expect((await records.registerCase(registration('case-2'))).registrationNumber).to.equal('REG/PBG/2025/000002');
    });

    it('gives concurrent repeats of one case a single number', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => records.registerCase(registration('case-1'))));
      expect(new Set(results.map((r) => r.registrationNumber))).to.deep.equal(new Set(['REG/PBG/2025/000001']));
      expect((await records.registerCase(registration('case-2'))).registrationNumber).to.equal('REG/PBG/2025/000002');
    });

    it('numbers 50 concurrent registrations of one scope 1..50 without gaps or duplicates', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => records.registerCase(registration(`case-${i}`))),
      );
      const sequences = results.map((r) => sequenceOf(r.registrationNumber)).sort((a, b) => a - b);
      expect(sequences).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
      expect((await records.listCases({ limit: 100 })).items).to.have.length(50);
    });

    it('keeps separate sequences per type and per year', async () => {
      const a = await records.registerCase(registration('a1'));
      const b = await records.registerCase(registration('b1', { typeId: 'siup', typeCode: 'SIUP' }));
      const nextYear = await records.registerCase(registration('a2', { year: 2026, submittedAt: '2026-01-02T02:00:00.000Z' }));
      const a3 = await records.registerCase(registration('a3'));
      expect([a, b, nextYear, a3].map((r) => r.registrationNumber)).to.deep.equal([
        'REG/PBG/2025/000001',
        'REG/SIUP/2025/000001',
        'REG/PBG/2026/000001',
        'REG/PBG/2025/000002',
      ]);
    });

    it('does not use up a number when the registration fails', async () => {
      let failure: unknown;
      try {
        await records.registerCase(registration('bad', { submittedAt: 'not a date' }));
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(RangeError);
      expect(await records.getCase('bad')).to.equal(undefined);
      expect((await records.registerCase(registration('good'))).registrationNumber).to.equal('REG/PBG/2025/000001');
    });
  });

  describe('applicants', () => {
    it('saves a profile before the case exists and overwrites it on a second save', async () => {
      const profile = { name: 'Siti', nik: '6171010101900001', email: 's@example.id', phone: '0812', address: 'Jl. A' };
      await records.saveApplicant('case-1', profile);
      expect(await records.getApplicant('case-1')).to.deep.equal(profile);
      await records.saveApplicant('case-1', { ...profile, phone: '0813' });
      expect((await records.getApplicant('case-1'))?.phone).to.equal('0813');
      expect(await records.getApplicant('case-2')).to.equal(undefined);
    });
  });

  describe('projectCase', () => {
    beforeEach(async () => {
      await records.registerCase(registration('case-1'));
    });

    it('rejects a projection of a case that was never registered', async () => {
      let failure: unknown;
      try {
        await records.projectCase(projection('ghost', 1));
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(Error);
      expect((failure as Error).message).to.match(/ghost/);
    });

    it('writes the case columns, JSON fields and tasks', async () => {
      await records.projectCase(projection('case-1', 1, { tasks: [task('t1', 'case-1')] }));
      const row = await records.getCase('case-1');
      expect(row).to.include({ status: 'in_review', stageId: 'review', version: 1, caseDueAt: '2025-04-10T09:00:00.000Z' });
      expect(row?.fields).to.deep.equal({ floors: 1 });
      expect(row?.documents).to.deep.equal({ plan: { id: 'doc-1', sha256: 'a'.repeat(64) } });
      expect(await records.getTask('t1')).to.deep.equal(task('t1', 'case-1'));
      expect(await records.getTask('t2')).to.equal(undefined);
    });

    it('writes the pause ledger and stage clocks, and a paused case without a case deadline (null)', async () => {
      const clock = {
        serviceLevelDays: 10,
        pauses: [{ paused: '2025-03-11T03:00:00.000Z', resumed: null, reason: 'awaiting_revision' as const, by: { userId: 'u1', role: 'reviewer:a' }, resumedBy: null, stageId: 'review', policy: 'continue' as const }],
        stages: [{ stageId: 'review', stageName: 'Technical review', serviceLevelDays: 5, policy: 'continue' as const, openedAt: '2025-03-10T03:00:00.000Z', closedAt: null, dueAt: null }],
      };
      await records.projectCase(projection('case-1', 1, { status: 'changes_requested', caseDueAt: null, stageDueAt: null, clock }));
      const row = await records.getCase('case-1');
      expect(row).to.include({ caseDueAt: null, status: 'changes_requested' });
      expect(row?.clock).to.deep.equal(clock);
      await records.projectCase(projection('case-1', 2));
      expect((await records.getCase('case-1'))?.clock, 'a projection without a ledger (a case started before it)').to.equal(null);
    });

    it('keeps the highest version when an older projection arrives after a newer one', async () => {
      const decided = task('t1', 'case-1', { status: 'done', outcome: 'approve', decidedAt: '2025-03-11T03:00:00.000Z', version: 2 });
      await records.projectCase(projection('case-1', 2, { status: 'approved', stageId: null, tasks: [decided] }));
      await records.projectCase(projection('case-1', 1, { tasks: [task('t1', 'case-1')] }));

      const row = await records.getCase('case-1');
      expect(row).to.include({ version: 2, status: 'approved', stageId: null });
      expect(row?.fields).to.deep.equal({ floors: 2 });
      expect(await records.getTask('t1')).to.deep.equal(decided);
    });

    it('applies a newer projection over an older one', async () => {
      await records.projectCase(projection('case-1', 1, { tasks: [task('t1', 'case-1')] }));
      await records.projectCase(
        projection('case-1', 2, { status: 'changes_requested', tasks: [task('t1', 'case-1', { status: 'claimed', assignee: 'u1', version: 2 })] }),
      );
      expect((await records.getCase('case-1'))?.status).to.equal('changes_requested');
      expect(await records.getTask('t1')).to.include({ status: 'claimed', assignee: 'u1', version: 2 });
    });

    it('is idempotent: repeating a projection changes nothing, events are stored once and ordered by seq', async () => {
      const p = projection('case-1', 1, { tasks: [task('t1', 'case-1')], events: [event('case-1', 2), event('case-1', 1)] });
      await records.projectCase(p);
      const before = await records.getCase('case-1');
      await new Promise((resolve) => setTimeout(resolve, 5)); // a rewrite would show in updatedAt
      await records.projectCase(p);
      expect(await records.getCase('case-1')).to.deep.equal(before);
      expect((await records.listEvents('case-1')).map((e) => e.seq)).to.deep.equal([1, 2]);

      await records.projectCase(projection('case-1', 2, { events: [event('case-1', 1), event('case-1', 2), event('case-1', 3)] }));
      const events = await records.listEvents('case-1');
      expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3]);
      expect(events[0]).to.deep.equal(event('case-1', 1));
      expect(await records.listTasksForCase('case-1')).to.have.length(1);
    });

    it('lists a case’s tasks by creation time, then id', async () => {
      await records.projectCase(
        projection('case-1', 1, {
          tasks: [
            task('t3', 'case-1', { createdAt: '2025-03-12T03:00:00.000Z' }),
            task('t2', 'case-1'),
            task('t1', 'case-1'),
          ],
        }),
      );
      expect((await records.listTasksForCase('case-1')).map((t) => t.id)).to.deep.equal(['t1', 't2', 't3']);
    });
  });

  describe('stageNotices', () => {
    it('writes each notice once by key, however often it is enqueued, and lists a case’s in order', async () => {
      const notice = { key: 'c1:kaji:reminder_50:reviewer:b', caseId: 'c1', stageId: 'kaji', kind: 'reminder_50' as const, to: 'role' as const, role: 'reviewer:b', at: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-04T09:00:00.000Z' };
      await records.stageNotices.enqueue([notice]);
      await records.stageNotices.enqueue([notice, { ...notice, key: 'c1:kaji:reminder_90:approver:x', kind: 'reminder_90', to: 'supervisor', role: 'approver:x', at: '2026-12-03T09:00:00.000Z' }]);
      const rows = await records.stageNotices.forCase('c1');
      expect(rows.map((r) => [r.kind, r.role])).to.deep.equal([
        ['reminder_50', 'reviewer:b'],
        ['reminder_90', 'approver:x'],
      ]);
      expect(rows[0]).to.include({ to: 'role', dueAt: '2026-12-04T09:00:00.000Z' });
      expect(await records.stageNotices.forCase('c2')).to.deep.equal([]);
    });
  });

  describe('listCases', () => {
    it('filters, pages after a key and puts the newest submission first, the case id breaking ties', async () => {
      await records.registerCase(registration('old', { submittedAt: '2025-01-01T00:00:00.000Z' }));
      await records.registerCase(registration('new', { submittedAt: '2025-02-01T00:00:00.000Z' }));
      await records.registerCase(registration('mid-a', { submittedAt: '2025-01-15T00:00:00.000Z' }));
      await records.registerCase(registration('mid-b', { submittedAt: '2025-01-15T00:00:00.000Z' }));
      await records.registerCase(registration('other', { applicantId: 'applicant-2', kind: 'contract' }));

      const page = await records.listCases({ applicantId: 'applicant-1', limit: 2 });
      expect(page.items.map((c) => c.caseId)).to.deep.equal(['new', 'mid-b']);
      expect(page.next).to.deep.equal(['2025-01-15T00:00:00.000Z', 'mid-b']);
      const rest = await records.listCases({ applicantId: 'applicant-1', limit: 2, cursor: page.next! });
      expect(rest.items.map((c) => c.caseId)).to.deep.equal(['mid-a', 'old']);
      expect(rest.next, 'the last page').to.equal(null);
      // A case submitted between the pages sorts before the cursor: the next page neither repeats nor skips a row.
      await records.registerCase(registration('newest', { submittedAt: '2025-03-01T00:00:00.000Z' }));
      expect((await records.listCases({ applicantId: 'applicant-1', limit: 2, cursor: page.next! })).items.map((c) => c.caseId)).to.deep.equal(['mid-a', 'old']);
      const contracts = await records.listCases({ kind: 'contract', limit: 10 });
      expect(contracts.items.map((c) => c.caseId)).to.deep.equal(['other']);
    });

    it('shows a vendor and a PPK the contracts they are a party of (case_parties), and nobody else\'s', async () => {
      const contract = async (caseId: string, ppkRole: string, vendorRole: string) => {
        await records.registerCase(registration(caseId, { kind: 'contract', applicantId: 'ppk-user' }));
        await records.projectCase(projection(caseId, 1, { fields: { title: caseId, ppkRole, vendorRole }, facts: newContractFacts() }));
      };
      await contract('k-a', 'ppk:pupr', 'vendor:01.234');
      await contract('k-b', 'ppk:dinkes', 'vendor:09.876');
      await contract('k-c', 'ppk:pupr', 'vendor:09.876');
      const seen = async (scope: { ppkRoles?: string[]; vendorRoles?: string[] }) =>
        (await records.listCases({ kind: 'contract', scope: { all: false, applicantId: 'someone', taskRoles: [], ppkRoles: [], vendorRoles: [], ...scope }, limit: 10 })).items
          .map((c) => c.caseId)
          .sort();
      expect(await seen({ vendorRoles: ['vendor:09.876'] })).to.deep.equal(['k-b', 'k-c']);
      expect(await seen({ ppkRoles: ['ppk:pupr'] })).to.deep.equal(['k-a', 'k-c']);
      // A party role matches its own party only: a vendor role given as a PPK role opens nothing.
      expect(await seen({ ppkRoles: ['vendor:01.234'] })).to.deep.equal([]);
      expect(await seen({})).to.deep.equal([]);
    });
  });

  describe('listInbox', () => {
    it('returns open and claimed tasks of the given roles, earliest due first, with the case number and type', async () => {
      await records.registerCase(registration('case-1'));
      await records.registerCase(registration('case-2', { typeId: 'siup', typeCode: 'SIUP' }));
      await records.projectCase(
        projection('case-1', 1, {
          tasks: [
            task('late', 'case-1', { dueAt: '2025-03-20T09:00:00.000Z' }),
            task('done', 'case-1', { status: 'done', dueAt: '2025-03-01T09:00:00.000Z' }),
            task('signer', 'case-1', { role: 'signer', dueAt: '2025-03-01T09:00:00.000Z' }),
          ],
        }),
      );
      await records.projectCase(
        projection('case-2', 1, {
          tasks: [
            task('claimed', 'case-2', { role: 'technical', status: 'claimed', assignee: 'u1', dueAt: '2025-03-12T09:00:00.000Z' }),
            task('cancelled', 'case-2', { status: 'cancelled', dueAt: '2025-03-02T09:00:00.000Z' }),
            task('early', 'case-2', { dueAt: '2025-03-11T09:00:00.000Z' }),
          ],
        }),
      );

      const inbox = (await records.listInbox({ roles: ['reviewer', 'technical'], limit: 10 })).items;
      expect(inbox.map((t) => t.id)).to.deep.equal(['early', 'claimed', 'late']);
      expect(inbox[0]).to.include({ registrationNumber: 'REG/SIUP/2025/000001', typeId: 'siup', caseId: 'case-2' });
      expect(inbox[2]).to.include({ registrationNumber: 'REG/PBG/2025/000001', typeId: 'pbg' });
      const first = await records.listInbox({ roles: ['reviewer', 'technical'], limit: 2 });
      expect(first.items.map((t) => t.id)).to.deep.equal(['early', 'claimed']);
      const second = await records.listInbox({ roles: ['reviewer', 'technical'], limit: 2, cursor: first.next! });
      expect([second.items.map((t) => t.id), second.next]).to.deep.equal([['late'], null]);
      expect((await records.listInbox({ roles: ['signer'], limit: 10 })).items.map((t) => t.id)).to.deep.equal(['signer']);
      expect(await records.listInbox({ roles: [], limit: 10 })).to.deep.equal({ items: [], next: null });
    });
  });

  describe('listOpenCases', () => {
    it('leaves out closed cases and puts overdue ones first, then the earliest case deadline', async () => {
      const now = new Date('2025-03-20T00:00:00.000Z');
      const cases: Array<[string, Partial<TCaseProjection>]> = [
        ['on-time-late', { stageDueAt: '2025-03-25T09:00:00.000Z', caseDueAt: '2025-05-01T09:00:00.000Z' }],
        ['case-overdue', { stageDueAt: null, caseDueAt: '2025-03-19T09:00:00.000Z' }],
        ['stage-overdue', { stageDueAt: '2025-03-18T09:00:00.000Z', caseDueAt: '2025-04-20T09:00:00.000Z' }],
        ['on-time-early', { stageDueAt: '2025-03-24T09:00:00.000Z', caseDueAt: '2025-04-01T09:00:00.000Z' }],
        ['approved', { status: 'approved', stageDueAt: null, caseDueAt: '2025-03-01T09:00:00.000Z' }],
        ['withdrawn', { status: 'withdrawn', stageDueAt: null, caseDueAt: '2025-03-01T09:00:00.000Z' }],
      ];
      for (const [caseId, overrides] of cases) {
        await records.registerCase(registration(caseId));
        await records.projectCase(projection(caseId, 1, overrides));
      }
      await records.registerCase(registration('unprojected'));

      const open = await records.listOpenCases(now);
      expect(open.map((c) => [c.caseId, c.overdue])).to.deep.equal([
        ['case-overdue', true],
        ['stage-overdue', true],
        ['on-time-early', false],
        ['on-time-late', false],
        ['unprojected', false],
      ]);

      // The administrators' list in the same order, one case a page: every one once, the null deadline last.
      const paged: string[] = [];
      let cursor: readonly TKeyValue[] | undefined;
      do {
        const page = await records.serviceLevels.openCases(now, { limit: 1, cursor });
        paged.push(...page.items.map((c) => c.caseId));
        cursor = page.next ?? undefined;
      } while (cursor && paged.length < 20);
      expect(paged).to.deep.equal(open.map((c) => c.caseId));
    });
  });

  describe('documents', () => {
    it('saves metadata once by id and reads it back', async () => {
      const meta = {
        id: 'doc-1',
        ownerId: 'applicant-1',
        sha256: 'b'.repeat(64),
        bytes: 1234,
        mediaType: 'application/pdf' as const,
        name: 'plan.pdf',
        createdAt: '2025-03-10T02:00:00.000Z',
      };
      await records.saveDocument(meta);
      await records.saveDocument({ ...meta, name: 'changed.pdf', bytes: 1 });
      expect(await records.getDocument('doc-1')).to.deep.equal(meta);
      expect(await records.getDocument('doc-2')).to.equal(undefined);
    });
  });
});
