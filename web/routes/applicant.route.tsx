import { Router } from 'express';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { deadlineAfter } from '../../domain/working-time/working-days';
import { workingTimeNow } from '../../api/use-cases/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import { slaStateReader } from '../../domain/sla-state';
import type { TActor } from '../../domain/roles';
import { verificationCode, verificationPath } from '../../documents/render/verification-code';
import { actorOf } from '../../api/auth';
import { ownCase } from '../../api/case-access';
import { ApiError, notFound, toApiError } from '../../api/errors';
import { listPermits, permitCertificate, permitDetail, revisePermit, submitPermit, withdrawPermit } from '../../api/use-cases/permits';
import type { TPermitDetail } from '../../api/use-cases/permits';
import { uploadDocument } from '../../api/use-cases/uploads';
import { caseLapseReport } from '../../api/use-cases/lapse';
import { formErrorsOf } from '../components/form-errors';
import { CURSOR_PARAM } from '../components/pagination';
import type { TFormErrors } from '../components/form-errors';
import { pageContext, sendPage } from '../render';
import type { TPageContext } from '../page-context';
import { csrfAfterUpload, requireSignIn } from '../session';
import type { TPageDeps } from '../web-app';
import { officeNameOf } from '../web-app';
import { ApplicationFormPage } from './applicant/application-form.page';
import type { TFormNotice } from './applicant/application-form.page';
import { ApplicationPage } from './applicant/application.page';
import type { TRevisionForm } from './applicant/application.page';
import { CataloguePage } from './applicant/catalogue.page';
import { draftOf, idempotencyKeyOf, openDraft, saveSession, touchDraft } from './applicant/drafts';
import type { TPermitDraft } from './applicant/drafts';
import { MyApplicationsPage } from './applicant/my-applications.page';
import { PermitTypePage } from './applicant/permit-type.page';
import {
  APPLICANT_KEYS,
  applicantErrors,
  fieldErrors,
  missingDocumentErrors,
  rawValue,
  sizeWords,
  typedFields,
  mediaTypeWords,
} from './applicant/permit-form';
import type { TDraftDocument, TTypedForm } from './applicant/permit-form';
import { ReviewPage } from './applicant/review.page';
import { SubmittedPage } from './applicant/submitted.page';
import { WithdrawPage } from './applicant/withdraw.page';

const PAGE_SIZE = 20;

/**
 * The applicant's pages (issue 9 §3): the permit catalogue, what a type needs, the application form with its
 * draft, review and answer, my applications and one application (revision, withdrawal, certificate). Every
 * action calls the same use case as the JSON API (api/use-cases/permits.ts, api/use-cases/uploads.ts).
 */
export function applicantPages(deps: TPageDeps): Router {
  const router = Router();
  // The same service-level tag as the reviewers' inbox: the office calendar and the closures in force.
  const slaNow = async () => slaStateReader(new Date(), await workingTimeNow(deps));
  const officeName = officeNameOf(deps);
  const page = (req: Request) => pageContext(req, officeName);
  const typeOf = (typeId: string): TCaseType => {
    const type = deps.catalog.get(typeId);
    if (!type) throw notFound('permit type');
    return type;
  };
  const applicantOf = (req: Request): TActor => {
    const actor = actorOf(req);
    if (!actor.roles.includes('applicant')) throw new ApiError('FORBIDDEN', 'only applicants may do this');
    return actor;
  };

  // The form's uploads: every requirement's file at once; the API's size limit per file, each
  // requirement's own limit checked below. A file over the limit stops the parse: that field gets the error.
  const formUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 20, fields: 100, fieldSize: 20_000 } }).any();
  const parseMultipart = (req: Request, res: Response) =>
    new Promise<{ tooLargeField?: string }>((resolve, reject) =>
      formUpload(req, res, (err: unknown) => {
        if (err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE') resolve({ tooLargeField: err.field });
        else if (err) reject(err);
        else resolve({});
      }),
    ).then(
      (parsed) =>
        new Promise<{ tooLargeField?: string }>((resolve, reject) => csrfAfterUpload(req, res, (err?: unknown) => (err ? reject(err) : resolve(parsed)))),
    );

  /** Stores each chosen file through the documents use case into `target`; a refused file is an error at its field. */
  async function takeUploads(req: Request, actor: TActor, type: TCaseType, target: Record<string, TDraftDocument>, p: TPageContext, tooLargeField?: string): Promise<TFormErrors> {
    const errors: TFormErrors = {};
    const requirementOf = (fieldName: string) => type.documents.find((d) => `documents.${d.id}` === fieldName);
    if (tooLargeField) {
      const requirement = requirementOf(tooLargeField);
      errors[tooLargeField] = p.t('applicant.error.fileTooLarge', { size: sizeWords(Math.min(requirement?.maxBytes ?? deps.maxUploadBytes, deps.maxUploadBytes), p.t, p.format) });
    }
    const files = Array.isArray(req.files) ? req.files : [];
    for (const file of files) {
      const requirement = requirementOf(file.fieldname);
      if (!requirement || (file.size === 0 && !file.originalname)) continue;
      const path = file.fieldname;
      if (file.size > requirement.maxBytes) {
        errors[path] = p.t('applicant.error.fileTooLarge', { size: sizeWords(requirement.maxBytes, p.t, p.format) });
        continue;
      }
      try {
        const doc = await uploadDocument(deps, actor, file);
        if (!requirement.mediaTypes.includes(doc.mediaType)) errors[path] = p.t('applicant.error.fileType', { types: mediaTypeWords(requirement, p.t) });
        else target[requirement.id] = { id: doc.id, name: doc.name, bytes: doc.bytes, mediaType: doc.mediaType };
      } catch (err) {
        const refusal = toApiError(err);
        if (refusal.status === 429 || refusal.status >= 500) throw err;
        errors[path] = p.t('applicant.error.fileUnreadable');
      }
    }
    return errors;
  }

  const trimmedApplicant = (form: TTypedForm) =>
    Object.fromEntries(APPLICANT_KEYS.map((k) => [k, (form.applicant[k] ?? '').trim()]).filter(([, v]) => v !== '')) as Record<string, string>;

  /** A draft's errors in the page's language (applicant, fields, documents, in the form's order) and its typed fields. */
  const checkDraft = (type: TCaseType, draft: TTypedForm, p: TPageContext) => {
    const fields = typedFields(type, draft.fields);
    const errors = { ...applicantErrors(trimmedApplicant(draft), p.t), ...fieldErrors(type, fields, p.t), ...missingDocumentErrors(type, draft.documents, p.t) };
    return { errors, fields };
  };

  /** Refusals of a use case about fields, in the page's language (the API's own messages are English). */
  const localizedRefusal = (err: unknown, p: TPageContext): TFormErrors | null => {
    const errors = formErrorsOf(err);
    return errors && Object.fromEntries(Object.keys(errors).map((path) => [path, p.t('applicant.error.invalid')]));
  };

  const sendForm = (res: Response, p: TPageContext, type: TCaseType, values: TTypedForm, errors: TFormErrors, notice: TFormNotice | null, status = 200) =>
    sendPage(res, p, p.t('applicant.form.title', { type: type.name[p.lang] }), <ApplicationFormPage type={type} values={values} errors={errors} notice={notice} />, status);

  router.get('/izin', (req, res) => {
    const p = page(req);
    sendPage(res, p, p.t('applicant.catalogue.title'), <CataloguePage types={[...deps.catalog.values()]} />);
  });

  router.get('/izin/:typeId', async (req, res) => {
    const type = typeOf(String(req.params.typeId));
    const p = page(req);
    // The same rule the case's clock counts by from submission: the office calendar and the closures in force.
    const expectedFinish = deadlineAfter(new Date(), type.serviceLevelDays, await workingTimeNow(deps));
    sendPage(res, p, type.name[p.lang], <PermitTypePage type={type} expectedFinish={expectedFinish} signedIn={Boolean(p.user)} />);
  });

  router.get('/izin/:typeId/ajukan', requireSignIn, (req, res) => {
    const type = typeOf(String(req.params.typeId));
    applicantOf(req);
    const p = page(req);
    const draft = draftOf(req, type.id);
    const values: TTypedForm = draft && !draft.submittedCaseId ? draft : { fields: {}, applicant: { name: p.user?.name }, documents: {} };
    sendForm(res, p, type, values, {}, req.query.tersimpan === '1' ? 'saved' : req.query.dihapus === '1' ? 'removed' : null);
  });

  router.post('/izin/:typeId/ajukan', requireSignIn, async (req, res) => {
    const type = typeOf(String(req.params.typeId));
    const actor = applicantOf(req);
    const { tooLargeField } = await parseMultipart(req, res);
    const p = page(req);
    const draft = openDraft(req, type.id);
    const body = req.body as Record<string, unknown>;
    for (const f of type.fields) {
      const value = body[`fields.${f.id}`];
      if (typeof value === 'string') draft.fields[f.id] = value;
    }
    for (const k of APPLICANT_KEYS) {
      const value = body[`applicant.${k}`];
      if (typeof value === 'string') draft.applicant[k] = value;
    }
    const uploadErrors = await takeUploads(req, actor, type, draft.documents, p, tooLargeField);
    // "Hapus" beside an upload (aksi=hapus:<requirement>): the draft lets go of it; what was typed is kept.
    const removing = type.documents.find((d) => body.aksi === `hapus:${d.id}`)?.id ?? null;
    if (removing !== null) {
      delete draft.documents[removing];
      delete uploadErrors[`documents.${removing}`];
    }
    touchDraft(draft);
    await saveSession(req);
    if (removing !== null) {
      if (Object.keys(uploadErrors).length > 0) return sendForm(res, p, type, draft, uploadErrors, null, 400);
      return res.redirect(303, `/izin/${type.id}/ajukan?dihapus=1`);
    }
    if (body.aksi === 'simpan') {
      if (Object.keys(uploadErrors).length > 0) return sendForm(res, p, type, draft, uploadErrors, null, 400);
      return res.redirect(303, `/izin/${type.id}/ajukan?tersimpan=1`);
    }
    const errors = { ...checkDraft(type, draft, p).errors, ...uploadErrors };
    if (Object.keys(errors).length > 0) return sendForm(res, p, type, draft, errors, null, 400);
    res.redirect(303, `/izin/${type.id}/ajukan/periksa`);
  });

  /** The draft ready for review, or where to go instead (the form, or the answer of a submitted draft). */
  const reviewable = (req: Request, type: TCaseType, p: TPageContext): { draft: TPermitDraft; fields: Record<string, unknown> } | string => {
    const draft = draftOf(req, type.id);
    if (draft?.submittedCaseId) return `/izin/${type.id}/ajukan/terkirim/${draft.submittedCaseId}`;
    if (!draft) return `/izin/${type.id}/ajukan`;
    const { errors, fields } = checkDraft(type, draft, p);
    return Object.keys(errors).length > 0 ? `/izin/${type.id}/ajukan` : { draft, fields };
  };

  router.get('/izin/:typeId/ajukan/periksa', requireSignIn, (req, res) => {
    const type = typeOf(String(req.params.typeId));
    applicantOf(req);
    const p = page(req);
    const ready = reviewable(req, type, p);
    if (typeof ready === 'string') return res.redirect(303, ready);
    sendPage(res, p, p.t('applicant.review.title'), <ReviewPage type={type} values={ready.draft} fields={ready.fields} />);
  });

  router.post('/izin/:typeId/ajukan/periksa', requireSignIn, async (req, res) => {
    const type = typeOf(String(req.params.typeId));
    const actor = applicantOf(req);
    const p = page(req);
    const ready = reviewable(req, type, p);
    if (typeof ready === 'string') return res.redirect(303, ready);
    const { draft, fields } = ready;
    const submission = { typeId: type.id, applicant: trimmedApplicant(draft), fields, documents: Object.fromEntries(Object.entries(draft.documents).map(([id, d]) => [id, d.id])) };
    let summary: Awaited<ReturnType<typeof submitPermit>>;
    try {
      // The draft's key makes a double click (or a retry after a lost answer) attach to the same case.
      summary = await submitPermit(deps, actor, submission, idempotencyKeyOf(draft));
    } catch (err) {
      const errors = localizedRefusal(err, p);
      if (!errors) throw err;
      return sendForm(res, p, type, draft, errors, null, 400);
    }
    draft.submittedCaseId = summary.id;
    await saveSession(req);
    res.redirect(303, `/izin/${type.id}/ajukan/terkirim/${summary.id}`);
  });

  router.get('/izin/:typeId/ajukan/terkirim/:caseId', requireSignIn, async (req, res) => {
    const type = typeOf(String(req.params.typeId));
    const detail = await permitDetail(deps, actorOf(req), String(req.params.caseId));
    if (detail.typeId !== type.id) throw notFound('permit');
    const p = page(req);
    sendPage(res, p, p.t('applicant.done.title'), <SubmittedPage type={type} caseId={detail.id} registrationNumber={detail.registrationNumber} trackingPin={detail.trackingPin} dueAt={detail.dueAt} />);
  });

  router.get('/permohonan', requireSignIn, async (req, res) => {
    const cursor = typeof req.query[CURSOR_PARAM] === 'string' ? req.query[CURSOR_PARAM] : undefined;
    const list = await listPermits(deps, actorOf(req), { limit: PAGE_SIZE, cursor });
    const p = page(req);
    sendPage(res, p, p.t('applicant.mine.title'), <MyApplicationsPage rows={list.items} types={deps.catalog} cursor={cursor} nextCursor={list.nextCursor} slaOf={await slaNow()} />);
  });

  /** One application's page, with the revision form filled from the case (or from what was typed). */
  async function sendApplication(req: Request, res: Response, detail: TPermitDetail, revision: TRevisionForm | null, status = 200) {
    const actor = actorOf(req);
    const type = deps.catalog.get(detail.typeId);
    if (!type) throw notFound('permit type');
    const docs = await Promise.all(Object.entries(detail.documents).map(async ([id, ref]) => [id, await deps.records.getDocument(ref.id)] as const));
    const documentNames = Object.fromEntries(docs.map(([id, meta]) => [id, meta && { name: meta.name, bytes: meta.bytes }]));
    const isOwner = detail.status === 'changes_requested' && (await ownCase(deps.records, actor, 'permit', detail.id).then(() => true, () => false));
    const revisionForm: TRevisionForm | null = isOwner
      ? (revision ?? { fields: Object.fromEntries(type.fields.map((f) => [f.id, rawValue(f, detail.fields[f.id])])), comment: '', errors: {} })
      : null;
    const p = page(req);
    const notice = req.query.diperbaiki === '1' ? 'revised' : req.query.ditarik === '1' ? 'withdrawn' : null;
    sendPage(
      res,
      p,
      `${type.name[p.lang]} ${detail.registrationNumber}`,
      <ApplicationPage
        detail={detail}
        type={type}
        documentNames={documentNames}
        reviewerComments={reviewerComments(detail, type, p.lang)}
        revision={revisionForm}
        notice={notice}
        verificationHref={detail.certificate && verificationPath(detail.certificate.number, verificationCode(detail.id, detail.certificate.number))}
        slaOf={await slaNow()}
      />,
      status,
    );
  }

  router.get('/permohonan/:id', requireSignIn, async (req, res) => {
    await sendApplication(req, res, await permitDetail(deps, actorOf(req), String(req.params.id)), null);
  });

  router.get('/permohonan/:id/sertifikat.pdf', requireSignIn, async (req, res) => {
    const { fileName, pdf } = await permitCertificate(deps, actorOf(req), String(req.params.id));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  /** The sealed report of a lapsed case (deemed approval). */
  router.get('/permohonan/:id/lewat-waktu.pdf', requireSignIn, async (req, res) => {
    const { fileName, pdf } = await caseLapseReport(deps, actorOf(req), String(req.params.id));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(pdf);
  });

  router.post('/permohonan/:id/perbaikan', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const row = await ownCase(deps.records, actor, 'permit', String(req.params.id));
    const type = typeOf(row.typeId);
    const { tooLargeField } = await parseMultipart(req, res);
    const p = page(req);
    const body = req.body as Record<string, unknown>;
    const raw = Object.fromEntries(type.fields.map((f) => [f.id, typeof body[`fields.${f.id}`] === 'string' ? (body[`fields.${f.id}`] as string) : rawValue(f, row.fields[f.id])]));
    const comment = typeof body.comment === 'string' ? body.comment : '';
    const typed = typedFields(type, raw);
    const uploaded: Record<string, TDraftDocument> = {};
    const errors = { ...fieldErrors(type, typed, p.t), ...(await takeUploads(req, actor, type, uploaded, p, tooLargeField)) };
    const again = async (formErrors: TFormErrors) =>
      sendApplication(req, res, await permitDetail(deps, actor, row.caseId), { fields: raw, comment, errors: formErrors }, 400);
    if (Object.keys(errors).length > 0) return again(errors);
    const changed: Record<string, unknown> = Object.fromEntries(Object.entries(typed).filter(([id, value]) => JSON.stringify(value) !== JSON.stringify(row.fields[id])));
    // An optional input emptied clears the field (null in the use case); a required one emptied failed above.
    for (const f of type.fields) if (!(f.id in typed) && f.id in row.fields) changed[f.id] = null;
    try {
      await revisePermit(deps, actor, row.caseId, {
        fields: changed,
        documents: Object.fromEntries(Object.entries(uploaded).map(([id, d]) => [id, d.id])),
        comment: comment.trim() === '' ? undefined : comment,
      });
    } catch (err) {
      const refused = localizedRefusal(err, p);
      if (!refused) throw err;
      return again(refused);
    }
    res.redirect(303, `/permohonan/${row.caseId}?diperbaiki=1`);
  });

  router.get('/permohonan/:id/tarik', requireSignIn, async (req, res) => {
    const row = await ownCase(deps.records, actorOf(req), 'permit', String(req.params.id));
    const p = page(req);
    sendPage(res, p, p.t('applicant.withdraw.title', { number: row.registrationNumber }), <WithdrawPage caseId={row.caseId} registrationNumber={row.registrationNumber} reason="" />);
  });

  router.post('/permohonan/:id/tarik', requireSignIn, async (req, res) => {
    const actor = actorOf(req);
    const row = await ownCase(deps.records, actor, 'permit', String(req.params.id));
    const reason = typeof req.body.reason === 'string' ? req.body.reason : '';
    try {
      await withdrawPermit(deps, actor, row.caseId, reason.trim() === '' ? {} : { reason });
    } catch (err) {
      const p = page(req);
      const errors = formErrorsOf(err);
      if (!errors) throw err;
      const localized = Object.fromEntries(Object.keys(errors).map((path) => [path, reason.length > 2000 ? p.t('applicant.error.tooLong', { max: 2000 }) : p.t('applicant.error.text')]));
      return sendPage(res, p, p.t('applicant.withdraw.title', { number: row.registrationNumber }), <WithdrawPage caseId={row.caseId} registrationNumber={row.registrationNumber} reason={reason} errors={localized} />, 400);
    }
    res.redirect(303, `/permohonan/${row.caseId}?ditarik=1`);
  });

  return router;
}

/** The reviewers' comments that asked for the changes now pending: those since the applicant's last revision. */
function reviewerComments(detail: TPermitDetail, type: TCaseType, lang: 'id' | 'en'): { stageName: string; comment: string }[] {
  if (detail.status !== 'changes_requested') return [];
  const lastRevision = detail.timeline.map((e) => e.action).lastIndexOf('revised');
  return detail.timeline
    .slice(lastRevision + 1)
    .filter((e) => e.action === 'request_changes' && e.comment)
    .map((e) => ({ stageName: type.stages.find((s) => s.id === e.stageId)?.name[lang] ?? e.stageId ?? '', comment: e.comment! }));
}
