import crypto from 'node:crypto';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { CLOSED_STATUSES } from '../../domain/case';
import { slaStateReader } from '../../domain/sla-state';
import { workingTimeNow } from '../../api/use-cases/calendar';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import type { TContractType } from '../../domain/contract-type.schema';
import type { TCaseRow } from '../../store/records.types';
import { actorOf } from '../../api/auth';
import { ApiError, notFound, toApiError, zodDetails } from '../../api/errors';
import { ZContractDraftSchema } from '../../api/schemas';
import {
  contractDetail,
  contractDocument,
  draftContract,
  listContracts,
  mayDraftContract,
  proposeContractVersion,
  requestTermination,
  terminationNotice,
  withdrawContract,
} from '../../api/use-cases/contracts';
import type { TContractDetail } from '../../api/use-cases/contracts';
import { formErrorsOf } from '../components/form-errors';
import { CURSOR_PARAM } from '../components/pagination';
import type { TFormErrors } from '../components/form-errors';
import type { TPageContext } from '../page-context';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import { officeNameOf } from '../web-app';
import type { TPageDeps } from '../web-app';
import { ContractPage } from './contracts/contract.page';
import type { TContractActions, TContractNotice } from './contracts/contract.page';
import { MyContractsPage } from './contracts/my-contracts.page';
import { ContractTypesPage, NewContractPage } from './contracts/new-contract.page';
import { ProposalPage } from './contracts/proposal.page';
import { blankForm, formOfBody, formOfTerms, localizedTermsErrors, ROWS_STEP, termsOfForm } from './contracts/terms-form';
import type { TTermsForm } from './contracts/terms-form';
import { REASON_MAX, WithdrawContractPage } from './contracts/withdraw.page';

const PAGE_SIZE = 20;
const NOTICE_PARAMS: Record<string, TContractNotice> = {
  dibuat: 'drafted',
  diusulkan: 'proposed',
  ditarik: 'withdrawn',
  'pemutusan-diajukan': 'terminationRequested',
  'pemutusan-tidak-dapat': 'terminationUnavailable',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The form's own problems (a number that is not one, a blank required field) and, beside them, the rest the
 * terms schema finds: checked without drafting or proposing anything, so every problem shows at once.
 */
function withSchemaErrors(errors: TFormErrors, typeId: string, form: TTermsForm, terms: Record<string, unknown>, p: TPageContext): TFormErrors {
  const checked = ZContractDraftSchema.safeParse({ typeId, terms });
  const more = checked.success ? {} : localizedTermsErrors(Object.fromEntries(zodDetails(checked.error).map((d) => [d.path, d.message])), form, terms, p.t, p.format.money);
  return { ...more, ...errors };
}
const isNegotiation = (kind: string) => kind === 'vendor_review' || kind === 'ppk_review';

/**
 * The contract pages (issue 9 §5): my contracts, drafting from a contract type, one contract with its versions
 * and "semula → menjadi" tables, a new version (proposal, counter-proposal, revision), withdrawal before signing
 * and the PDFs. Accepting, the guarantee and signatures are decisions on the task pages (/tugas/:taskId). Every
 * action calls the use case the JSON API calls (api/use-cases/contracts.ts).
 */
export function contractsPages(deps: TPageDeps): Router {
  const router = Router();
  const officeName = officeNameOf(deps);
  const page = (req: Request) => pageContext(req, officeName);
  const slaNow = async () => slaStateReader(new Date(), await workingTimeNow(deps));

  const ppkOf = (req: Request): TActor => {
    const actor = actorOf(req);
    if (!mayDraftContract(actor)) throw new ApiError('FORBIDDEN', 'only commitment-making officials (PPK) may do this');
    return actor;
  };
  const typeOf = (typeId: string): TContractType => {
    const type = deps.contractTypes.get(typeId);
    if (!type) throw notFound('contract type');
    return type;
  };

  /** What the viewer may do on the case page; the workflow's validators decide again when it is done. */
  async function actionsFor(actor: TActor, detail: TContractDetail): Promise<TContractActions> {
    const row = (await deps.records.getCase(detail.id)) as TCaseRow<'contract'> | undefined;
    if (row?.kind !== 'contract') throw notFound('contract');
    const negotiation = detail.openTasks.find((t) => isNegotiation(t.kind) && holdsRole(actor, t.role));
    const roundsLeft = row.facts.proposals < deps.maxNegotiationRounds;
    const drafter = row.applicantId === actor.userId;
    const propose = negotiation && roundsLeft ? (negotiation.kind === 'vendor_review' ? 'propose' : 'counter') : detail.status === 'changes_requested' && drafter ? 'revise' : null;
    return {
      propose,
      // As the workflow's validator: a closed case, one being signed or one in force is not withdrawn.
      withdraw: drafter && !CLOSED_STATUSES.includes(detail.status) && detail.status !== 'active' && detail.status !== 'awaiting_signature',
      // As the workflow's validator: only an active contract, and one termination request at a time.
      terminate: drafter && detail.status === 'active' && !detail.openTasks.some((t) => t.kind === 'termination_review'),
      terminationNotice: Boolean(row.documents.terminationNotice),
      // The addendum form says why not when one is under way or a termination is under review.
      addendum: drafter && detail.status === 'active',
    };
  }

  router.get('/kontrak', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const cursor = text(req.query[CURSOR_PARAM]) || undefined;
    const list = await listContracts(deps, actor, { limit: PAGE_SIZE, cursor });
    const p = page(req);
    sendPage(
      res,
      p,
      p.t('contracts.mine.title'),
      <MyContractsPage rows={list.items} types={deps.contractTypes} cursor={cursor} nextCursor={list.nextCursor} mayDraft={mayDraftContract(actor)} slaOf={await slaNow()} />,
    );
  });

  router.get('/kontrak/baru', requireSignIn, (req, res) => {
    ppkOf(req);
    const p = page(req);
    sendPage(res, p, p.t('contracts.new.chooseTitle'), <ContractTypesPage types={[...deps.contractTypes.values()]} />);
  });

  const sendDraftForm = (res: Response, p: TPageContext, type: TContractType, form: TTermsForm, errors: TFormErrors, idempotencyKey: string, status = 200) =>
    sendPage(res, p, p.t('contracts.new.title', { type: type.name[p.lang] }), <NewContractPage type={type} form={form} errors={errors} idempotencyKey={idempotencyKey} />, status);

  router.get('/kontrak/baru/:typeId', requireSignIn, (req, res) => {
    ppkOf(req);
    const type = typeOf(String(req.params.typeId));
    const p = page(req);
    sendDraftForm(res, p, type, blankForm({ 'ppk.name': p.user?.name ?? '' }), {}, crypto.randomUUID());
  });

  router.post('/kontrak/baru/:typeId', requireSignIn, async (req, res) => {
    const actor = ppkOf(req);
    const type = typeOf(String(req.params.typeId));
    const p = page(req);
    const body = req.body as Record<string, unknown>;
    const keyRaw = text(body.idempotencyKey);
    const idempotencyKey = /^[0-9a-f-]{36}$/.test(keyRaw) ? keyRaw : crypto.randomUUID();
    const addRow = body.aksi === 'tambah-baris';
    const form = formOfBody(body, addRow ? ROWS_STEP : 0);
    if (addRow) return sendDraftForm(res, p, type, form, {}, idempotencyKey);
    const { terms, errors } = termsOfForm(form, p.t);
    const input = { typeId: type.id, terms };
    if (Object.keys(errors).length > 0) return sendDraftForm(res, p, type, form, withSchemaErrors(errors, type.id, form, terms, p), idempotencyKey, 400);
    let created: Awaited<ReturnType<typeof draftContract>>;
    try {
      created = await draftContract(deps, actor, input, idempotencyKey);
    } catch (err) {
      const apiErrors = formErrorsOf(err);
      if (!apiErrors) throw err;
      return sendDraftForm(res, p, type, form, localizedTermsErrors(apiErrors, form, terms, p.t, p.format.money), idempotencyKey, 400);
    }
    res.redirect(303, `/kontrak/${encodeURIComponent(created.id)}?pesan=dibuat`);
  });

  router.get('/kontrak/:id', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const detail = await contractDetail(deps, actor, String(req.params.id));
    const p = page(req);
    const myTasks = detail.openTasks.filter((task) => holdsRole(actor, task.role));
    sendPage(
      res,
      p,
      `${detail.currentTerms.title} · ${detail.registrationNumber}`,
      <ContractPage
        detail={detail}
        type={deps.contractTypes.get(detail.typeId)}
        myTasks={myTasks}
        actions={await actionsFor(actor, detail)}
        notice={NOTICE_PARAMS[text(req.query.pesan)] ?? null}
        slaOf={await slaNow()}
      />,
    );
  });

  /** The proposal form's page: only for a viewer who may propose now (else the conflict page). */
  async function proposalContext(req: Request) {
    const actor = actorOf(req);
    const detail = await contractDetail(deps, actor, String(req.params.id));
    const { propose } = await actionsFor(actor, detail);
    if (!propose) throw new ApiError('INVALID_TRANSITION', 'there is no open negotiation step for you on this contract');
    return { actor, detail, kind: propose };
  }

  const sendProposal = (res: Response, p: TPageContext, ctx: Awaited<ReturnType<typeof proposalContext>>, form: TTermsForm, errors: TFormErrors, status = 200) =>
    sendPage(
      res,
      p,
      `${p.t(ctx.kind === 'propose' ? 'contracts.case.propose' : ctx.kind === 'counter' ? 'contracts.case.counter' : 'contracts.case.revise')} · ${ctx.detail.registrationNumber}`,
      <ProposalPage caseId={ctx.detail.id} registrationNumber={ctx.detail.registrationNumber} kind={ctx.kind} current={ctx.detail.currentTerms} form={form} errors={errors} />,
      status,
    );

  router.get('/kontrak/:id/usulan', requireSignIn, async (req, res) => {
    const ctx = await proposalContext(req);
    sendProposal(res, page(req), ctx, formOfTerms(ctx.detail.currentTerms), {});
  });

  router.post('/kontrak/:id/usulan', requireSignIn, async (req, res) => {
    const ctx = await proposalContext(req);
    const p = page(req);
    const body = req.body as Record<string, unknown>;
    const addRow = body.aksi === 'tambah-baris';
    const form = formOfBody(body, addRow ? ROWS_STEP : 0);
    if (addRow) return sendProposal(res, p, ctx, form, {});
    const { terms, errors } = termsOfForm(form, p.t);
    if (Object.keys(errors).length > 0) return sendProposal(res, p, ctx, form, withSchemaErrors(errors, ctx.detail.typeId, form, terms, p), 400);
    try {
      await proposeContractVersion(deps, ctx.actor, ctx.detail.id, { terms });
    } catch (err) {
      const apiErrors = formErrorsOf(err);
      if (!apiErrors) throw err;
      return sendProposal(res, p, ctx, form, localizedTermsErrors(apiErrors, form, terms, p.t, p.format.money), 400);
    }
    res.redirect(303, `/kontrak/${encodeURIComponent(ctx.detail.id)}?pesan=diusulkan`);
  });

  /** The contract's PDF: the signed one once issued, else the draft of the version on the table. */
  router.get('/kontrak/:id/kontrak.pdf', requireSignIn, async (req, res) => {
    const { fileName, pdf } = await contractDocument(deps, actorOf(req), String(req.params.id));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  router.get('/kontrak/:id/pemutusan.pdf', requireSignIn, async (req, res) => {
    const { fileName, pdf } = await terminationNotice(deps, actorOf(req), String(req.params.id));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  /** Withdrawal before signing: a confirmation page, then the use case (its drafter only; others get 404/403). */
  async function withdrawable(req: Request) {
    const actor = actorOf(req);
    const detail = await contractDetail(deps, actor, String(req.params.id));
    if (!(await actionsFor(actor, detail)).withdraw) throw new ApiError('INVALID_TRANSITION', 'this contract cannot be withdrawn now');
    return { actor, detail };
  }

  router.get('/kontrak/:id/tarik', requireSignIn, async (req, res) => {
    const { detail } = await withdrawable(req);
    const p = page(req);
    sendPage(res, p, p.t('contracts.withdraw.title', { number: detail.registrationNumber }), <WithdrawContractPage caseId={detail.id} registrationNumber={detail.registrationNumber} reason="" />);
  });

  router.post('/kontrak/:id/tarik', requireSignIn, async (req, res) => {
    const { actor, detail } = await withdrawable(req);
    const p = page(req);
    const reason = text(req.body.reason);
    const again = (errors: TFormErrors) =>
      sendPage(res, p, p.t('contracts.withdraw.title', { number: detail.registrationNumber }), <WithdrawContractPage caseId={detail.id} registrationNumber={detail.registrationNumber} reason={reason} errors={errors} />, 400);
    if (reason.length > REASON_MAX) return again({ reason: p.t('contracts.error.tooLong', { max: REASON_MAX }) });
    try {
      await withdrawContract(deps, actor, detail.id, reason.trim() === '' ? {} : { reason });
    } catch (err) {
      if (!formErrorsOf(err)) throw err;
      return again({ reason: p.t('contracts.error.invalid') });
    }
    res.redirect(303, `/kontrak/${encodeURIComponent(detail.id)}?pesan=ditarik`);
  });

  /**
   * Termination of an active contract (pemutusan kontrak): its PPK only (anyone else gets the 404 page); a
   * contract that cannot take one now sends the PPK back to the contract page with the explanation.
   */
  async function terminable(req: Request) {
    const actor = actorOf(req);
    const detail = await contractDetail(deps, actor, String(req.params.id));
    const row = await deps.records.getCase(detail.id);
    if (row?.applicantId !== actor.userId) throw notFound('contract');
    return { actor, detail, allowed: (await actionsFor(actor, detail)).terminate };
  }
  const unavailable = (res: Response, caseId: string) => res.redirect(303, `/kontrak/${encodeURIComponent(caseId)}?pesan=pemutusan-tidak-dapat`);
  const sendTermination = (res: Response, p: TPageContext, detail: TContractDetail, reason: string, errors?: TFormErrors) =>
    sendPage(
      res,
      p,
      p.t('contracts.terminate.title', { number: detail.number ?? detail.registrationNumber }),
      <WithdrawContractPage caseId={detail.id} registrationNumber={detail.number ?? detail.registrationNumber} reason={reason} errors={errors} termination />,
      errors ? 400 : 200,
    );

  router.get('/kontrak/:id/pemutusan', requireSignIn, async (req, res) => {
    const { detail, allowed } = await terminable(req);
    if (!allowed) return unavailable(res, detail.id);
    sendTermination(res, page(req), detail, '');
  });

  router.post('/kontrak/:id/pemutusan', requireSignIn, async (req, res) => {
    const { actor, detail, allowed } = await terminable(req);
    if (!allowed) return unavailable(res, detail.id);
    const p = page(req);
    const reason = text(req.body.reason);
    if (reason.trim() === '') return sendTermination(res, p, detail, reason, { reason: p.t('contracts.error.required') });
    if (reason.length > REASON_MAX) return sendTermination(res, p, detail, reason, { reason: p.t('contracts.error.tooLong', { max: p.format.number(REASON_MAX) }) });
    try {
      await requestTermination(deps, actor, detail.id, { reason });
    } catch (err) {
      if (formErrorsOf(err)) return sendTermination(res, p, detail, reason, { reason: p.t('contracts.error.invalid') });
      // The workflow's validator refused (the contract ended or a request came first meanwhile).
      if (toApiError(err).status === 409) return unavailable(res, detail.id);
      throw err;
    }
    res.redirect(303, `/kontrak/${encodeURIComponent(detail.id)}?pesan=pemutusan-diajukan`);
  });

  return router;
}
