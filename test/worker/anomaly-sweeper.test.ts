import { expect } from 'chai';
import type { TFinding } from '../../domain/anomalies/finding';
import type { Records } from '../../store/records';
import { officeHoursFromFile, startAnomalySweeper } from '../../worker/anomaly-sweeper';

/**
 * The sweeper's schedule over a fake store of 450 unchanged cases (pages of 200): a first full sweep larger than
 * one pass (here at most 250 cases, two pages) goes on from where the last pass stopped, then passes look at the latest change only.
 */
describe('worker: anomaly sweeper schedule', () => {
  it('finishes a full sweep over several passes, then sweeps from the last change', async () => {
    const cases = Array.from({ length: 450 }, (_, i) => ({ caseId: `c${String(i).padStart(3, '0')}`, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }));
    const asked: string[] = [];
    const loaded: string[] = [];
    const records = {
      auditCases: {
        typeMedians: async () => new Map(),
        awardsSince: async () => [],
        changedSince: async (since: string, cursor: readonly unknown[] | undefined, limit: number) => {
          if (!cursor) asked.push(since);
          const after = cases.filter((c) => c.updatedAt >= since && (!cursor || c.updatedAt > String(cursor[0])));
          const items = after.slice(0, limit);
          return { items, next: after.length > limit ? [items.at(-1)!.updatedAt, items.at(-1)!.caseId] : null };
        },
        load: async (caseId: string) => {
          loaded.push(caseId);
          return undefined;
        },
      },
      auditFindings: { record: async (_f: readonly TFinding[]) => 0 },
    } as unknown as Pick<Records, 'auditCases' | 'auditFindings'>;
    const sweeper = startAnomalySweeper({ records, office: officeHoursFromFile(), intervalMs: 5, maxCases: 250, log: { info: () => {}, warn: () => {} } });
    while (asked.length < 4) await new Promise((r) => setTimeout(r, 5));
    await sweeper.stop();
    expect(asked.slice(0, 4)).to.deep.equal([new Date(0).toISOString(), cases[399]!.updatedAt, cases[449]!.updatedAt, cases[449]!.updatedAt]);
    expect(new Set(loaded).size, 'every case looked at').to.equal(450);
  });
});
