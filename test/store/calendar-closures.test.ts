import { expect } from 'chai';
import type { Records } from '../../store/records';
import { ClosureChangeRefused } from '../../store/calendar-closures';
import { DIALECTS, recordsForSuite } from '../harness/databases';

/** Closures declared at run time (issue 10 §3): one transaction per change, numbered, with its admin event. */
for (const dialect of DIALECTS) describe(`store/calendar-closures (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened));
  it('numbers each change, keeps the closures in force, writes an admin event, and refuses a duplicate or a missing date', async () => {
    expect(await records.calendarClosures.edition()).to.deep.equal({ revision: 0, closures: [] });
    const added = await records.calendarClosures.add({ date: '2026-12-24', reason: 'Banjir', by: 'admin' });
    expect(added.change).to.include({ revision: 1, action: 'added', date: '2026-12-24', reason: 'Banjir' });
    await records.calendarClosures.add({ date: '2026-12-21', reason: 'Rapat', by: 'admin' });
    expect(await records.calendarClosures.edition()).to.deep.equal({ revision: 2, closures: [{ date: '2026-12-21', reason: 'Rapat' }, { date: '2026-12-24', reason: 'Banjir' }] });
    const refused = await records.calendarClosures.add({ date: '2026-12-24', reason: 'lagi', by: 'admin' }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(ClosureChangeRefused).with.property('code', 'CLOSURE_EXISTS');
    const removed = await records.calendarClosures.remove({ date: '2026-12-24', by: 'admin' });
    expect(removed.change).to.include({ revision: 3, action: 'removed', reason: 'Banjir' });
    expect(removed.edition.closures).to.deep.equal([{ date: '2026-12-21', reason: 'Rapat' }]);
    const missing = await records.calendarClosures.remove({ date: '2026-12-24', by: 'admin' }).catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(ClosureChangeRefused).with.property('code', 'CLOSURE_NOT_FOUND');
    expect(await records.calendarClosures.edition()).to.have.property('revision', 3); // a refusal writes nothing
    const events = await records.security.listEvents();
    // Ordered by revision: changes within one millisecond share their instant.
    expect(events.map((e) => [e.kind, e.userId, e.detail.date, e.detail.revision]).sort((x, y) => (x[3] as number) - (y[3] as number))).to.deep.equal([
      ['calendar_closure_added', 'admin', '2026-12-24', 1],
      ['calendar_closure_added', 'admin', '2026-12-21', 2],
      ['calendar_closure_removed', 'admin', '2026-12-24', 3],
    ]);
  });

  it('lists the changes not yet re-projected within a window, each with the closures in force right after it, until noted', async () => {
    const window = { since: '2000-01-01T00:00:00.000Z', before: new Date(Date.now() + 60_000).toISOString(), limit: 10 };
    const pending = await records.calendarClosures.notReprojected(window);
    // The three changes of the test above: the closures replayed from the log up to each revision.
    expect(pending.map((p) => [p.change.revision, p.closures.map((c) => c.date)])).to.deep.equal([
      [1, ['2026-12-24']],
      [2, ['2026-12-21', '2026-12-24']],
      [3, ['2026-12-21']],
    ]);
    expect(await records.calendarClosures.notReprojected({ ...window, limit: 1 })).to.have.length(1);
    expect(await records.calendarClosures.notReprojected({ ...window, before: '2000-01-02T00:00:00.000Z' })).to.deep.equal([]);
    await records.calendarClosures.markReprojected(pending[1]!.change.changeId, new Date());
    expect((await records.calendarClosures.notReprojected(window)).map((p) => p.change.revision)).to.deep.equal([1, 3]);
  });
});
