import crypto from 'node:crypto';
import { Router } from 'express';
import { ZodError } from 'zod';
import type { Request, Response } from 'express';
import type { TTask } from '../../domain/case';
import { SIGN_STAGE } from '../../domain/engine/case-state';
import { slaStateOf, slaStateReader } from '../../domain/sla-state';
import { workingTimeNow } from '../../api/use-cases/calendar';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import { actorOf } from '../../api/auth';
import { visibleDocument, visibleTask } from '../../api/case-access';
import { ApiError, notFound, toApiError } from '../../api/errors';
import { addendumDocument } from '../../api/use-cases/addenda';
import { contractDocument } from '../../api/use-cases/contracts';
import { myNotices, NOTICE_WINDOW_DAYS, noticeBadges } from '../../api/use-cases/notices';
import { certificatePreview } from '../../api/use-cases/signing-preview';
import { claimTask, decideTask, inbox, releaseTask, taskDetail } from '../../api/use-cases/tasks';
import { signTasks } from '../../api/use-cases/sign-batch';
import { SIGN_BATCH_MAX } from '../../api/schemas';
import type { TTaskDetail } from '../../api/use-cases/tasks';
import { caseLapseReport } from '../../api/use-cases/lapse';
import { drafterWording } from '../case-wording';
import { CURSOR_PARAM } from '../components/pagination';
import type { TFormErrors } from '../components/form-errors';
import type { TLang } from '../i18n/define-messages';
import type { TPageContext } from '../page-context';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import { officeNameOf } from '../web-app';
import type { TPageDeps } from '../web-app';
import { contractStageOptions } from './contracts/contract-stage';
import { stageLabel } from '../stage-label';
import { InboxPage } from './tasks/inbox.page';
import type { TInboxFilters } from './tasks/inbox.page';
import { TaskPage } from './tasks/task.page';
import { CHOSEN_FIELD, KEY_FIELD, numberField, SIGN_BATCH_PATH, SIGN_BATCH_RESULT_PATH, SignBatchForm, SignBatchResultPage } from './tasks/sign-batch.page';
import type { TSignBatchOutcome } from './tasks/sign-batch.page';
import type { TTaskNotice, TTaskPageProps } from './tasks/task.page';

const PAGE_SIZE = 20;
/** Notices on the inbox page at a time (`?pemberitahuan=<cursor>` goes further back). */
const NOTICES_PAGE_SIZE = 10;
const NOTICE_PARAMS: Record<string, TTaskNotice> = { diambil: 'claimed', dilepas: 'released', diputuskan: 'decided', ditandatangani: 'signed' };
const COMMENT_MAX = 4000;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

declare module 'express-session' {
  interface SessionData {
    /** The outcomes of this session's last sign batch, for its result page (POST-redirect-GET; nothing secret). */
    signBatch?: TSignBatchOutcome[];
  }
}

/** The inbox's filters as the URL carries them. */
const filtersOf = (req: Request): TInboxFilters => ({
  q: text(req.query.q)?.trim().slice(0, 60) || undefined,
  jenis: text(req.query.jenis) || undefined,
  tahap: text(req.query.tahap) || undefined,
  terlambat: text(req.query.terlambat) === '1' ? '1' : undefined,
});
const queryOf = (filters: TInboxFilters) => new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();

/**
 * A refused passphrase as the signing forms show it, next to the field: wrong (403), the throttle's wait (429) or
 * lock (423, with Retry-After), no certificate. Null for any other error.
 */
function passphraseRefusal(err: unknown, p: TPageContext, res: Response): { errors: TFormErrors; status: number } | null {
  const apiError = toApiError(err);
  if (apiError.code === 'FORBIDDEN' && apiError.details?.some((d) => d.path === 'passphrase')) {
    return { errors: { passphrase: p.t('tasks.sign.wrongPassphrase') }, status: 403 };
  }
  if ((apiError.code === 'TOO_MANY_REQUESTS' || apiError.code === 'LOCKED') && apiError.retryAfterSeconds !== undefined) {
    const when = p.format.dateTime(new Date(Date.now() + apiError.retryAfterSeconds * 1000));
    res.setHeader('Retry-After', String(apiError.retryAfterSeconds));
    return { errors: { passphrase: p.t(apiError.code === 'LOCKED' ? 'tasks.sign.locked' : 'tasks.sign.throttled', { when }) }, status: apiError.status };
  }
  if (apiError.code === 'FORBIDDEN' && /signing certificate/.test(apiError.message)) return { errors: { _form: p.t('tasks.sign.noCertificate') }, status: 403 };
  return null;
}

/**
 * The reviewers' and signers' pages: the inbox (/tugas), the task page with its decision or signing form
 * (/tugas/:taskId), and same-origin inline previews of a case's documents (/dokumen/:id). Every action calls the
 * use case the JSON API calls (api/use-cases/tasks.ts).
 */
export function tasksPages(deps: TPageDeps): Router {
  const router = Router();
  const officeName = officeNameOf(deps);
  const page = (req: Request) => pageContext(req, officeName);

  const typeName = (typeId: string, lang: TLang) => deps.catalog.get(typeId)?.name[lang] ?? deps.contractTypes.get(typeId)?.name[lang] ?? typeId;
  const stageNamer = (typeId: string, p: TPageContext) => (task: Pick<TTask, 'stageId' | 'stageName'>) =>
    stageLabel(deps.catalog.get(typeId) ?? deps.contractTypes.get(typeId), task.stageId, task.stageName, p.lang);

  /** Stages to filter by: the chosen permit or contract type's, or every permit type's (by id, first name wins), then signing. */
  const stageOptions = (typeId: string | undefined, p: TPageContext) => {
    const contractType = typeId ? deps.contractTypes.get(typeId) : undefined;
    if (contractType) return contractStageOptions(contractType, p.lang);
    const types = typeId && deps.catalog.has(typeId) ? [deps.catalog.get(typeId)!] : [...deps.catalog.values()];
    const options = new Map<string, string>();
    for (const type of types) for (const stage of type.stages) if (!options.has(stage.id)) options.set(stage.id, stage.name[p.lang]);
    options.set(SIGN_STAGE.id, p.t('tasks.kind.sign'));
    return [...options].map(([value, label]) => ({ value, label }));
  };

  /**
   * The signer's open sign tasks within the inbox's filters (type, number, overdue), at most a batch, for
   * "Tandatangani sekaligus"; none when the filters name another stage or a task is held by someone else.
   */
  const signChoices = async (actor: TActor, filters: TInboxFilters, p: TPageContext, now: Date) => {
    if (filters.tahap && filters.tahap !== SIGN_STAGE.id) return [];
    const query = { number: filters.q, typeId: filters.jenis, stageId: SIGN_STAGE.id, overdueOnly: filters.terlambat === '1', limit: SIGN_BATCH_MAX };
    const mine = (await inbox(deps, actor, query, now)).items.filter((task) => task.kind === 'sign' && (!task.assignee || task.assignee === actor.userId));
    return mine.map((task) => ({ taskId: task.id, registrationNumber: task.registrationNumber ?? task.caseId, typeName: typeName(task.typeId ?? '', p.lang) }));
  };

  /** The inbox; `batch` and `status` when it answers a refused batch-signing form. */
  const showInbox = async (req: Request, res: Response, batch: { errors?: TFormErrors; checked?: string[] } = {}, status = 200) => {
    const p = page(req);
    const actor = actorOf(req);
    const filters = filtersOf(req);
    const taskCursor = text(req.query[CURSOR_PARAM]) || undefined;
    const now = new Date();
    // A cursor the page did not give (edited, stale) starts again from the newest rather than refusing the inbox.
    const cursor = text(req.query.pemberitahuan);
    // Independent reads at once: on PostgreSQL each is a round trip to the server.
    const [result, workingTime, notices, choices] = await Promise.all([
      inbox(deps, actor, { number: filters.q, typeId: filters.jenis, stageId: filters.tahap, overdueOnly: filters.terlambat === '1', limit: PAGE_SIZE, cursor: taskCursor }, now),
      workingTimeNow(deps),
      myNotices(deps, actor, { limit: NOTICES_PAGE_SIZE, cursor }, now).catch((err: unknown) => {
        if (!(err instanceof ZodError)) throw err;
        return myNotices(deps, actor, { limit: NOTICES_PAGE_SIZE }, now);
      }),
      signChoices(actor, filters, p, now),
    ]);
    const slaOf = slaStateReader(now, workingTime);
    const badges = await noticeBadges(deps, result.items);
    const items = result.items.map((task) => ({
      task,
      notice: badges.get(task.id) ?? null,
      typeName: typeName(task.typeId ?? '', p.lang),
      stageName: stageNamer(task.typeId ?? '', p)(task),
      sla: slaOf(task.dueAt),
      claimedBy: task.assignee ? (task.assignee === actor.userId ? ('me' as const) : ('other' as const)) : null,
    }));
    const typeOptions = [
      ...[...deps.catalog.values()].map((type) => ({ value: type.id, label: type.name[p.lang] })),
      ...[...deps.contractTypes.values()].map((type) => ({ value: type.id, label: type.name[p.lang] })),
    ];
    const filterQuery = queryOf(filters);
    sendPage(
      res,
      p,
      p.t('tasks.inbox.title'),
      <InboxPage
        items={items}
        cursor={taskCursor}
        nextCursor={result.nextCursor}
        filters={filters}
        typeOptions={typeOptions}
        stageOptions={stageOptions(filters.jenis, p)}
        hasRoles={actor.roles.some((r) => r !== 'applicant')}
        notices={{
          items: notices.items.map((n) => ({ ...n, typeName: typeName(n.typeId, p.lang) })),
          days: NOTICE_WINDOW_DAYS,
          olderHref: notices.nextCursor ? `/tugas?pemberitahuan=${encodeURIComponent(notices.nextCursor)}#notices-title` : null,
          newestHref: cursor ? '/tugas#notices-title' : null,
        }}
        signBatch={
          choices.length > 0 || batch.errors ? <SignBatchForm choices={choices} action={filterQuery ? `${SIGN_BATCH_PATH}?${filterQuery}` : SIGN_BATCH_PATH} formKey={crypto.randomBytes(16).toString('hex')} errors={batch.errors} checked={batch.checked} /> : null
        }
      />,
      status,
    );
  };

  router.get('/tugas', requireSignIn, async (req, res) => {
    await showInbox(req, res);
  });

  /**
   * "Tandatangani sekaligus": the chosen sign tasks, each confirmed by the registration number the form showed
   * next to it, signed with one passphrase entry (api/use-cases/sign-batch.ts); the outcomes on the result page.
   */
  router.post(SIGN_BATCH_PATH, requireSignIn, async (req, res) => {
    const p = page(req);
    const chosen = ([] as unknown[]).concat(req.body[CHOSEN_FIELD] ?? []).filter((v): v is string => typeof v === 'string');
    const passphrase = text(req.body.passphrase) ?? '';
    const errors: TFormErrors = {};
    if (chosen.length === 0) errors[CHOSEN_FIELD] = p.t('tasks.batch.noneChosen');
    if (chosen.length > SIGN_BATCH_MAX) errors[CHOSEN_FIELD] = p.t('tasks.batch.tooMany', { max: SIGN_BATCH_MAX });
    if (!passphrase) errors.passphrase = p.t('tasks.sign.passphraseRequired');
    if (Object.keys(errors).length > 0) return showInbox(req, res, { errors, checked: chosen }, 400);
    const items = chosen.map((taskId) => ({ taskId, registrationNumber: text(req.body[numberField(taskId)]) ?? '' }));
    let answer;
    try {
      const key = text(req.body[KEY_FIELD]);
      answer = await signTasks(deps, actorOf(req), { passphrase, items }, key && `web-sign-batch-${key}`);
    } catch (err) {
      // A form sent before with other choices (an old page, the back button): choose again from the list as it is now.
      if (toApiError(err).code === 'IDEMPOTENCY_KEY_REUSED') return showInbox(req, res, { errors: { _form: p.t('tasks.batch.staleForm') } }, 422);
      const refusal = passphraseRefusal(err, p, res);
      if (!refusal) throw err;
      return showInbox(req, res, { errors: refusal.errors, checked: chosen }, refusal.status);
    }
    req.session.signBatch = answer.items.map((item, i) => ({
      taskId: item.taskId,
      registrationNumber: items[i]!.registrationNumber,
      outcome: item.outcome,
      ...(item.kind ? { kind: item.kind } : {}),
      documentNumber: item.documentNumber ?? null,
      ...(item.error ? { code: item.error.code, message: item.error.message } : {}),
    }));
    res.redirect(303, SIGN_BATCH_RESULT_PATH);
  });

  router.get(SIGN_BATCH_RESULT_PATH, requireSignIn, (req, res) => {
    const outcomes = req.session.signBatch;
    if (!outcomes) return res.redirect(303, '/tugas');
    const p = page(req);
    sendPage(res, p, p.t('tasks.batch.result.title'), <SignBatchResultPage outcomes={outcomes} />);
  });

  /** The task page; `status` and the form state when it answers a refused form. */
  const showTask = async (req: Request, res: Response, extra: Partial<TTaskPageProps> = {}, status = 200, detail?: TTaskDetail) => {
    const p = page(req);
    const d = detail ?? (await taskDetail(deps, actorOf(req), String(req.params.taskId)));
    const name = typeName(d.row.typeId, p.lang);
    const notice = extra.notice ?? NOTICE_PARAMS[text(req.query.pesan) ?? ''];
    sendPage(
      res,
      p,
      `${p.t(`tasks.kind.${d.task.kind}`)} · ${d.row.registrationNumber ?? ''}`,
      <TaskPage detail={d} typeName={name} stageName={stageNamer(d.row.typeId, p)} sla={slaStateOf(d.task.dueAt, new Date(), await workingTimeNow(deps))} {...extra} notice={notice} />,
      status,
    );
  };

  router.get('/tugas/:taskId', requireSignIn, async (req, res) => {
    await showTask(req, res);
  });

  /** A refusal because the task moved on (decided, claimed by someone else): the task page as it is now, with why. */
  const isConflict = (err: unknown) => toApiError(err).status === 409;

  router.post('/tugas/:taskId/ambil', requireSignIn, async (req, res) => {
    const taskId = String(req.params.taskId);
    try {
      await claimTask(deps, actorOf(req), taskId);
    } catch (err) {
      if (!isConflict(err)) throw err;
      return showTask(req, res, { notice: 'conflict' }, 409);
    }
    res.redirect(303, `/tugas/${encodeURIComponent(taskId)}?pesan=diambil`);
  });

  router.post('/tugas/:taskId/lepas', requireSignIn, async (req, res) => {
    const taskId = String(req.params.taskId);
    try {
      await releaseTask(deps, actorOf(req), taskId);
    } catch (err) {
      if (!isConflict(err)) throw err;
      return showTask(req, res, { notice: 'conflict' }, 409);
    }
    res.redirect(303, `/tugas/${encodeURIComponent(taskId)}?pesan=dilepas`);
  });

  router.post('/tugas/:taskId/keputusan', requireSignIn, async (req, res) => {
    const p = page(req);
    const taskId = String(req.params.taskId);
    const outcome = text(req.body.outcome) ?? '';
    const comment = (text(req.body.comment) ?? '').trim();
    const decision = { outcome, comment };
    // The workflow refuses these too; here they become messages next to the fields, in the page's language.
    const errors: TFormErrors = {};
    if (!outcome) errors.outcome = p.t('tasks.decision.outcomeRequired');
    // Who must make the changes is named in the case kind's words (the applicant, the PPK): the case is read for it.
    const detail = outcome === 'request_changes' && !comment ? await taskDetail(deps, actorOf(req), taskId) : undefined;
    if (detail) errors.comment = p.t(`tasks.decision.commentRequired.${drafterWording(detail.row.kind)}`);
    if (outcome === 'reject' && !comment) errors.comment = p.t('tasks.decision.reasonRequired');
    if (outcome === 'submit' && !comment) errors.comment = p.t('contracts.task.guaranteeRequired');
    if (comment.length > COMMENT_MAX) errors.comment = p.t('tasks.decision.tooLong');
    if (Object.keys(errors).length > 0) return showTask(req, res, { decision: { ...decision, errors } }, 400, detail);
    try {
      await decideTask(deps, actorOf(req), taskId, { outcome, ...(comment ? { comment } : {}) });
    } catch (err) {
      if (isConflict(err)) return showTask(req, res, { notice: 'conflict' }, 409);
      const apiError = toApiError(err);
      if (apiError.code !== 'INVALID_INPUT') throw err;
      const fieldErrors: TFormErrors = {};
      for (const detail of apiError.details ?? [{ path: '_form', message: apiError.message }]) {
        const path = detail.path === 'outcome' || detail.path === 'comment' ? detail.path : '_form';
        fieldErrors[path] ??= p.t('tasks.decision.invalid', { message: detail.message });
      }
      return showTask(req, res, { decision: { ...decision, errors: fieldErrors } }, 400);
    }
    res.redirect(303, `/tugas/${encodeURIComponent(taskId)}?pesan=diputuskan`);
  });

  router.post('/tugas/:taskId/tanda-tangan', requireSignIn, async (req, res) => {
    const p = page(req);
    const taskId = String(req.params.taskId);
    const passphrase = text(req.body.passphrase) ?? '';
    if (!passphrase) return showTask(req, res, { signErrors: { passphrase: p.t('tasks.sign.passphraseRequired') } }, 400);
    try {
      await decideTask(deps, actorOf(req), taskId, { outcome: 'sign', passphrase });
    } catch (err) {
      if (isConflict(err)) return showTask(req, res, { notice: 'conflict' }, 409);
      const refusal = passphraseRefusal(err, p, res);
      if (!refusal) throw err;
      return showTask(req, res, { signErrors: refusal.errors }, refusal.status);
    }
    res.redirect(303, `/tugas/${encodeURIComponent(taskId)}?pesan=ditandatangani`);
  });

  /** The certificate a sign task will sign, inline for the browser's PDF viewer; rendered, never numbered. */
  router.get('/tugas/:taskId/pratinjau.pdf', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const { task, row } = await visibleTask(deps.records, actor, String(req.params.taskId));
    // A contract's or an addendum's signer sees the document as it will be signed, rendered like its draft.
    const signer = task.kind === 'sign' && holdsRole(actor, task.role);
    const pdf =
      signer && row.kind === 'contract'
        ? (await contractDocument(deps, actor, row.caseId)).pdf
        : signer && row.facts.kind === 'addendum'
          ? (await addendumDocument(deps, actor, row.facts.contractId, row.caseId)).pdf
          : await certificatePreview(deps, actor, task.id);
    res.type('application/pdf').setHeader('Content-Disposition', 'inline; filename="pratinjau.pdf"').setHeader('Cache-Control', 'no-store').send(Buffer.from(pdf));
  });

  /** The signed certificate of the task's case, for whoever may address the task. */
  router.get('/tugas/:taskId/sertifikat.pdf', requireSignIn, async (req, res) => {
    const { row } = await visibleTask(deps.records, actorOf(req), String(req.params.taskId));
    const issued = await deps.records.issuance.byCase(row.caseId);
    const pdf = issued && (await deps.blobs.get(issued.sha256));
    if (!issued || !pdf) throw notFound('certificate');
    const fileName = `${issued.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  /** The sealed report of the task's case when it lapsed (deemed approval), for whoever may read the case. */
  router.get('/tugas/:taskId/lewat-waktu.pdf', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const { row } = await visibleTask(deps.records, actor, String(req.params.taskId));
    const { fileName, pdf } = await caseLapseReport(deps, actor, row.caseId);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  /**
   * An uploaded document inline, with its own content type, for the people the access policy lets see it
   * (api/case-access.ts visibleDocument); for everyone else it does not exist (404 page).
   */
  router.get('/dokumen/:id', requireSignIn, async (req, res) => {
    const meta = await visibleDocument(deps.records, actorOf(req), String(req.params.id));
    const bytes = await deps.blobs.get(meta.sha256);
    if (!bytes) throw new ApiError('NOT_FOUND', 'document not found');
    res
      .type(meta.mediaType)
      .setHeader('Content-Disposition', `inline; filename="${meta.name}"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(bytes);
  });

  return router;
}
