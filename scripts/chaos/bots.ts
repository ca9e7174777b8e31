/**
 * The bots of the fault campaign (scripts/chaos.ts): applicants, reviewers, the head of office, the PPK, legal and
 * the vendor, each acting through whichever API instance is up. A bot never assumes its last request worked: each
 * step reads the case and does what its state asks for, so a request that answered 5xx or broke off (an API,
 * PostgreSQL or the Temporal server going down) is simply sent again once the case shows it was not applied.
 * Submissions and drafts carry an Idempotency-Key, so a repeat attaches to the same case.
 */
import { loadDevUsers } from '../../config/dev-users';
import type { TCaseType } from '../../domain/case-type.schema';
import { clusterClient } from '../../test/harness/cluster-client';
import { submissionBody } from '../../test/harness/api-client';
import { sampleTerms } from '../../test/harness/contracts';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import type { TStackProcess } from '../cluster-stack';

/** What a case is meant to end as. */
export type TScenario = 'issued' | 'revised' | 'rejected' | 'withdrawn' | 'signed' | 'amended';
export const PERMIT_SCENARIOS: readonly TScenario[] = ['issued', 'revised', 'rejected', 'withdrawn'];
export const CONTRACT_SCENARIOS: readonly TScenario[] = ['signed', 'amended'];

/** The case status each scenario ends in. */
export const FINAL_STATUS: Record<TScenario, string> = {
  issued: 'issued',
  revised: 'issued',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  signed: 'active',
  amended: 'active',
};

export interface TBotCase {
  index: number;
  kind: 'permit' | 'contract';
  scenario: TScenario;
  idempotencyKey: string;
  caseId?: string;
  /** The permit's submission body, once its documents are uploaded. */
  submission?: unknown;
  addendumId?: string;
  /** The status the bot last read. */
  status?: string;
  done: boolean;
  /** Answers 5xx and broken connections met along the way (each was followed by a new attempt). */
  failures: number;
  /** Of those, bare 500s (INTERNAL: the API did not know the failure for a passing one). */
  internalErrors: number;
  changesRequested: boolean;
  finishedAfterMs?: number;
}

interface TAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's JSON, read field by field
}

interface TTask {
  id: string;
  kind: string;
  role: string;
  caseId?: string;
}

export interface TBotsOptions {
  apis: () => readonly TStackProcess[];
  jwtSecret: string;
  permitType: TCaseType;
  /** Every 4xx the bots did not expect, for the log. */
  onRefusal: (line: string) => void;
  /** The pause between two steps of a case (default 300 ms; a bench takes less). */
  stepPauseMs?: number;
}

const REQUEST_TIMEOUT_MS = 30_000;
const COMMENT = 'Mohon lengkapi gambar konstruksi papan reklame';

/** Thrown for a 5xx or a broken connection: the step is tried again after a pause. */
class Transient extends Error {}

export function createBots(opts: TBotsOptions) {
  const { token, target } = clusterClient({ apis: opts.apis, jwtSecret: opts.jwtSecret });
  const devUsers = loadDevUsers();
  // A revision must change something: the first free-text field of the type, reworded.
  const revisable = opts.permitType.fields.find((f) => f.type === 'text' && !f.pattern);
  if (!revisable) throw new Error(`permit type ${opts.permitType.id} has no free-text field to revise`);
  const revisedFields = { [revisable.id]: 'Teks diperbaiki sesuai permintaan petugas' };
  let turn = 0;
  /** A running API, taking turns between them. */
  const api = (): TStackProcess => {
    const up = opts.apis().filter((a) => a.child && !a.child.done);
    if (up.length === 0) throw new Transient('no API instance is running');
    return up[turn++ % up.length]!;
  };
  /** The development user holding a role (the signer's certificate is theirs), else a staff user made for it. */
  const userFor = (role: string): [string, string[] | undefined] => {
    const user = devUsers.find((u) => u.roles.includes(role));
    return user ? [user.id, undefined] : [`staff-${role.replace(/[^a-z0-9]/g, '-')}`, [role]];
  };

  async function request(c: TBotCase, method: string, path: string, user: [string, string[]?], body?: unknown, idempotencyKey?: string): Promise<TAnswer> {
    const headers: Record<string, string> = { authorization: await token(user[0], user[1]), accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let res: Response;
    try {
      res = await fetch(`${api().url}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      c.failures++;
      throw new Transient(`${method} ${path}: ${(err as Error).message}`);
    }
    const answer = { status: res.status, body: await res.json().catch(() => null) };
    if (res.status >= 500) {
      c.failures++;
      if (res.status === 500) c.internalErrors++;
      throw new Transient(`${method} ${path}: ${res.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
    if (res.status >= 400) opts.onRefusal(`case ${c.index} (${c.caseId ?? 'new'}): ${method} ${path} answered ${res.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer;
  }

  async function decide(c: TBotCase, task: TTask, outcome: string, extra: Record<string, unknown> = {}): Promise<void> {
    const body = task.kind === 'sign' ? { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE } : { outcome, ...extra };
    await request(c, 'POST', `/tasks/${task.id}/decision`, userFor(task.role), body);
  }

  /** One step of a permit; true once it is in a closed status. */
  async function permitStep(c: TBotCase): Promise<boolean> {
    const applicant: [string] = ['budi'];
    if (!c.caseId) {
      try {
        // Built once: a repeated submission is the same request (same documents), as the Idempotency-Key requires.
        c.submission ??= await submissionBody(opts.permitType, 'budi', target(api()));
      } catch (err) {
        c.failures++; // an upload that broke off or answered 5xx (submissionBody asserts its 201)
        throw new Transient(`uploads: ${(err as Error).message.slice(0, 200)}`);
      }
      const res = await request(c, 'POST', '/permits', applicant, c.submission, c.idempotencyKey);
      if (res.status === 201) c.caseId = res.body.id;
      return false;
    }
    const d = (await request(c, 'GET', `/permits/${c.caseId}`, ['admin'])).body;
    c.status = d.status;
    if (['issued', 'rejected', 'withdrawn', 'approved'].includes(d.status)) return true;
    if (d.status === 'changes_requested') c.changesRequested = true;
    if (c.scenario === 'withdrawn') {
      await request(c, 'POST', `/permits/${c.caseId}/withdrawal`, applicant, { reason: 'Lokasi reklame dipindahkan' });
      return false;
    }
    if (d.status === 'changes_requested') {
      await request(c, 'POST', `/permits/${c.caseId}/revisions`, applicant, { fields: revisedFields, comment: 'Gambar konstruksi sudah dilengkapi' });
      return false;
    }
    for (const task of d.openTasks as TTask[]) {
      // One refusal or request for changes ends the stage: the other tasks of it are cancelled, not decided.
      if (task.kind === 'sign') await decide(c, task, 'sign');
      else if (c.scenario === 'rejected') return decide(c, task, 'reject', { comment: 'Lokasi berada di kawasan larangan reklame' }).then(() => false);
      else if (c.scenario === 'revised' && !c.changesRequested) return decide(c, task, 'request_changes', { comment: COMMENT }).then(() => false);
      else await decide(c, task, 'approve');
    }
    return false;
  }

  /** The open tasks of a case that only shows in the inboxes (an addendum): each role holder's GET /tasks, every page. */
  async function tasksOf(c: TBotCase, caseId: string): Promise<TTask[]> {
    const seen = new Map<string, TTask>();
    const inbox = async (user: string) => {
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const list = await request(c, 'GET', `/tasks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, [user]);
        for (const t of (list.body?.items ?? []) as TTask[]) if (t.caseId === caseId) seen.set(t.id, t);
        cursor = (list.body?.nextCursor as string | null | undefined) ?? null;
        if (!cursor) return;
      }
    };
    await Promise.all(['hukum', 'kepala', 'ppk', 'vendor-a'].map(inbox));
    return [...seen.values()];
  }

  async function contractTask(c: TBotCase, task: TTask): Promise<void> {
    switch (task.kind) {
      case 'review':
        return decide(c, task, 'approve', { comment: 'Sesuai SBD' });
      case 'vendor_review':
        await request(c, 'POST', `/contracts/${c.caseId}/versions`, ['vendor-a'], { terms: sampleTerms({ unitPrice: 13_500_000 }) });
        return;
      case 'ppk_review':
        return decide(c, task, 'accept');
      case 'guarantee':
        return decide(c, task, 'submit', { comment: `JP-${c.index}` });
      default:
        return decide(c, task, 'sign');
    }
  }

  /** One step of a contract (and of its addendum); true once it is in force (and amended) or closed. */
  async function contractStep(c: TBotCase): Promise<boolean> {
    const ppk: [string] = ['ppk'];
    if (!c.caseId) {
      const res = await request(c, 'POST', '/contracts', ppk, { typeId: 'barang', terms: sampleTerms() }, c.idempotencyKey);
      if (res.status === 201) c.caseId = res.body.id;
      return false;
    }
    const d = (await request(c, 'GET', `/contracts/${c.caseId}`, ppk)).body;
    c.status = d.status;
    if (['rejected', 'withdrawn', 'terminated'].includes(d.status)) return true;
    if (d.status !== 'active') {
      for (const task of d.openTasks as TTask[]) await contractTask(c, task);
      return false;
    }
    if (c.scenario === 'signed') return true;
    const addendum = (d.addenda as Array<{ id: string; status: string }>).at(-1);
    if (!addendum) {
      const items = (d.currentTerms.items as Array<{ id: string; quantity: number }>).map((i) => (i.id === 'pc' ? { ...i, quantity: i.quantity + 1 } : i));
      const res = await request(c, 'POST', `/contracts/${c.caseId}/addenda`, ppk, { justification: 'Penambahan satu unit komputer untuk gerai layanan baru', items });
      if (res.status === 201) c.addendumId = res.body.id;
      return false;
    }
    c.addendumId = addendum.id;
    if (['rejected', 'withdrawn'].includes(addendum.status)) return true;
    // Done once the contract's workflow has seen its child finish (the contract takes the new terms).
    if (addendum.status === 'issued') return (d.timeline as Array<{ action: string }>).some((e) => e.action === 'amended');
    for (const task of await tasksOf(c, addendum.id)) await contractTask(c, task);
    return false;
  }

  /**
   * Drives one case until it settles or `deadline` passes (then it stays not done: lost). Between steps a short
   * pause; after a 5xx or a broken connection a growing one (capped), so a bot waits out an outage.
   */
  async function run(c: TBotCase, deadline: number, log: (line: string) => void): Promise<void> {
    const startedAt = Date.now();
    let backoffMs = 250;
    while (Date.now() < deadline) {
      try {
        c.done = await (c.kind === 'permit' ? permitStep(c) : contractStep(c));
        if (c.done) {
          c.finishedAfterMs = Date.now() - startedAt;
          return;
        }
        backoffMs = 250;
        await pause(opts.stepPauseMs ?? 300);
      } catch (err) {
        if (!(err instanceof Transient)) throw err;
        if (backoffMs >= 4_000) log(`case ${c.index} (${c.caseId ?? 'new'}) still failing: ${err.message}`);
        await pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 8_000);
      }
    }
  }

  return { run };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
