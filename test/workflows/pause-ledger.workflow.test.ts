import { expect } from 'chai';
import type { TOfficeCalendarSnapshot } from '../../domain/working-time/calendar-snapshot';
import { decisionUpdate, revisionUpdate, viewQuery } from '../../workflows/shared/case.messages';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { applicant, calendarWithMidnightAt, caseHandle, decideAll, openTasks, startPermitOfType, updatePermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Short service levels: the whole case 5 working days, the technical review (policy continue) 2. */
function startWithCalendar(officeCalendar: TOfficeCalendarSnapshot): Promise<TCaseView> {
  const reklame = harness().catalog.get('reklame')!;
  const type = { ...reklame, serviceLevelDays: 5, stages: reklame.stages.map((s) => ({ ...s, serviceLevelDays: s.kind === 'technical_review' ? 2 : 1 })) };
  return startPermitOfType(type, 'budi', officeCalendar);
}

describe('pause ledger on the real Temporal server (stop-the-clock)', function () {
  this.timeout(240_000);

  it('pauses on a request for changes, resumes on the revision, moves the deadlines by the paused working day, and re-arms the reminders', async () => {
    // Local midnight 25–85 s ahead: enough to reach the technical review and ask for changes before it.
    const midnight = new Date(Math.ceil((Date.now() + 25_000) / MINUTE) * MINUTE);
    // A second case runs beside it without a pause: its technical review's reminders fall at that midnight.
    const [started, steady] = await Promise.all([startWithCalendar(calendarWithMidnightAt(midnight)), startWithCalendar(calendarWithMidnightAt(midnight))]);
    let v = await decideAll(started.caseId, 'approve'); // completeness check
    const running = await decideAll(steady.caseId, 'approve');
    expect(running.stage?.id).to.equal('kajian_teknis');
    expect(v.stage?.id).to.equal('kajian_teknis');
    // Day zero is today (local); the first counted day closes at the coming midnight, the second one day later.
    expect(v.stage?.dueAt).to.equal(new Date(midnight.getTime() + DAY).toISOString());
    expect(v.caseDueAt).to.equal(new Date(midnight.getTime() + 4 * DAY).toISOString());

    const [first, second] = openTasks(v);
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'rina', roles: [first!.role] }, taskId: first!.id, outcome: 'request_changes', comment: 'Lengkapi desain reklame' });
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'dedi', roles: [second!.role] }, taskId: second!.id, outcome: 'approve', comment: null });
    expect(Date.now(), 'the request for changes came before the closing time it should span').to.be.lessThan(midnight.getTime());
    expect(v.status).to.equal('changes_requested');
    expect(v.caseDueAt, 'no case deadline while paused').to.equal(null);
    expect(v.clock!.pauses).to.have.length(1);
    expect(v.clock!.pauses[0]).to.include({ reason: 'awaiting_revision', resumed: null, stageId: 'kajian_teknis', policy: 'continue' });
    expect(v.clock!.pauses[0]!.by).to.deep.equal({ userId: 'rina', role: first!.role });
    const paused = await harness().records.getCase(v.caseId);
    expect(paused?.caseDueAt).to.equal(null);
    expect(paused?.clock?.pauses[0]?.resumed).to.equal(null);

    // The office closes (local midnight) while the file is with the applicant: that working day is not counted.
    await new Promise((resolve) => setTimeout(resolve, Math.max(midnight.getTime() - Date.now() + 2_000, 0)));
    v = await updatePermit(v.caseId, revisionUpdate, { actor: applicant(), fields: {}, documents: { design: { id: 'doc-2', sha256: 'a'.repeat(64) } }, comment: 'Desain dilengkapi' });
    expect(v.status).to.equal('in_review');
    expect(v.clock!.pauses[0]!.resumed).to.be.a('string');
    expect(v.clock!.pauses[0]!.resumedBy).to.deep.equal({ userId: 'budi', role: 'applicant' });
    expect(v.stage?.dueAt, 'the stage deadline moves by one working day').to.equal(new Date(midnight.getTime() + 2 * DAY).toISOString());
    expect(v.caseDueAt, 'and so does the case deadline').to.equal(new Date(midnight.getTime() + 5 * DAY).toISOString());
    expect(openTasks(v).map((t) => t.dueAt)).to.deep.equal([v.stage!.dueAt, v.stage!.dueAt]);
    const review = v.clock!.stages.find((s) => s.stageId === 'kajian_teknis')!;
    expect(review).to.include({ dueAt: v.stage!.dueAt, closedAt: null, policy: 'continue', serviceLevelDays: 2 });

    // The store and the API show the same ledger (the API reads used and left on the office's own calendar).
    const caseId = v.caseId;
    const stored = await until(async () => {
      const row = await harness().records.getCase(caseId);
      return row?.status === 'in_review' && row.clock?.pauses[0]?.resumed ? row : undefined;
    }, 'the store shows the revision');
    expect(stored.caseDueAt).to.equal(v.caseDueAt);
    // Reminders are timers re-armed when the deadline moves: none fell at midnight for the stopped case…
    expect(await harness().records.stageNotices.forCase(caseId)).to.deep.equal([]);
    expect(review.notified ?? []).to.deep.equal([]);
    // …while the running one's 2-day stage reached day 1 (50%, 75% and 90% marks): to both reviewer roles and to
    // their units' supervisors (templates/organisation.json), once each, and one e-mail to each addressee's mailbox.
    const notices = await until(async () => {
      const rows = await harness().records.stageNotices.forCase(running.caseId);
      return rows.length >= 6 ? rows : undefined;
    }, 'the running case’s reminders');
    expect(notices.map((n) => `${n.kind}>${n.role}`).sort()).to.deep.equal(
      ['reminder_50>reviewer:bapenda', 'reminder_50>reviewer:pupr', 'reminder_75>reviewer:bapenda', 'reminder_75>reviewer:pupr', 'reminder_90>supervisor:pupr', 'reminder_90>supervisor:bapenda'].sort(),
    );
    const mails = (await harness().records.outbox.forCase(running.caseId)).filter((m) => m.key.startsWith('notice:'));
    expect(mails.map((m) => `${m.key.split(':').slice(3).join(':')}>${m.recipient}`).sort()).to.deep.equal(
      [
        'reminder_50:reviewer:pupr>perizinan@pupr.example.org',
        'reminder_50:reviewer:bapenda>pajak.reklame@bapenda.example.org',
        'reminder_75:reviewer:pupr>perizinan@pupr.example.org',
        'reminder_75:reviewer:bapenda>pajak.reklame@bapenda.example.org',
        'reminder_90:supervisor:pupr>kepala@pupr.example.org',
        'reminder_90:supervisor:bapenda>kepala@bapenda.example.org',
      ].sort(),
    );
    expect(mails.every((m) => m.subject.includes(running.registrationNumber!) && m.body.includes('Sisa waktu: 1 hari kerja')), 'each names the case and the day left').to.equal(true);
    expect(notices.every((n) => n.stageId === 'kajian_teknis' && n.at === midnight.toISOString())).to.equal(true);
    const afterReminders = await until(async () => {
      const w = await caseHandle(running.caseId).query(viewQuery);
      return w.clock!.stages.at(-1)!.notified?.length === 3 ? w : undefined;
    }, 'the running case notes its reminders');
    expect(afterReminders.clock!.stages.at(-1)!.notified).to.deep.equal(['reminder_50', 'reminder_75', 'reminder_90']);
    expect(afterReminders.facts.flags, 'no escalation before the deadline').to.deep.equal([]);

    const detail = await harness().http().get(`/api/v1/permits/${caseId}`).set('Authorization', await harness().token('budi'));
    expect(detail.status).to.equal(200);
    expect(detail.body.clock.paused).to.equal(false);
    expect(detail.body.clock.pauses).to.deep.equal(v.clock!.pauses);
    expect(detail.body.clock.stages.map((s: { stageId: string }) => s.stageId)).to.deep.equal(['kelengkapan', 'kajian_teknis']);
    expect(detail.body.clock.case).to.have.keys(['serviceLevelDays', 'dueAt', 'workingDaysUsed', 'workingDaysLeft', 'overdue']);
  });
});
