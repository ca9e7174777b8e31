import { expect } from 'chai';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { TFindingView } from '../../api/use-cases/audit';
import { addendaNearCap, vendorConcentration } from '../../domain/anomalies/contract-rules';
import { afterHoursDecisions, fastApproval, issuedAfterDeadline, revisionLoops, samePersonTwoStages, signedDocumentDiffers } from '../../domain/anomalies/case-rules';
import { ANOMALY_RULES, type TAuditCase, type TFinding } from '../../domain/anomalies/finding';
import type { TCaseEvent } from '../../domain/case';
import type { TLang } from '../../web/i18n/define-messages';
import { formatters } from '../../web/i18n/format';
import { translator } from '../../web/i18n/translate';
import { PageContext } from '../../web/page-context';
import { FindingEvidence } from '../../web/routes/audit/finding-evidence';
import { officeHoursFromFile } from '../../worker/anomaly-sweeper';
import { auditEvent, normalAuditCase } from '../harness/audit-cases';

/**
 * The /audit page words every rule's evidence (issue 13 §2). The evidence here is what the rules themselves return,
 * so a rule that changes its evidence without the page learning the new shape fails here (the page would fall back
 * to listing the fields).
 */

const event = (seq: number, action: string, at: string, actorId: string, stageId: string | null) => auditEvent(action as TCaseEvent['action'], at, actorId, stageId, seq);
const base: TAuditCase = normalAuditCase({
  closedAt: '2026-11-21T03:00:00.000Z',
  // 22:14 WIB on a Tuesday; a Saturday; then the same person on a second stage; three requests for changes.
  events: [
    event(4, 'approve', '2026-11-10T15:14:00.000Z', 'rahmat', 'kelengkapan'),
    event(6, 'approve', '2026-11-14T03:00:00.000Z', 'rahmat', 'kajian_teknis'),
    ...[7, 8, 9].map((seq) => event(seq, 'request_changes', `2026-11-1${seq - 6}T03:00:00.000Z`, 'agus', 'kelengkapan')),
  ],
  signatures: [
    { step: 'head', userId: 'kepala', signedAt: '2026-11-12T03:00:00.000Z', inputSha256: 'a'.repeat(64), outputSha256: 'b'.repeat(64), approvedContentSha256: 'c'.repeat(64), inputContentSha256: 'd'.repeat(64) },
    { step: 'seal', userId: 'system', signedAt: '2026-11-12T04:00:00.000Z', inputSha256: 'e'.repeat(64), outputSha256: 'f'.repeat(64) },
  ],
  issuedSha256: '9'.repeat(64),
});

function allFindings(): TFinding[] {
  const contract: TAuditCase = { ...base, caseId: 'k1', kind: 'contract', contractValues: { original: 100_000_000, current: 109_500_000 } };
  const awards = ['a', 'b', 'c'].map((id, i) => ({ caseId: id, registrationNumber: `REG/BRG/2026/00000${i + 1}`, ppkRole: 'ppk:dinas-pupr', vendorRole: 'vendor:012345678901234', awardDate: `2026-0${i + 6}-01` }));
  return [
    ...afterHoursDecisions(base, officeHoursFromFile()),
    ...samePersonTwoStages(base),
    ...fastApproval({ ...base, closedAt: '2026-11-10T06:00:00.000Z' }, new Map([['reklame', { medianMs: 48 * 3_600_000, samples: 10 }]])),
    ...revisionLoops(base),
    ...signedDocumentDiffers(base),
    ...issuedAfterDeadline(base),
    ...addendaNearCap(contract),
    ...vendorConcentration(awards, new Date('2026-12-01T00:00:00Z')),
  ];
}

const view = (f: TFinding): TFindingView => ({ ...f, id: 'x', kind: f.caseId === 'k1' ? 'contract' : 'permit', typeId: 'reklame', registrationNumber: 'REG/REK/2026/000001', firstSeenAt: '2026-11-22T00:00:00.000Z', lastSeenAt: '2026-11-22T00:00:00.000Z', acknowledgement: null });

function render(f: TFinding, lang: TLang): string {
  const page = { lang, t: translator(lang), format: formatters(lang), user: null, csrfToken: () => '', path: '/audit', officeName: 'DPMPTSP' };
  return renderToString(h(PageContext.Provider, { value: page }, h(FindingEvidence, { finding: view(f), stageName: (id: string) => `«${id}»` })));
}

describe('the auditor’s findings in words (web/routes/audit/finding-evidence.tsx)', () => {
  const findings = allFindings();

  it('words the evidence of every rule and every shape the rules give, in both languages', () => {
    expect(new Set(findings.map((f) => f.rule)), 'the scenario covers every rule').to.deep.equal(new Set(ANOMALY_RULES));
    expect(findings.filter((f) => f.rule === 'signed_document_differs').map((f) => f.subject), 'the three shapes of the signature rule').to.deep.equal(['approved:head', 'step:seal', 'issued']);
    for (const f of findings) {
      for (const lang of ['id', 'en'] as const) {
        const html = render(f, lang);
        expect(html, `${f.rule} ${f.subject} (${lang}) in words`).to.not.include('evidence-raw');
        expect(html, `${f.rule} ${f.subject} (${lang}) no placeholder left`).to.not.match(/\{\w+\}/);
      }
    }
  });

  it('says when, against which hours, who and where, and links the event', () => {
    const [evening, saturday] = findings.filter((f) => f.rule === 'after_hours_decision');
    const html = render(evening!, 'id');
    expect(html).to.include('Diputuskan pukul 22:14 WIB pada 10 November 2026, di luar jam kerja (07:30–16:00).');
    expect(html).to.include('oleh pengguna rahmat (Petugas DPMPTSP) pada tahap «kelengkapan».');
    expect(html).to.include('href="/audit/kasus/c1#peristiwa-4"');
    expect(render(saturday!, 'id')).to.include('hari kantor tidak buka');
    expect(render(saturday!, 'en')).to.include('Decided at 10:00 WIB on 14 November 2026, a day the office does not open.');
    const same = render(findings.find((f) => f.rule === 'same_person_two_stages')!, 'id');
    expect(same).to.include('Orang yang sama (ID pengguna rahmat) memutus tahap «kelengkapan» dan «kajian_teknis».');
  });

  it('lists a shape it does not know field by field rather than dropping it', () => {
    const html = render({ rule: 'fast_approval', caseId: 'c1', subject: '', evidence: { tookMinutes: 5 } }, 'id');
    expect(html).to.include('evidence-raw');
    expect(html).to.include('tookMinutes');
  });
});
