import { expect } from 'chai';
import { deadlineMovedDataOf } from '../../domain/working-time/calendar-change';
import { computeDeadline, type TClosure } from '../../domain/working-time/deadline';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { deadlineMovedText } from '../../web/components/timeline';
import { formatters } from '../../web/i18n/format';
import { translator } from '../../web/i18n/translate';
import { submit } from '../harness/api-client';
import { view } from '../harness/cases';
import { openReklameStage } from '../harness/calendar-cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { signInAs } from '../harness/web';

/**
 * Issue 10 §3 on the real dev server: a closure declared through the API re-projects the open cases (the
 * re-projection workflow pages through the store and signals each), the stage deadline moves by the rule and the
 * case records what moved; withdrawing it moves the deadline back; a closure after a case's deadlines changes nothing.
 */
describe('calendar changes while cases are open (real Temporal server)', function () {
  this.timeout(240_000);
  const http = () => harness().http();
  const declared: string[] = [];
  const admin = () => harness().token('admin');

  after(async () => {
    for (const date of declared) await http().delete(`/api/v1/admin/calendar/closures/${date}`).set('Authorization', await admin());
  });

  /** Waits for the re-projection and prints how many real workflows it signalled and how long it took. */
  const reprojected = async (body: { reprojection: { workflowId: string } }) => {
    const handle = harness().client.workflow.getHandle(body.reprojection.workflowId);
    const result = (await handle.result()) as { signalled: number };
    const { startTime, closeTime } = await handle.describe();
    process.stdout.write(`      re-projection: ${result.signalled} open cases signalled in ${closeTime!.getTime() - startTime.getTime()} ms\n`);
    return result;
  };

  /** The rule's deadline of the case's running stage with these closures. */
  const expectedDue = (v: TCaseView, closures: TClosure[]) => {
    const stage = v.clock!.stages.at(-1)!;
    return computeDeadline(harness().apiDeps.officeCalendar, { receivedAt: new Date(stage.openedAt), workingDays: stage.serviceLevelDays, closures }).dueAt!.toISOString();
  };
  const moves = (v: TCaseView) => v.events.filter((e) => e.action === 'deadline_moved').map((e) => deadlineMovedDataOf(e.comment)!);

  it('moves an open stage deadline when a closure is declared inside it, records the move, and moves it back when withdrawn', async () => {
    const { caseId, before, stage, due, stageDue } = await openReklameStage();
    expect(due).to.equal(expectedDue(before, []));
    // A working day the stage counts: closing it pushes the deadline one working day on.
    const counted = stageDue().countedDays;
    const date = counted[0]!;
    const reason = 'Banjir di kompleks perkantoran';

    const added = await http().post('/api/v1/admin/calendar/closures').set('Authorization', await admin()).send({ date, reason });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    declared.push(date);
    expect(added.body.items).to.deep.include({ date, reason });
    const revision = added.body.revision as number;
    expect((await reprojected(added.body)).signalled).to.be.at.least(1);

    const moved = await view(caseId);
    const after = expectedDue(moved, [{ date, reason }]);
    expect(after > due, `${after} after ${due}`).to.equal(true);
    expect(moved.clock!.stages.at(-1)!.dueAt).to.equal(after);
    expect(moved.stage?.dueAt).to.equal(after);
    expect(moved.tasks.filter((t) => t.status === 'open').every((t) => t.dueAt === after)).to.equal(true);
    expect(moved.clock!.basis?.closuresRevision).to.equal(revision);
    expect(moved.clock!.stages.at(-1)!.basis).to.deep.equal({ calendarVersion: harness().apiDeps.officeCalendar.version, closuresRevision: revision });
    const stageMove = moves(moved).find((m) => m.stageId === stage.stageId)!;
    expect(stageMove).to.deep.include({ stageName: stage.stageName, before: due, after, action: 'added', date, reason, revision });
    // The page's sentence, in both languages.
    expect(deadlineMovedText(stageMove, translator('id'), formatters('id'))).to.match(new RegExp(`^Batas waktu tahap ${stage.stageName} bergeser dari .+ ke .+: .+ ditetapkan sebagai hari libur \\(${reason}\\)\\.$`));
    expect(deadlineMovedText(stageMove, translator('en'), formatters('en'))).to.match(/^The deadline of stage .+ moved from .+ to .+: .+ was declared a holiday \(Banjir/);
    // The store shows it too (the page and the inbox read the store).
    await until(async () => (await harness().records.getCase(caseId))?.stageDueAt === after, 'the store shows the moved deadline');
    // The applicant's case page says what moved, in either language.
    const agent = harness().http();
    await signInAs(agent, 'budi');
    await until(async () => (await agent.get(`/permohonan/${caseId}`)).text.includes(`Batas waktu tahap ${stage.stageName} bergeser dari`), 'the case page shows the move');
    expect((await agent.get(`/permohonan/${caseId}`)).text).to.contain(`ditetapkan sebagai hari libur (${reason})`);
    await agent.get('/bahasa/en?kembali=%2F').expect(303);
    const english = (await agent.get(`/permohonan/${caseId}`)).text;
    expect(english).to.contain(`was declared a holiday (${reason})`);
    // With the stage's English name from the permit type, not the Indonesian one the event recorded.
    const englishName = harness().catalog.get('reklame')!.stages.find((s) => s.id === stage.stageId)!.name.en;
    expect(english).to.contain(`The deadline of stage ${englishName} moved from`).and.not.contain(`stage ${stage.stageName} moved`);
    // The preview and the public list count the closure.
    const preview = await http().get('/api/v1/calendar/deadline').query({ receivedAt: stage.openedAt, workingDays: String(stage.serviceLevelDays) });
    expect(preview.body).to.include({ dueAt: after, closuresRevision: revision });
    expect((await http().get('/api/v1/calendar/closures')).body.items).to.deep.include({ date, reason });
    // The admin event log has it.
    const events = await http().get('/api/v1/admin/security-events').set('Authorization', await admin());
    expect(events.body.items.some((e: { kind: string; detail: { date?: string } }) => e.kind === 'calendar_closure_added' && e.detail.date === date)).to.equal(true);
    // Declared twice: refused.
    expect((await http().post('/api/v1/admin/calendar/closures').set('Authorization', await admin()).send({ date, reason })).status).to.equal(409);

    const removed = await http().delete(`/api/v1/admin/calendar/closures/${date}`).set('Authorization', await admin());
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    declared.splice(declared.indexOf(date), 1);
    await reprojected(removed.body);
    const back = await view(caseId);
    expect(back.clock!.stages.at(-1)!.dueAt).to.equal(due);
    expect(back.clock!.basis?.closuresRevision).to.equal(removed.body.revision);
    expect(moves(back).find((m) => m.stageId === stage.stageId && m.action === 'removed')).to.deep.include({ before: after, after: due, date, reason });
  });

  it('leaves a case alone when the closure falls after its deadlines', async () => {
    const res = await submit('reklame');
    const caseId = res.body.id as string;
    const before = await view(caseId);
    const later = new Date(Date.parse(before.caseDueAt!) + 60 * 86_400_000).toISOString().slice(0, 10);
    const added = await http().post('/api/v1/admin/calendar/closures').set('Authorization', await admin()).send({ date: later, reason: 'Rapat kerja daerah' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    declared.push(later);
    await reprojected(added.body);
    const v = await view(caseId);
    expect(v.clock!.stages.at(-1)!.dueAt).to.equal(before.clock!.stages.at(-1)!.dueAt);
    expect(v.caseDueAt).to.equal(before.caseDueAt);
    expect(moves(v)).to.deep.equal([]);
  });

  it('refuses bad closures with 400 naming the field, and non-admins with 403', async () => {
    const post = async (body: unknown, user = 'admin') => http().post('/api/v1/admin/calendar/closures').set('Authorization', await harness().token(user)).send(body as object);
    const bad = async (body: unknown, path: string) => {
      const r = await post(body);
      expect(r.status, JSON.stringify(r.body)).to.equal(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).to.include(path);
    };
    await bad({ date: '2026-02-30', reason: 'x' }, 'date');
    await bad({ date: '2090-01-01', reason: 'x' }, 'date');
    await bad({ date: '2026-12-24', reason: '' }, 'reason');
    await bad({ date: '2026-12-24', reason: 'x'.repeat(201) }, 'reason');
    expect((await post({ date: '2026-12-24', reason: 'x' }, 'budi')).status).to.equal(403);
    expect((await http().delete('/api/v1/admin/calendar/closures/2001-01-01').set('Authorization', await admin())).status).to.equal(404);
    expect((await http().delete('/api/v1/admin/calendar/closures/nope').set('Authorization', await admin())).status).to.equal(400);
  });
});
