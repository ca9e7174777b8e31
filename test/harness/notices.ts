import crypto from 'node:crypto';
import { createNoticeStage } from '../../activities/stage-notice.activity';
import type { TStageNoticeKind, TNoticeAddressee } from '../../domain/engine/case-clock';
import { seedCase } from '../../scripts/seed-cases';
import { loadOffice } from '../../store/certificate-layouts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { loadOrganisation } from '../../store/organisation';
import { harness } from './harness';

const HOUR = 3_600_000;

/**
 * A PBG case written straight into the shared store, on its technical review (PUPR open, Fire Service decided), with
 * the stage's four notices sent through the real noticeStage activity at `hoursAgo` (50%, 75%, 90%, escalation): for
 * the inbox and dashboard suites, which find it by its id and number.
 */
export async function seedNoticedCase(hoursAgo: [number, number, number, number] = [40, 20, 8, 1]): Promise<{ caseId: string; registrationNumber: string; puprTask: string }> {
  const { records, catalog } = harness();
  const caseId = `notices-${crypto.randomBytes(6).toString('hex')}`;
  const now = Date.now();
  const at = (h: number) => new Date(now + h * HOUR);
  const stage = { stageId: 'kajian_teknis', stageName: 'Kajian teknis' };
  const { registrationNumber } = await seedCase(records, {
    caseId,
    typeId: 'pbg',
    typeCode: 'PBG',
    applicantId: 'budi',
    submittedAt: at(-72),
    status: 'in_review',
    stage: { id: stage.stageId, name: stage.stageName, dueAt: at(-hoursAgo[3]) },
    caseDueAt: at(200),
    tasks: [
      { ...stage, role: 'reviewer:pupr', status: 'open', createdAt: at(-72), dueAt: at(-hoursAgo[3]) },
      { ...stage, role: 'reviewer:damkar', status: 'done', createdAt: at(-72), dueAt: at(-hoursAgo[3]), decidedAt: at(-30) },
    ],
  });
  const noticeStage = createNoticeStage({ records, catalog, contractTypes: loadContractCatalog(), office: loadOffice(), organisation: loadOrganisation(), publicUrl: 'http://localhost:3000' });
  const marks: Array<[TStageNoticeKind, TNoticeAddressee]> = [['reminder_50', 'role'], ['reminder_75', 'role'], ['reminder_90', 'supervisor'], ['escalation', 'head']];
  for (const [i, [kind, to]] of marks.entries()) {
    await noticeStage({ caseId, notice: { stageId: stage.stageId, kind, to, at: at(-hoursAgo[i]!).toISOString() }, roles: ['reviewer:pupr'], dueAt: at(-hoursAgo[3]).toISOString() });
  }
  // seedCase numbers its tasks `<caseId>-t<n>` in order.
  return { caseId, registrationNumber, puprTask: `${caseId}-t1` };
}
