import { Router } from 'express';
import type { Request, Response } from 'express';
import { CLOSED_STATUSES, OPEN_TASK_STATUSES } from '../../domain/case';
import { versionInForce } from '../../domain/kinds/contract/contract.facts';
import { addendumCap } from '../../domain/kinds/addendum/addendum.change';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import { actorOf } from '../../api/auth';
import { ApiError, toApiError } from '../../api/errors';
import { addendumContext, addendumDetail, addendumDocument, addendumPending, addendumRegistered } from '../../api/use-cases/addenda';
import type { TAddendumContext, TAddendumDetail } from '../../api/use-cases/addenda';
import { proposeAddendum, withdrawAddendum } from '../../api/use-cases/contracts';
import { formErrorsOf } from '../components/form-errors';
import type { TFormErrors } from '../components/form-errors';
import type { TPageContext } from '../page-context';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import { officeNameOf } from '../web-app';
import type { TPageDeps } from '../web-app';
import { stageLabel } from '../stage-label';
import { saveSession } from './applicant/drafts';
import { blankRow, checkForm, formFromBody, formFromTerms, localizedPaths, MAX_FORM_ROWS } from './contracts/addendum-form';
import type { TAddendumForm } from './contracts/addendum-form';
import { AddendumFormPage } from './contracts/addendum-form.page';
import type { TAddendumBlock } from './contracts/addendum-form.page';
import { AddendumReviewPage } from './contracts/addendum-review.page';
import { AddendumPage, AddendumPendingPage } from './contracts/addendum.page';
import { WithdrawContractPage } from './contracts/withdraw.page';

/** The addendum being written for a contract, in the session: it survives a reload and the way back from review. */
interface TAddendumDraft {
  form: TAddendumForm;
  /** The version of the terms in force it was written against; another signed addendum starts a new draft. */
  basedOn: number;
}

declare module 'express-session' {
  interface SessionData {
    addendumDrafts?: Record<string, TAddendumDraft>;
    /** The addenda this session filed (`<contractId>/<addendumId>`, newest last): their page says "pending" until the store shows them. */
    filedAddenda?: string[];
  }
}

/** Drafts kept per session (one per contract); the oldest goes first. */
const MAX_DRAFTS = 10;
const REASON_MAX = 2000;

/** As the workflow's validator: the contract's PPK, while the addendum is neither closed nor approved for signing. */
const mayWithdraw = (actor: TActor, detail: TAddendumDetail): boolean =>
  detail.row.applicantId === actor.userId && !CLOSED_STATUSES.includes(detail.row.status) && detail.row.status !== 'awaiting_signature';

/**
 * The addendum pages (issue 9 §5): the PPK's form for an active contract with the 10% rule explained on it
 * (/kontrak/:id/adendum/baru), its review step with the new cumulative percentage and, above the cap, the
 * exception path (…/periksa), and each addendum's own page with its signed PDF (/kontrak/:id/adendum/:addendumId).
 * Proposing calls the use case the JSON API calls (api/use-cases/contracts.ts proposeAddendum); the addendum's
 * legal review, exception approval and signatures are tasks on the task pages (/tugas/:id).
 */
export function addendaPages(deps: TPageDeps): Router {
  const router = Router();
  const officeName = officeNameOf(deps);
  const page = (req: Request) => pageContext(req, officeName);

  const exceptionStageOf = (typeId: string, p: TPageContext) => deps.contractTypes.get(typeId)?.exceptionApproval.name[p.lang] ?? '';
  const addendumHref = (contractId: string, addendumId: string) => `/kontrak/${encodeURIComponent(contractId)}/adendum/${encodeURIComponent(addendumId)}`;

  const draftOf = (req: Request, ctx: TAddendumContext): TAddendumDraft | undefined => {
    const draft = req.session.addendumDrafts?.[ctx.contract.caseId];
    return draft && draft.basedOn === versionInForce(ctx.contract.facts) ? draft : undefined;
  };
  const keepDraft = async (req: Request, ctx: TAddendumContext, form: TAddendumForm) => {
    const drafts = (req.session.addendumDrafts ??= {});
    delete drafts[ctx.contract.caseId];
    drafts[ctx.contract.caseId] = { form, basedOn: versionInForce(ctx.contract.facts) };
    for (const id of Object.keys(drafts).slice(0, Math.max(0, Object.keys(drafts).length - MAX_DRAFTS))) delete drafts[id];
    await saveSession(req);
  };
  /** The draft becomes a filed addendum: the draft goes, the addendum is remembered for its pending page. */
  const filed = async (req: Request, contractId: string, addendumId: string) => {
    if (req.session.addendumDrafts) delete req.session.addendumDrafts[contractId];
    req.session.filedAddenda = [...(req.session.filedAddenda ?? []), `${contractId}/${addendumId}`].slice(-MAX_DRAFTS);
    await saveSession(req);
  };
  const filedHere = (req: Request, contractId: string, addendumId: string) => req.session.filedAddenda?.includes(`${contractId}/${addendumId}`) ?? false;

  /** Why the actor may not propose now (the use case and the workflow refuse the same), or undefined. */
  const blockOf = (ctx: TAddendumContext): { block: TAddendumBlock; status: number } | undefined => {
    if (!ctx.isPpk) return { block: { reason: 'notPpk' }, status: 403 };
    if (ctx.contract.status !== 'active') return { block: { reason: 'notActive', status: ctx.contract.status }, status: 409 };
    if (ctx.inProgress) return { block: { reason: 'inProgress', href: addendumHref(ctx.contract.caseId, ctx.inProgress.caseId) }, status: 409 };
    if (ctx.terminationPending) return { block: { reason: 'termination' }, status: 409 };
    return undefined;
  };

  const contextOf = (req: Request, actor: TActor) => addendumContext(deps, actor, String(req.params.id));

  const sendForm = (res: Response, p: TPageContext, ctx: TAddendumContext, form: TAddendumForm, errors: TFormErrors, status = 200, block?: TAddendumBlock) =>
    sendPage(
      res,
      p,
      p.t('addenda.form.title', { number: ctx.number ?? ctx.contract.registrationNumber }),
      <AddendumFormPage
        contractId={ctx.contract.caseId}
        contractNumber={ctx.number ?? ctx.contract.registrationNumber}
        title={ctx.current.title}
        original={ctx.original}
        current={ctx.current}
        signedCount={ctx.signed.length}
        exceptionStage={exceptionStageOf(ctx.contract.typeId, p)}
        form={form}
        errors={errors}
        block={block}
      />,
      status,
    );

  router.get('/kontrak/:id/adendum/baru', requireSignIn, async (req, res) => {
    const ctx = await contextOf(req, actorOf(req));
    const p = page(req);
    const blocked = blockOf(ctx);
    const form = draftOf(req, ctx)?.form ?? formFromTerms(ctx.current);
    sendForm(res, p, ctx, form, {}, blocked?.status, blocked?.block);
  });

  router.post('/kontrak/:id/adendum/baru', requireSignIn, async (req, res) => {
    const ctx = await contextOf(req, actorOf(req));
    const p = page(req);
    const blocked = blockOf(ctx);
    if (blocked) return sendForm(res, p, ctx, formFromTerms(ctx.current), {}, blocked.status, blocked.block);
    const body = req.body as Record<string, unknown>;
    const form = { ...formFromBody(body, ctx.current), exceptionReason: draftOf(req, ctx)?.form.exceptionReason ?? '' };
    if (body.aksi === 'tambah-baris') {
      if (form.items.length < MAX_FORM_ROWS) form.items.push(blankRow());
      await keepDraft(req, ctx, form);
      return res.redirect(303, `/kontrak/${encodeURIComponent(ctx.contract.caseId)}/adendum/baru#f-items-${form.items.length - 1}-description`);
    }
    const checked = checkForm(form, ctx.current, p.t, false);
    await keepDraft(req, ctx, form);
    if ('errors' in checked) return sendForm(res, p, ctx, form, checked.errors, 400);
    res.redirect(303, `/kontrak/${encodeURIComponent(ctx.contract.caseId)}/adendum/baru/periksa`);
  });

  /** The review step for a checked draft, or the way back to the form. */
  const review = (res: Response, p: TPageContext, ctx: TAddendumContext, draft: TAddendumDraft, errors: TFormErrors = {}, status = 200) => {
    const checked = checkForm(draft.form, ctx.current, p.t, false);
    if ('errors' in checked) return sendForm(res, p, ctx, draft.form, checked.errors, 400);
    const cap = addendumCap(ctx.original, ctx.current, checked.next.value);
    sendPage(
      res,
      p,
      p.t('addenda.review.title'),
      <AddendumReviewPage
        contractId={ctx.contract.caseId}
        contractNumber={ctx.number ?? ctx.contract.registrationNumber}
        title={ctx.current.title}
        original={ctx.original}
        current={ctx.current}
        next={checked.next}
        cap={cap}
        justification={checked.change.justification}
        exceptionReason={draft.form.exceptionReason}
        exceptionStage={exceptionStageOf(ctx.contract.typeId, p)}
        errors={errors}
      />,
      status,
    );
  };

  router.get('/kontrak/:id/adendum/baru/periksa', requireSignIn, async (req, res) => {
    const ctx = await contextOf(req, actorOf(req));
    const draft = draftOf(req, ctx);
    if (blockOf(ctx) || !draft) return res.redirect(303, `/kontrak/${encodeURIComponent(ctx.contract.caseId)}/adendum/baru`);
    review(res, page(req), ctx, draft);
  });

  router.post('/kontrak/:id/adendum/baru/periksa', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const ctx = await contextOf(req, actor);
    const p = page(req);
    const draft = draftOf(req, ctx);
    if (blockOf(ctx) || !draft) return res.redirect(303, `/kontrak/${encodeURIComponent(ctx.contract.caseId)}/adendum/baru`);
    draft.form.exceptionReason = typeof req.body.exceptionReason === 'string' ? req.body.exceptionReason.replace(/\r\n?/g, '\n') : '';
    await keepDraft(req, ctx, draft.form);
    const plain = checkForm(draft.form, ctx.current, p.t, false);
    if ('errors' in plain) return sendForm(res, p, ctx, draft.form, plain.errors, 400);
    const withinCap = addendumCap(ctx.original, ctx.current, plain.next.value).withinCap;
    const checked = withinCap ? plain : checkForm(draft.form, ctx.current, p.t, true);
    if ('errors' in checked) return review(res, p, ctx, draft, checked.errors, 400);
    let addendumId: string;
    try {
      ({ id: addendumId } = await proposeAddendum(deps, actor, ctx.contract.caseId, checked.change));
    } catch (err) {
      const refusal = toApiError(err);
      if (refusal.code === 'CAP_EXCEEDED') return review(res, p, ctx, draft, { _form: p.t('addenda.review.capChanged') }, 409);
      if (refusal.status === 409) return review(res, p, ctx, draft, { _form: p.t('addenda.review.busy') }, 409);
      const errors = formErrorsOf(err);
      if (!errors) throw err;
      return sendForm(res, p, ctx, draft.form, localizedPaths(Object.keys(errors), p.t), 400);
    }
    await filed(req, ctx.contract.caseId, addendumId);
    await addendumRegistered(deps, addendumId);
    res.redirect(303, `${addendumHref(ctx.contract.caseId, addendumId)}?pesan=diajukan`);
  });

  router.get('/kontrak/:id/adendum/:addendumId', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const [contractId, addendumId] = [String(req.params.id), String(req.params.addendumId)];
    const p = page(req);
    const detail = await addendumDetail(deps, actor, contractId, addendumId).catch(async (err: unknown) => {
      if (toApiError(err).code !== 'NOT_FOUND') throw err;
      // Filed in this session, or one version ahead of the store's view of the contract: not registered yet.
      if (!filedHere(req, contractId, addendumId) && !(await addendumPending(deps, actor, contractId, addendumId).catch(() => false))) throw err;
      return null;
    });
    if (!detail) {
      return sendPage(res, p, p.t('addenda.pending.title'), <AddendumPendingPage contractId={contractId} href={addendumHref(contractId, addendumId)} />);
    }
    const type = detail.type;
    const stageName = (stageId: string | null, fallback: string | null) => stageLabel(type ?? undefined, stageId, fallback, p.lang);
    sendPage(
      res,
      p,
      p.t('addenda.page.title', { n: detail.row.facts.sequence, title: detail.next.title }),
      <AddendumPage
        detail={detail}
        href={addendumHref(detail.contract.caseId, detail.row.caseId)}
        stageName={stageName}
        exceptionStage={exceptionStageOf(detail.contract.typeId, p)}
        mayAct={(task) => OPEN_TASK_STATUSES.includes(task.status) && holdsRole(actor, task.role)}
        mayWithdraw={mayWithdraw(actor, detail)}
        notice={req.query.pesan === 'diajukan' ? 'submitted' : req.query.pesan === 'ditarik' ? 'withdrawn' : undefined}
      />,
    );
  });

  /** Withdrawal of an addendum not yet approved: a confirmation page, then the use case (the contract's PPK only). */
  async function withdrawable(req: Request) {
    const actor = actorOf(req);
    const detail = await addendumDetail(deps, actor, String(req.params.id), String(req.params.addendumId));
    if (detail.row.applicantId !== actor.userId) throw new ApiError('FORBIDDEN', 'only the PPK of this contract may withdraw its addendum');
    if (!mayWithdraw(actor, detail)) throw new ApiError('INVALID_TRANSITION', 'this addendum cannot be withdrawn now');
    return { actor, detail };
  }
  const withdrawPage = (res: Response, p: TPageContext, detail: TAddendumDetail, reason: string, errors?: TFormErrors) =>
    sendPage(
      res,
      p,
      p.t('addenda.withdraw.title', { n: detail.row.facts.sequence, number: detail.contractNumber ?? detail.contract.registrationNumber }),
      <WithdrawContractPage
        caseId={detail.contract.caseId}
        registrationNumber={detail.contractNumber ?? detail.contract.registrationNumber}
        addendum={{ id: detail.row.caseId, sequence: detail.row.facts.sequence }}
        reason={reason}
        errors={errors}
      />,
      errors ? 400 : 200,
    );

  router.get('/kontrak/:id/adendum/:addendumId/tarik', requireSignIn, async (req, res) => {
    const { detail } = await withdrawable(req);
    withdrawPage(res, page(req), detail, '');
  });

  router.post('/kontrak/:id/adendum/:addendumId/tarik', requireSignIn, async (req, res) => {
    const { actor, detail } = await withdrawable(req);
    const p = page(req);
    const reason = typeof req.body.reason === 'string' ? req.body.reason.replace(/\r\n?/g, '\n') : '';
    if (reason.length > REASON_MAX) return withdrawPage(res, p, detail, reason, { reason: p.t('contracts.error.tooLong', { max: REASON_MAX }) });
    try {
      await withdrawAddendum(deps, actor, detail.contract.caseId, detail.row.caseId, reason.trim() === '' ? {} : { reason });
    } catch (err) {
      if (!formErrorsOf(err)) throw err;
      return withdrawPage(res, p, detail, reason, { reason: p.t('contracts.error.invalid') });
    }
    res.redirect(303, `${addendumHref(detail.contract.caseId, detail.row.caseId)}?pesan=ditarik`);
  });

  /** The signed addendum, or before signing its draft, for whoever may read the addendum. */
  router.get('/kontrak/:id/adendum/:addendumId/dokumen.pdf', requireSignIn, async (req, res) => {
    const { fileName, pdf } = await addendumDocument(deps, actorOf(req), String(req.params.id), String(req.params.addendumId));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  return router;
}
