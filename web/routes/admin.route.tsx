import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../../api/auth';
import { notFound } from '../../api/errors';
import { ZRevocationSchema } from '../../api/schemas';
import { adminCaseList, EXPORT_LIMIT, issuedDocumentOfCase, revokePermit, serviceLevelDashboard } from '../../api/use-cases/admin';
import type { TDashboard } from '../../api/use-cases/admin';
import { openEscalations } from '../../api/use-cases/notices';
import { isAdmin } from '../../domain/roles';
import { formErrorsOf } from '../components/form-errors';
import type { TFormErrors } from '../components/form-errors';
import type { TLang } from '../i18n/define-messages';
import type { TTranslate } from '../i18n/translate';
import type { TPageContext } from '../page-context';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import type { TPageDeps } from '../web-app';
import { adminLabels, parseCaseListQuery, parseDashboardQuery, stageName, typeName } from './admin/admin-query';
import type { TAdminLabels } from './admin/admin-query';
import { CaseListPage } from './admin/case-list.page';
import { sendCsv, toCsv } from '../../api/csv';
import { ageLabel, breachedText, DashboardPage, sharePercent } from './admin/dashboard.page';
import { RevocationPage } from './admin/revocation.page';
import type { TRevocationView } from './admin/revocation.page';

/** Administrators only; anyone else signed in gets the 404 page (the pages do not say they exist). */
function requireAdmin(req: Request, _res: Response, next: NextFunction) {
  next(req.actor && isAdmin(req.actor) ? undefined : notFound('page'));
}

/** The administrators' pages: the service-level dashboard and its CSV exports, the case list, revocation. */
export function adminPages(deps: TPageDeps): Router {
  const router = Router();
  const labels = adminLabels(deps);
  const officeName = deps.office.units[0]?.names.at(-1) ?? deps.office.nameLines.join(' ');
  const page = (req: Request) => pageContext(req, officeName);
  const guard = [requireSignIn, requireAdmin];

  /** Stages for the filters: the catalogues' stages and every stage a task was opened for (signing, termination). */
  let knownStages: { at: number; stages: Promise<Array<{ stageId: string; stageName: string }>> } | undefined;
  const stageChoices = async (lang: TLang) => {
    // New stage ids appear only with new types or kinds: a minute-old list is good enough for a filter's choices.
    if (!knownStages || Date.now() - knownStages.at > 60_000) knownStages = { at: Date.now(), stages: deps.records.serviceLevels.knownStages() };
    const known = await knownStages.stages.catch((err: unknown) => {
      knownStages = undefined;
      throw err;
    });
    const ids = new Set([...labels.stageIds, ...known.map((s) => s.stageId)]);
    const stored = new Map(known.map((s) => [s.stageId, s.stageName]));
    return {
      ids,
      options: [...ids].map((id) => ({ value: id, label: stageName(labels, lang, id, stored.get(id) ?? null)! })).sort((a, b) => a.label.localeCompare(b.label)),
    };
  };

  router.get('/dasbor', ...guard, async (req, res) => {
    const p = page(req);
    const stages = await stageChoices(p.lang);
    const parsed = parseDashboardQuery(req.query, p.t, stages.ids, labels);
    const [data, escalations] = parsed.errors ? [null, undefined] : await Promise.all([serviceLevelDashboard(deps, actorOf(req), parsed.filter), openEscalations(deps, actorOf(req))]);
    const named = escalations && { total: escalations.total, items: escalations.items.map((e) => ({ ...e, typeName: typeName(labels, p.lang, e.typeId) })) };
    const view = { labels, stageOptions: stages.options, values: parsed.values, errors: parsed.errors, data, escalations: named };
    sendPage(res, p, p.t('admin.dashboard.title'), <DashboardPage view={view} />, parsed.errors ? 400 : 200);
  });

  // One CSV per table of the dashboard, same filters as the page; a refused filter is the page with its errors.
  router.get('/dasbor/:table.csv', ...guard, async (req, res, next) => {
    const p = page(req);
    const table = req.params.table as string;
    if (!['terbuka', 'terlambat', 'umur', 'tepat-waktu', 'tahap', 'perkiraan', 'kasus'].includes(table)) return next();
    const stages = await stageChoices(p.lang);
    const day = new Date().toISOString().slice(0, 10);
    if (table === 'kasus') {
      const parsed = parseCaseListQuery(req.query, p.t, stages.ids, labels);
      if (parsed.errors) return refusedFilters(req, res, p, parsed.errors);
      const list = await adminCaseList(deps, actorOf(req), { ...parsed.filter, cursor: undefined, limit: EXPORT_LIMIT });
      return sendCsv(res, `dasbor-kasus-${day}`, casesCsv(list.items, p, labels));
    }
    const parsed = parseDashboardQuery(req.query, p.t, stages.ids, labels);
    if (parsed.errors) return refusedFilters(req, res, p, parsed.errors);
    if (table === 'terlambat') {
      const list = await adminCaseList(deps, actorOf(req), { ...parsed.filter, overdueOnly: true, limit: EXPORT_LIMIT });
      return sendCsv(res, `dasbor-terlambat-${day}`, casesCsv(list.items, p, labels));
    }
    const data = await serviceLevelDashboard(deps, actorOf(req), parsed.filter);
    sendCsv(res, `dasbor-${table}-${day}`, dashboardCsv(table, data, p, labels));
  });

  router.get('/dasbor/kasus', ...guard, async (req, res) => {
    const p = page(req);
    const stages = await stageChoices(p.lang);
    const parsed = parseCaseListQuery(req.query, p.t, stages.ids, labels);
    const list = parsed.errors ? null : await adminCaseList(deps, actorOf(req), parsed.filter);
    const view = {
      labels,
      stageOptions: stages.options,
      values: parsed.values,
      errors: parsed.errors,
      list,
    };
    sendPage(res, p, p.t('admin.cases.title'), <CaseListPage view={view} />, parsed.errors ? 400 : 200);
  });

  router.get('/dasbor/kasus/:id/pencabutan', ...guard, async (req, res) => {
    const p = page(req);
    const { issued } = await issuedDocumentOfCase(deps, actorOf(req), req.params.id as string);
    const view: TRevocationView = {
      issued,
      typeLabel: typeName(labels, p.lang, issued.typeId),
      values: {},
      step: issued.status === 'valid' ? 'form' : 'closed',
      done: req.query.selesai === '1' && issued.status === 'revoked',
    };
    sendPage(res, p, p.t('admin.revoke.title'), <RevocationPage view={view} />);
  });

  // `langkah`: periksa (check, then show the confirmation), ubah (back to the form), konfirmasi (revoke).
  router.post('/dasbor/kasus/:id/pencabutan', ...guard, async (req, res) => {
    const p = page(req);
    const caseId = req.params.id as string;
    const { issued } = await issuedDocumentOfCase(deps, actorOf(req), caseId);
    const values = { reasonCode: textOf(req.body.reasonCode), reason: textOf(req.body.reason) };
    const view = (step: TRevocationView['step'], errors?: TFormErrors | null): TRevocationView => ({ issued, typeLabel: typeName(labels, p.lang, issued.typeId), values, errors, step });
    const show = (v: TRevocationView, status = 200) => sendPage(res, p, p.t(v.step === 'confirm' ? 'admin.revoke.confirmTitle' : 'admin.revoke.title'), <RevocationPage view={v} />, status);
    if (issued.status !== 'valid') return show(view('closed'), 409);
    const step = req.body.langkah;
    const checked = ZRevocationSchema.safeParse(values, { error: z.locales[p.lang === 'id' ? 'id' : 'en']().localeError });
    if (step === 'ubah') return show(view('form'));
    if (!checked.success) return show(view('form', revocationErrors(checked.error, p.t)), 400);
    if (step !== 'konfirmasi') return show(view('confirm'));
    try {
      await revokePermit(deps, actorOf(req), caseId, checked.data);
    } catch (err) {
      const errors = formErrorsOf(err);
      if (!errors) throw err;
      return show(view('form', errors), 400);
    }
    res.redirect(303, `/dasbor/kasus/${encodeURIComponent(caseId)}/pencabutan?selesai=1`);
  });

  return router;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The revocation form's problems in the page's language, next to their fields. */
function revocationErrors(error: z.ZodError, t: TTranslate): TFormErrors {
  const errors: TFormErrors = {};
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? '_form');
    if (errors[path]) continue;
    if (path === 'reasonCode') errors[path] = t('admin.filter.badChoice');
    else if (issue.code === 'invalid_type') errors[path] = t('admin.revoke.required');
    else if (issue.code === 'too_small') errors[path] = t('admin.revoke.tooShort', { n: Number(issue.minimum) });
    else if (issue.code === 'too_big') errors[path] = t('admin.revoke.tooLong', { n: Number(issue.maximum) });
    else errors[path] = t('admin.revoke.badText');
  }
  return errors;
}

/** A CSV asked for with refused filters: the dashboard's error page (400), never a half-filtered file. */
function refusedFilters(_req: Request, res: Response, p: TPageContext, errors: TFormErrors) {
  res.status(400).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store').send(Object.values(errors).join('\n'));
  void p;
}

/** A lapse in a CSV cell: whether it is recorded, and deemed approved. */
const LAPSE_WORDS = { past_deadline: 'admin.lapse.unrecorded', lapsed: 'admin.lapse.tag', deemed_approved: 'clock.lapse.deemed' } as const;

function casesCsv(items: Awaited<ReturnType<typeof adminCaseList>>['items'], p: TPageContext, labels: TAdminLabels): string {
  const { t, lang } = p;
  return toCsv(
    [
      t('admin.col.registration'),
      t('admin.col.type'),
      t('admin.col.applicant'),
      t('admin.col.status'),
      t('admin.col.stage'),
      t('admin.col.submitted'),
      t('admin.col.stageDue'),
      t('admin.col.caseDue'),
      t('admin.col.ageDays'),
      t('admin.col.overdue'),
      t('admin.lapse.tag'),
      t('admin.col.certificate'),
    ],
    items.map((c) => [
      c.registrationNumber,
      typeName(labels, lang, c.typeId),
      c.applicant ? `${c.applicant.name} (${c.applicant.nik})` : null,
      t(`status.${c.status}`),
      stageName(labels, lang, c.stage?.id ?? null, c.stage?.name ?? null),
      c.submittedAt,
      c.stage?.dueAt ?? null,
      c.dueAt,
      c.ageWorkingDays,
      c.overdue ? 1 : 0,
      c.lapse ? t(LAPSE_WORDS[c.lapse.state]) : null,
      c.issued?.number ?? null,
    ]),
  );
}

function dashboardCsv(table: string, data: TDashboard, p: TPageContext, labels: TAdminLabels): string {
  const { t, lang } = p;
  const stage = (id: string | null, stored: string | null) => stageName(labels, lang, id, stored) ?? t('admin.noStage');
  if (table === 'terbuka') {
    return toCsv(
      [t('admin.col.type'), t('admin.col.stage'), t('admin.col.open'), t('admin.col.overdue')],
      data.openByStage.map((g) => [typeName(labels, lang, g.typeId), stage(g.stageId, g.stageName), g.open, g.overdue]),
    );
  }
  if (table === 'umur') return toCsv([t('admin.col.age'), t('admin.col.count')], data.aging.map((b) => [ageLabel(t, b), b.count]));
  if (table === 'tahap') {
    return toCsv(
      [t('admin.col.type'), t('admin.col.stage'), t('admin.col.closed'), t('admin.col.onTime'), t('admin.col.share'), t('admin.col.median'), t('admin.col.p90'), t('admin.col.open'), ...data.sla.ageBuckets.map((b) => ageLabel(t, b))],
      data.sla.stages.map((s) => [
        typeName(labels, lang, s.typeId),
        stage(s.stageId, s.stageName),
        s.closed,
        s.onTime,
        s.onTimeShare === null ? null : Math.round(s.onTimeShare * 1000) / 10,
        s.medianWorkingDays,
        s.p90WorkingDays,
        s.open,
        ...s.openByAge,
      ]),
    );
  }
  if (table === 'perkiraan') {
    return toCsv(
      [
        t('admin.col.registration'),
        t('admin.col.type'),
        t('admin.col.stage'),
        t('admin.col.elapsed'),
        t('admin.col.remaining'),
        t('admin.col.basedOn'),
        t('admin.col.expectedFinish'),
        t('admin.col.stageDue'),
        t('admin.col.caseDue'),
        t('admin.col.breached'),
        t('admin.col.lateBy'),
      ],
      data.sla.forecast.items.map((f) => [
        f.registrationNumber,
        typeName(labels, lang, f.typeId),
        stage(f.stageId, f.stageName),
        f.elapsedWorkingDays,
        f.remainingWorkingDays,
        f.basedOn,
        f.expectedFinishAt,
        f.stageDueAt,
        f.caseDueAt,
        breachedText(t, p.format, f),
        f.lateByWorkingDays,
      ]),
    );
  }
  return toCsv(
    [t('admin.col.stage'), t('admin.col.weekStart'), t('admin.col.decided'), t('admin.col.onTime'), t('admin.col.share')],
    data.onTime.stages.flatMap((s) => s.weeks.map((w, i) => [stage(s.stageId, s.stageName), data.onTime.weeks[i], w.decided, w.onTime, sharePercent(w.onTime, w.decided)])),
  );
}
