import { OPEN_TASK_STATUSES } from '../domain/case';
import type { TCaseType } from '../domain/case-type.schema';
import type { TContractType } from '../domain/contract-type.schema';
import type { TOffice } from '../domain/certificate-layout.schema';
import { noticeRecipients } from '../domain/notices/notice-addressees';
import type { TOrganisation } from '../domain/notices/organisation.schema';
import { stageNoticeMail } from '../domain/notices/stage-notice-mail';
import type { TStageNotice } from '../domain/engine/case-clock';
import type { Records } from '../store/records';
import { activityFailure } from './activity-failure';

export interface TStageNoticeDeps {
  records: Records;
  catalog: ReadonlyMap<string, TCaseType>;
  contractTypes: ReadonlyMap<string, TContractType>;
  office: TOffice;
  organisation: TOrganisation;
  /** The office's public base URL: the links in the e-mails. */
  publicUrl: string;
}

/** A reminder or escalation of a case's stage (see stageNotices in domain/engine/case-clock.ts). */
export interface TStageNoticeInput {
  caseId: string;
  notice: TStageNotice;
  /** The roles still deciding the stage; the addressees are resolved from them here (the organisation is data, not history). */
  roles: string[];
  /** The stage's deadline when the notice fell due. */
  dueAt: string | null;
}

/** The stage_notices key of one addressee; its e-mail's outbox key is derived from it. */
export const stageNoticeKey = (caseId: string, notice: Pick<TStageNotice, 'stageId' | 'kind'>, role: string): string => `${caseId}:${notice.stageId}:${notice.kind}:${role}`;

/**
 * Writes a stage's notice to each addressee's inbox and enqueues one e-mail per addressee with a mailbox, all by
 * keys derived from (case, stage, notice, addressee): a retried activity or a replayed timer adds nothing new.
 * Addressees: the roles still deciding for a reminder, their units' supervisors at 90%, the head of office at the
 * deadline (templates/organisation.json, resolved by domain/notices/notice-addressees.ts).
 */
export function createNoticeStage(deps: TStageNoticeDeps) {
  return async function noticeStage({ caseId, notice, roles, dueAt }: TStageNoticeInput): Promise<void> {
    const recipients = noticeRecipients(deps.organisation, notice.to, roles);
    await deps.records.stageNotices.enqueue(
      recipients.map((r) => ({ key: stageNoticeKey(caseId, notice, r.role), caseId, stageId: notice.stageId, kind: notice.kind, to: notice.to, role: r.role, at: notice.at, dueAt })),
    );
    const mailed = recipients.filter((r) => r.mailbox !== null);
    if (mailed.length === 0) return;
    const [row, tasks] = await Promise.all([deps.records.getCase(caseId), deps.records.listTasksForCase(caseId)]);
    // Registered before its workflow started: a missing row is a store to repair, retried meanwhile.
    if (!row) throw activityFailure('CaseRecordMissing', `case ${caseId} is not in the store: its stage notice cannot be mailed`);
    const stageTasks = tasks.filter((t) => t.stageId === notice.stageId);
    const open = stageTasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
    const stage = row.clock?.stages.findLast((s) => s.stageId === notice.stageId);
    const typeName = (row.kind === 'permit' ? deps.catalog.get(row.typeId)?.name.id : deps.contractTypes.get(row.typeId)?.name.id) ?? row.typeId;
    for (const recipient of mailed) {
      // The task of a role the reader is told about (its own, one it supervises), else the stage's first still open.
      const task = open.find((t) => recipient.about.includes(t.role)) ?? open[0] ?? stageTasks.at(-1);
      const mail = stageNoticeMail({
        notice,
        recipient,
        registrationNumber: row.registrationNumber,
        typeName,
        stageName: stage?.stageName ?? task?.stageName ?? notice.stageId,
        dueAt,
        serviceLevelDays: stage?.serviceLevelDays ?? null,
        link: task ? `${deps.publicUrl}/tugas/${task.id}` : `${deps.publicUrl}/tugas`,
        office: deps.office.shortName,
      });
      await deps.records.outbox.enqueue({ key: `notice:${stageNoticeKey(caseId, notice, recipient.role)}`, caseId, recipient: recipient.mailbox!, ...mail });
    }
  };
}
