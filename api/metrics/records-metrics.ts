import { Gauge, type Registry } from 'prom-client';
import { CASE_KINDS, CASE_STATUSES } from '../../domain/case';
import type { Records } from '../../store/records';

/**
 * The office's figures, counted by the records database on each scrape (indexed queries; no case is loaded):
 * every API instance reports the same shared numbers, so a dashboard takes max() over instances, not sum().
 */
export function registerRecordsMetrics(registry: Registry, records: Records): void {
  new Gauge({
    name: 'sahkan_cases',
    help: 'Cases by kind and status (open and closed)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const counts = await records.serviceLevels.casesByKindAndStatus();
      // Every kind and status, zero included: a status that empties shows 0 instead of a series that vanishes.
      for (const kind of CASE_KINDS) for (const status of CASE_STATUSES) this.set({ kind, status }, 0);
      for (const c of counts) this.set({ kind: c.kind, status: c.status }, c.count);
    },
  });
  new Gauge({
    name: 'sahkan_stages_overdue',
    help: 'Open cases past their stage or case deadline (the deadline rule of the office calendar), by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      // The administrators' dashboard count (store/service-levels.ts), so both always agree.
      const groups = await records.serviceLevels.openByTypeAndStage(new Date(), {});
      for (const kind of CASE_KINDS) this.set({ kind }, groups.filter((g) => g.kind === kind).reduce((n, g) => n + g.overdue, 0));
    },
  });
  new Gauge({
    name: 'sahkan_outbox_backlog',
    help: 'Notifications written to the outbox and not yet sent',
    registers: [registry],
    async collect() {
      this.set((await records.outbox.backlog()).unsent);
    },
  });
  new Gauge({
    name: 'sahkan_outbox_oldest_age_seconds',
    help: 'Age of the oldest notification not yet sent (0 when none waits)',
    registers: [registry],
    async collect() {
      // Its own query: a registry collects its metrics concurrently, so one gauge cannot wait for another's.
      const { oldestCreatedAt } = await records.outbox.backlog();
      this.set(oldestCreatedAt ? Math.max(0, (Date.now() - Date.parse(oldestCreatedAt)) / 1000) : 0);
    },
  });
}
