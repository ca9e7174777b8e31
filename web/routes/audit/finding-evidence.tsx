import { z } from 'zod';
import type { TFindingView } from '../../../api/use-cases/audit';
import type { TAnomalyRule } from '../../../domain/anomalies/finding';
import type { TCaseKind } from '../../../domain/case';
import type { TFormatters } from '../../i18n/format';
import type { TTranslate } from '../../i18n/translate';
import { usePage } from '../../page-context';
import { caseActionLabel, caseRoleName } from '../../case-wording';
import { roleName } from '../../role-name';

/**
 * A finding's evidence in words (issue 13 §2): what each rule recorded, as sentences an inspector checks against the
 * case, with links to the case and the events concerned. Evidence is parsed per rule; a shape the page does not
 * know (a finding recorded by an older or newer rule) is listed field by field, never dropped.
 */

/** Names a stage of the finding's case in the page's language. */
export type TStageNamer = (stageId: string) => string;

export const auditCasePath = (caseId: string) => `/audit/kasus/${encodeURIComponent(caseId)}`;
/** A case's event on its audit page (the history's items carry these anchors). */
export const eventAnchor = (seq: number) => `peristiwa-${seq}`;
export const HISTORY_ANCHOR = 'riwayat';

const ZHhMm = z.string().regex(/^\d{2}:\d{2}$/);
const ZSha = z.string().min(8);

const EVIDENCE = {
  after_hours_decision: z.object({
    seq: z.number().int(),
    action: z.string(),
    actorId: z.string(),
    role: z.string(),
    stageId: z.string().nullable(),
    at: z.string(),
    localDate: z.string(),
    localTime: ZHhMm,
    // Recorded since the rule names the day's hours; older findings lack them.
    zone: z.string().optional(),
    officeHours: z.object({ opens: ZHhMm, closes: ZHhMm }).nullable().optional(),
    holiday: z.string().nullable().optional(),
  }),
  same_person_two_stages: z.object({ actorId: z.string(), stages: z.array(z.string()).min(2) }),
  fast_approval: z.object({ typeId: z.string(), tookHours: z.number(), typeMedianHours: z.number(), samples: z.number().int() }),
  revision_loops: z.object({ loops: z.number().int(), requestedAt: z.array(z.string()), by: z.array(z.string()) }),
  signed_document_differs: z.union([
    z.object({ step: z.string(), signerId: z.string(), signedAt: z.string(), approvedContentSha256: ZSha, signedContentSha256: ZSha }),
    z.object({ step: z.string(), signerId: z.string(), signedInputSha256: ZSha, approvedSha256: ZSha, approvedBy: z.string() }),
    z.object({ step: z.string(), signedOutputSha256: ZSha, issuedSha256: ZSha }),
  ]),
  issued_after_deadline: z.object({ closedAt: z.string(), caseDueAt: z.string(), lateHours: z.number() }),
  addenda_near_cap: z.object({ originalValue: z.number(), currentValue: z.number(), addedPercent: z.number(), nearPercent: z.number() }),
  vendor_concentration: z.object({
    ppkRole: z.string(),
    vendorRole: z.string(),
    count: z.number().int(),
    windowDays: z.number().int(),
    threshold: z.number().int(),
    contracts: z.array(z.object({ caseId: z.string(), number: z.string(), awardDate: z.string() })),
  }),
} satisfies Record<TAnomalyRule, z.ZodType>;

type TEvidence<R extends TAnomalyRule> = z.infer<(typeof EVIDENCE)[R]>;
type TCtx = { t: TTranslate; format: TFormatters; stageName: TStageNamer; caseId: string; kind: TCaseKind; list: (items: string[]) => string };

const short = (sha: string) => `${sha.slice(0, 12)}…`;

function AfterHours(props: { e: TEvidence<'after_hours_decision'>; c: TCtx }) {
  const { e, c } = props;
  const { t, format } = c;
  // Findings recorded before the rule named the zone were all read in the office's calendar (WIB).
  const when = { time: e.localTime, zone: e.zone ?? 'WIB', date: format.date(e.localDate) };
  const why =
    e.holiday != null
      ? t('audit.ev.afterHours.holiday', { ...when, holiday: e.holiday })
      : e.officeHours === null
        ? t('audit.ev.afterHours.closedDay', when)
        : e.officeHours
          ? t('audit.ev.afterHours.outside', { ...when, opens: e.officeHours.opens, closes: e.officeHours.closes })
          : t('audit.ev.afterHours.unknownHours', when);
  return (
    <>
      <p>{why}</p>
      <p>
        {t('audit.ev.decision', { action: caseActionLabel(e.action, c.kind, t), actor: e.actorId, role: caseRoleName(e.role, c.kind, t) })}
        {e.stageId && ` ${t('audit.ev.atStage', { stage: c.stageName(e.stageId) })}`}{' '}
        <a href={`${auditCasePath(c.caseId)}#${eventAnchor(e.seq)}`}>{t('audit.ev.seeEvent', { seq: e.seq })}</a>
      </p>
    </>
  );
}

function SamePerson(props: { e: TEvidence<'same_person_two_stages'>; c: TCtx }) {
  const { e, c } = props;
  return (
    <p>
      {c.t('audit.ev.samePerson', { actor: e.actorId, stages: c.list(e.stages.map(c.stageName)) })}{' '}
      <a href={`${auditCasePath(c.caseId)}#${HISTORY_ANCHOR}`}>{c.t('audit.ev.seeHistory')}</a>
    </p>
  );
}

function RevisionLoops(props: { e: TEvidence<'revision_loops'>; c: TCtx }) {
  const { e, c } = props;
  return (
    <>
      <p>
        {c.t('audit.ev.loops', { n: e.loops })} <a href={`${auditCasePath(c.caseId)}#${HISTORY_ANCHOR}`}>{c.t('audit.ev.seeHistory')}</a>
      </p>
      <ol class="evidence-list">
        {e.requestedAt.map((at, i) => (
          <li>{c.t('audit.ev.loopItem', { at: c.format.dateTime(at), by: e.by[i] ?? '–' })}</li>
        ))}
      </ol>
    </>
  );
}

function Vendor(props: { e: TEvidence<'vendor_concentration'>; c: TCtx }) {
  const { e, c } = props;
  return (
    <>
      <p>{c.t('audit.ev.vendor', { vendor: roleName(e.vendorRole, c.t), ppk: roleName(e.ppkRole, c.t), n: e.count, days: e.windowDays, threshold: e.threshold })}</p>
      <ul class="evidence-list">
        {e.contracts.map((k) => (
          <li>
            <a href={auditCasePath(k.caseId)}>{k.number}</a> · {c.t('audit.ev.awarded', { date: c.format.date(k.awardDate) })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The sentences of one rule's evidence; null when the evidence is not of the rule's known shape. */
function sentences(rule: TAnomalyRule, evidence: unknown, c: TCtx) {
  const { t, format } = c;
  switch (rule) {
    case 'after_hours_decision': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <AfterHours e={e.data} c={c} /> : null;
    }
    case 'same_person_two_stages': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <SamePerson e={e.data} c={c} /> : null;
    }
    case 'fast_approval': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <p>{t('audit.ev.fast', { took: format.number(e.data.tookHours), median: format.number(e.data.typeMedianHours), n: e.data.samples })}</p> : null;
    }
    case 'revision_loops': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <RevisionLoops e={e.data} c={c} /> : null;
    }
    case 'signed_document_differs': {
      const e = EVIDENCE[rule].safeParse(evidence);
      if (!e.success) return null;
      const d = e.data;
      return (
        <p>
          {'approvedContentSha256' in d
            ? t('audit.ev.signedNotApproved', { step: d.step, signer: d.signerId, at: format.dateTime(d.signedAt), approved: short(d.approvedContentSha256), signed: short(d.signedContentSha256) })
            : 'signerId' in d
            ? t('audit.ev.signedOther', { step: d.step, signer: d.signerId, signed: short(d.signedInputSha256), approved: short(d.approvedSha256), approvedBy: d.approvedBy })
            : t('audit.ev.issuedOther', { step: d.step, signed: short(d.signedOutputSha256), issued: short(d.issuedSha256) })}
        </p>
      );
    }
    case 'issued_after_deadline': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <p>{t('audit.ev.late', { closed: format.dateTime(e.data.closedAt), due: format.dateTime(e.data.caseDueAt), hours: format.number(e.data.lateHours) })}</p> : null;
    }
    case 'addenda_near_cap': {
      const e = EVIDENCE[rule].safeParse(evidence);
      const d = e.data;
      return d ? <p>{t('audit.ev.addenda', { original: format.money(d.originalValue), current: format.money(d.currentValue), pct: format.number(d.addedPercent), near: format.number(d.nearPercent) })}</p> : null;
    }
    case 'vendor_concentration': {
      const e = EVIDENCE[rule].safeParse(evidence);
      return e.success ? <Vendor e={e.data} c={c} /> : null;
    }
  }
}

/** The evidence field by field, for a shape the page does not know. */
function RawEvidence(props: { evidence: Record<string, unknown> }) {
  return (
    <dl class="evidence-raw">
      {Object.entries(props.evidence).map(([key, value]) => (
        <>
          <dt>{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </>
      ))}
    </dl>
  );
}

export function FindingEvidence(props: { finding: TFindingView; stageName: TStageNamer }) {
  const { t, format, lang } = usePage();
  const f = props.finding;
  const conjunction = new Intl.ListFormat(lang === 'id' ? 'id-ID' : 'en-GB', { type: 'conjunction' });
  const words = sentences(f.rule, f.evidence, { t, format, stageName: props.stageName, caseId: f.caseId, kind: f.kind ?? 'permit', list: (items) => conjunction.format(items) });
  return <div class="evidence">{words ?? <RawEvidence evidence={f.evidence} />}</div>;
}
