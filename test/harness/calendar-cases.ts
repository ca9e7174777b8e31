import { expect } from 'chai';
import { computeDeadline, type TClosure } from '../../domain/working-time/deadline';
import { submit } from './api-client';
import { view } from './cases';
import { harness } from './harness';

/**
 * A reklame case submitted through the API, its view and running stage, and that stage's deadline by the rule with
 * given closures (the calendar-change suites declare closures inside it and watch it move).
 */
export async function openReklameStage() {
  const res = await submit('reklame');
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseId = res.body.id as string;
  const before = await view(caseId);
  const stage = before.clock!.stages.at(-1)!;
  const stageDue = (closures: readonly TClosure[] = []) =>
    computeDeadline(harness().apiDeps.officeCalendar, { receivedAt: new Date(stage.openedAt), workingDays: stage.serviceLevelDays, closures });
  return { caseId, before, stage, due: stage.dueAt!, stageDue };
}
