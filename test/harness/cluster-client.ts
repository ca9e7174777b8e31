/**
 * A client of the production-shape stack (scripts/cluster-stack.ts) over HTTP, as an office's front end would be:
 * permits submitted and decided through whichever API instance is up, decisions sent again after a 503 or a
 * broken connection while their task is still open. Used by test/cluster/ and `npm run bench:cluster`.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { signToken } from '../../api/auth';
import { loadDevUsers } from '../../config/dev-users';
import type { TCaseType } from '../../domain/case-type.schema';
import type { TStackProcess } from '../../scripts/cluster-stack';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { submissionBody, type TApiTarget } from './api-client';

export interface TCaseDetail {
  id: string;
  status: string;
  registrationNumber: string;
  certificate: { number: string; status: string } | null;
  timeline: Array<{ action: string }>;
  openTasks: Array<{ id: string; kind: string; role: string }>;
}

/** What a request of the client was, for figures: the submission, a review decision or a signature. */
export type TRequestKind = 'submit' | 'review' | 'sign';

export interface TClusterClientOptions {
  /** The stack's API instances (their list may change as instances are killed and started). */
  apis: () => readonly TStackProcess[];
  /** JWT_SECRET of the stack's instances. */
  jwtSecret: string;
  /** Called after each request that answered 2xx, with its duration. */
  onRequest?: (kind: TRequestKind, ms: number) => void;
}

const RETRY_MS = 1_000;
const MAX_ATTEMPTS = 20;

export function clusterClient(opts: TClusterClientOptions) {
  const devUsers = new Map(loadDevUsers().map((u) => [u.id, u]));
  const secret = new TextEncoder().encode(opts.jwtSecret);
  const token = async (userId: string, roles?: string[]) =>
    `Bearer ${await signToken(secret, { id: userId, roles: roles ?? devUsers.get(userId)?.roles ?? ['applicant'] })}`;
  const staff = (role: string) => token(`staff-${role.replace(/[^a-z0-9]/g, '-')}`, [role]);
  const target = (api: TStackProcess): TApiTarget => ({ http: () => supertest.agent(api.url!), token });
  const timed = async <T>(kind: TRequestKind, request: () => Promise<T & { status: number }>) => {
    const startedAt = performance.now();
    const res = await request();
    if (res.status >= 200 && res.status < 300) opts.onRequest?.(kind, performance.now() - startedAt);
    return res;
  };

  /** The running APIs, the preferred one (by index) first. */
  const alive = (preferred: number): TStackProcess[] => {
    const apis = opts.apis();
    const ordered = [...apis.slice(preferred % apis.length), ...apis.slice(0, preferred % apis.length)];
    const up = ordered.filter((a) => a.child && !a.child.done);
    if (up.length === 0) throw new Error('no API instance is running');
    return up;
  };

  async function detail(preferred: number, caseId: string): Promise<TCaseDetail> {
    const res = await supertest(alive(preferred)[0]!.url!).get(`/api/v1/permits/${caseId}`).set('Authorization', await token('admin'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as TCaseDetail;
  }

  /**
   * Decides a task: on a 503 (the case's workflow did not take the request in time, e.g. while its worker was
   * dying) or a broken connection it reads the case and sends the decision again while the task is still open,
   * on the other API if the first is gone.
   */
  async function decide(preferred: number, caseId: string, task: TCaseDetail['openTasks'][number]): Promise<void> {
    const kind: TRequestKind = task.kind === 'sign' ? 'sign' : 'review';
    const [body, auth] =
      kind === 'sign' ? [{ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE }, await token('kepala')] : [{ outcome: 'approve' }, await staff(task.role)];
    for (let attempt = 1; ; attempt++) {
      const res = await timed(kind, () =>
        supertest(alive(preferred)[0]!.url!)
          .post(`/api/v1/tasks/${task.id}/decision`)
          .set('Authorization', auth)
          .send(body)
          .catch((err: Error) => ({ status: 0, body: { error: err.message } })),
      );
      if (res.status === 200) return;
      expect([0, 503], `decision on ${caseId}: ${res.status} ${JSON.stringify(res.body)}`).to.include(res.status);
      expect(attempt, `decision on ${caseId} kept failing: ${JSON.stringify(res.body)}`).to.be.below(MAX_ATTEMPTS);
      await new Promise((r) => setTimeout(r, RETRY_MS));
      if (!(await detail(preferred, caseId)).openTasks.some((t) => t.id === task.id)) return;
    }
  }

  /** Reviews, then signs as the head of office, each decision through the preferred API (or another if it is gone). */
  async function complete(preferred: number, caseId: string): Promise<TCaseDetail> {
    for (;;) {
      const d = await detail(preferred, caseId);
      if (d.status === 'issued') return d;
      expect(d.openTasks.length, `case ${caseId} is ${d.status} with no open task`).to.be.above(0);
      await Promise.all(d.openTasks.map((task) => decide(preferred, caseId, task)));
    }
  }

  /** Uploads the documents and submits a permit of the type as `budi` through the API. */
  async function submit(api: TStackProcess, type: TCaseType, idempotencyKey?: string): Promise<{ id: string; registrationNumber: string }> {
    const body = await submissionBody(type, 'budi', target(api));
    const auth = await token('budi');
    const res = await timed('submit', () => {
      const req = supertest(api.url!).post('/api/v1/permits').set('Authorization', auth);
      if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
      return req.send(body);
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; registrationNumber: string };
  }

  return { token, target, detail, decide, complete, submit };
}
