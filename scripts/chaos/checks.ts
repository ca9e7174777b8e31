/**
 * The closing checks of the fault campaign (scripts/chaos.ts), read from the records database (PostgreSQL), the
 * Temporal server (each case's workflow), the office's public verification endpoint and the SMTP sink. Each row of
 * the table is a figure and, for invariants, whether it holds.
 */
import type { Client } from '@temporalio/client';
import type { TCaseKind } from '../../domain/case';
import { BlobStore } from '../../store/blob-store';
import { openDatabase } from '../../store/database';
import { outboxMessageId } from '../../worker/mail-dispatcher';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { RECORDS_DATABASE, type TClusterStack } from '../cluster-stack';
import { FINAL_STATUS, type TBotCase } from './bots';
import type { TSmtpSink } from './smtp-sink';

export interface TCheckRow {
  label: string;
  value: string | number;
  /** undefined: a figure, not an invariant. */
  ok?: boolean;
}

export interface TCheckInputs {
  stack: TClusterStack;
  cases: readonly TBotCase[];
  temporal: Client;
  sink: TSmtpSink;
  /** The domain of the dispatchers' Message-IDs (SMTP_FROM). */
  messageIdDomain: string;
  /** The API base URL the PDFs are verified through. */
  verifyUrl: () => string;
}

const rows = (psql: (sql: string) => string, sql: string): string[][] =>
  psql(sql)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('|'));

/** Sequence numbers of a series: given twice, and missing from 1..last. */
function gaps(seqs: number[], last: number): { twice: number; skipped: number } {
  const seen = new Map<number, number>();
  for (const s of seqs) seen.set(s, (seen.get(s) ?? 0) + 1);
  let twice = 0;
  for (const n of seen.values()) twice += n - 1;
  let skipped = 0;
  for (let s = 1; s <= last; s++) if (!seen.has(s)) skipped++;
  return { twice, skipped };
}

export async function runChecks(input: TCheckInputs): Promise<TCheckRow[]> {
  const { stack, cases } = input;
  const psql = (sql: string) => stack.postgres!.psql(sql, RECORDS_DATABASE);
  const out: TCheckRow[] = [];
  const stored = new Map(rows(psql, 'select case_id, kind, status from cases').map(([id, kind, status]) => [id!, { kind: kind as TCaseKind, status: status! }]));

  // --- cases ---
  const permits = cases.filter((c) => c.kind === 'permit').length;
  const amended = cases.filter((c) => c.scenario === 'amended').length;
  out.push({ label: 'cases expected (permits + contracts, addenda)', value: `${permits} + ${cases.length - permits}, ${amended}` });
  const inFinal = cases.filter((c) => {
    const row = c.caseId ? stored.get(c.caseId) : undefined;
    if (row?.status !== FINAL_STATUS[c.scenario]) return false;
    return c.scenario !== 'amended' || (c.addendumId !== undefined && stored.get(c.addendumId)?.status === 'issued');
  });
  out.push({ label: 'cases in their expected final state', value: inFinal.length, ok: inFinal.length === cases.length });
  const lost = cases.filter((c) => !c.done);
  out.push({ label: 'lost (not settled in time)', value: lost.length ? `${lost.length}: ${lost.map((c) => `#${c.index} ${c.scenario} ${c.caseId ?? '(not registered)'} ${c.status ?? ''}`).join('; ')}` : 0, ok: lost.length === 0 });
  const wrong = cases.filter((c) => c.done && !inFinal.includes(c));
  out.push({ label: 'settled in another state', value: wrong.length ? wrong.map((c) => `#${c.index} ${c.scenario}→${c.status}`).join('; ') : 0, ok: wrong.length === 0 });
  out.push({ label: 'case time to settle p50 / max (s)', value: settleTimes(cases) });

  // --- registrations and numbers ---
  const expectedRows = cases.length + cases.filter((c) => c.addendumId).length;
  const doubleRegistered = rows(psql, `select case_id from case_events where action = 'registered' group by case_id having count(*) > 1`);
  const extraRows = stored.size - expectedRows;
  out.push({ label: 'duplicated registrations (extra case rows, registered twice)', value: `${Math.max(extraRows, 0)}, ${doubleRegistered.length}`, ok: extraRows <= 0 && doubleRegistered.length === 0 });
  const series = new Map<string, number[]>();
  const add = (scope: string, seq: number) => series.set(scope, [...(series.get(scope) ?? []), seq]);
  for (const [number] of rows(psql, 'select registration_number from cases')) {
    const cut = number!.lastIndexOf('/');
    add(number!.slice(0, cut), Number(number!.slice(cut + 1)));
  }
  for (const [scope, seq] of rows(psql, 'select scope, seq from number_reservations')) add(scope!, Number(seq));
  let twice = 0;
  let skipped = 0;
  for (const [scope, last] of rows(psql, 'select scope, last_value from registration_counters')) {
    const g = gaps(series.get(scope!) ?? [], Number(last));
    twice += g.twice;
    skipped += g.skipped;
  }
  out.push({ label: `numbers issued twice (${series.size} series)`, value: twice, ok: twice === 0 });
  out.push({ label: 'numbers skipped', value: skipped, ok: skipped === 0 });
  const unissued = rows(psql, 'select r.number from number_reservations r left join issued_documents d on d.number = r.number where d.number is null');
  out.push({ label: 'document numbers reserved but never issued', value: unissued.length ? unissued.map((r) => r[0]).join(', ') : 0, ok: unissued.length === 0 });

  // --- issued documents ---
  const issued = rows(psql, 'select number, case_id, sha256 from issued_documents');
  const perCase = new Map<string, number>();
  for (const [, caseId] of issued) perCase.set(caseId!, (perCase.get(caseId!) ?? 0) + 1);
  const issuedTwice = [...perCase.values()].filter((n) => n > 1).length;
  out.push({ label: 'cases with two issued documents', value: issuedTwice, ok: issuedTwice === 0 });
  const failed = await verifyIssued(input, issued.map(([number, , sha256]) => ({ number: number!, sha256: sha256! })));
  out.push({ label: `issued PDFs failing verification (of ${issued.length})`, value: failed.length ? failed.join('; ') : 0, ok: failed.length === 0 });

  // --- notices ---
  out.push(...noticeRows(input, psql));

  // --- workflows ---
  const unexpected: string[] = [];
  for (const c of cases.filter((c) => c.caseId)) {
    const runs: Array<[TCaseKind, string, string]> = [[c.kind, c.caseId!, c.kind === 'contract' && c.done ? 'RUNNING' : 'COMPLETED']];
    if (c.addendumId) runs.push(['addendum', c.addendumId, 'COMPLETED']);
    for (const [kind, id, want] of runs) {
      const status = await input.temporal.workflow
        .getHandle(caseWorkflowId(kind, id))
        .describe()
        .then((d) => d.status.name, (err: Error) => `not found (${err.message.slice(0, 60)})`);
      if (status !== want && c.done) unexpected.push(`${kind}:${id} ${status}`);
    }
  }
  out.push({ label: 'workflows not in their expected status', value: unexpected.length ? unexpected.join('; ') : 0, ok: unexpected.length === 0 });
  return out;
}

function settleTimes(cases: readonly TBotCase[]): string {
  const times = cases.flatMap((c) => (c.finishedAfterMs === undefined ? [] : [c.finishedAfterMs / 1000])).sort((a, b) => a - b);
  if (times.length === 0) return '-';
  return `${times[Math.floor(times.length / 2)]!.toFixed(0)} / ${times.at(-1)!.toFixed(0)}`;
}

/** Each issued PDF, as stored, uploaded to the public verification endpoint: the numbers of those not `valid`. */
async function verifyIssued(input: TCheckInputs, docs: Array<{ number: string; sha256: string }>): Promise<string[]> {
  const db = openDatabase(input.stack.postgres!.url(RECORDS_DATABASE));
  const blobs = new BlobStore(db);
  const failed: string[] = [];
  try {
    await verifyEach(input, blobs, docs, failed);
  } finally {
    await db.destroy();
  }
  return failed;
}

async function verifyEach(input: TCheckInputs, blobs: BlobStore, docs: Array<{ number: string; sha256: string }>, failed: string[]): Promise<void> {
  for (const doc of docs) {
    const pdf = await blobs.get(doc.sha256);
    if (!pdf) {
      failed.push(`${doc.number}: no stored PDF`);
      continue;
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'dokumen.pdf');
    const res = await fetch(`${input.verifyUrl()}/api/v1/public/verify`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as { valid?: boolean } | null;
    if (res.status !== 200 || body?.valid !== true) failed.push(`${doc.number}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
}

/**
 * Every permit's receipt (outbox key `<case>:received`) and every issued permit's notice (`<case>:issued`) to its
 * applicant delivered once: never, or more than one message for one, fail; the same message delivered again (same
 * Message-ID: the dispatcher's at-least-once after a crash between the send and its record) is shown apart. Any
 * other mail is unexpected in a run this short.
 */
function noticeRows(input: TCheckInputs, psql: (sql: string) => string): TCheckRow[] {
  const outbox = rows(psql, 'select key, case_id, sent_at from outbox');
  const permits = input.cases.filter((c) => c.kind === 'permit' && c.caseId);
  const issuedPermits = permits.filter((c) => FINAL_STATUS[c.scenario] === 'issued');
  const expectedKeys = new Set([...permits.map((c) => `${c.caseId}:received`), ...issuedPermits.map((c) => `${c.caseId}:issued`)]);
  const idOf = (key: string) => outboxMessageId(key, input.messageIdDomain);
  const delivered = (key: string) => input.sink.deliveries.get(idOf(key)) ?? 0;
  const keys = new Set(outbox.map(([key]) => key!));
  const never = [...expectedKeys].filter((k) => delivered(k) === 0);
  const resent = [...expectedKeys].filter((k) => delivered(k) > 1);
  const notices = new Map<string, number>();
  for (const [key, caseId] of outbox) if (!expectedKeys.has(key!)) notices.set(caseId!, (notices.get(caseId!) ?? 0) + 1);
  const perCaseExtra = permits.filter((c) => notices.has(c.caseId!)).length;
  const knownIds = new Set([...keys].map(idOf));
  const strangers = [...input.sink.deliveries.keys()].filter((id) => !knownIds.has(id)).length + input.sink.withoutId;
  const otherRows = outbox.filter(([key]) => !expectedKeys.has(key!)).length;
  return [
    { label: 'notices expected (receipts, issued permits)', value: expectedKeys.size },
    { label: 'notices delivered exactly once', value: expectedKeys.size - never.length - resent.length },
    { label: 'notices never delivered', value: never.length ? never.join(', ') : 0, ok: never.length === 0 },
    { label: 'notices sent twice (a second message for one notice)', value: perCaseExtra, ok: perCaseExtra === 0 },
    { label: 'notices resent, same Message-ID (at-least-once)', value: resent.length ? `${resent.length}: ${resent.map((k) => `${k}×${delivered(k)}`).join(', ')}` : 0 },
    { label: 'unexpected mail (other outbox rows, unknown Message-IDs)', value: `${otherRows}, ${strangers}`, ok: otherRows === 0 && strangers === 0 },
  ];
}

/** The table, one row a line: label, value, and PASS/FAIL for invariants. */
export function formatTable(table: readonly TCheckRow[]): string {
  const width = Math.max(...table.map((r) => r.label.length));
  return table.map((r) => `${r.label.padEnd(width)}  ${String(r.value).padEnd(8)}${r.ok === undefined ? '' : r.ok ? '  ok' : '  FAIL'}`).join('\n');
}
