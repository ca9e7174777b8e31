import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'chai';
import { toApiError } from '../../api/errors';
import { addWorkingDays as addWorkingDaysPure, CalendarRangeError, PONTIANAK_CALENDAR } from '../../domain/calendar';
import { API_ERROR_STATUS, FAILURE_CATALOGUE, NON_RETRYABLE_FAILURE_TYPES, type TFailureType } from '../../domain/failures';
import { CASE_FAILURE_TYPES, domainStep } from '../../workflows/shared/case.errors';

const updateRefused = (type: string, message = 'no') =>
  new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type, message, nonRetryable: true }));

describe('failure catalogue (domain/failures.ts)', () => {
  it('keeps the released wire names of the refusals and activity failures', () => {
    expect(Object.values(CASE_FAILURE_TYPES)).to.have.members(['TaskNotFound', 'TaskClosed', 'NotPermitted', 'InvalidTransition', 'InvalidInput', 'Expired']);
    for (const wire of ['SigningRefused', 'DocumentMissing', 'SignatureSelfCheckFailed']) expect(FAILURE_CATALOGUE).to.have.property(wire);
  });

  it('answers every refusal and domain failure with a 4xx, and never retries one', () => {
    for (const [type, spec] of Object.entries(FAILURE_CATALOGUE)) {
      if (spec.origin === 'activity') continue;
      // Expired refuses an update the API already answered 503 for (api/case-updates.ts): no caller waits for it.
      if (type === 'Expired') expect(spec.code).to.equal('CASE_UNAVAILABLE');
      else expect(API_ERROR_STATUS[spec.code], type).to.be.within(400, 499);
      expect(NON_RETRYABLE_FAILURE_TYPES, type).to.include(type as TFailureType);
    }
  });

  it('makes a missing catalog entry (certificate layout, contract type) non-retryable, a missing store record retryable', () => {
    expect(NON_RETRYABLE_FAILURE_TYPES).to.include.members(['CatalogEntryMissing', 'SigningRefused', 'DocumentMissing']);
    expect(NON_RETRYABLE_FAILURE_TYPES).not.to.include('CaseRecordMissing');
  });

  it('maps workflow refusals to their catalogue status in the API', () => {
    expect(toApiError(updateRefused('TaskNotFound')).status).to.equal(404);
    expect(toApiError(updateRefused('TaskClosed')).code).to.equal('TASK_CLOSED');
    expect(toApiError(updateRefused('NotPermitted')).status).to.equal(403);
    expect(toApiError(updateRefused('InvalidTransition')).status).to.equal(409);
    expect(toApiError(updateRefused('InvalidInput')).status).to.equal(400);
    expect(toApiError(updateRefused('CalendarRange', 'too far')).code).to.equal('INVALID_INPUT');
    // An activity failure is not the caller's fault: never a 4xx, never a bare 500.
    expect(toApiError(updateRefused('DocumentMissing')).status).to.equal(503);
    expect(toApiError(updateRefused('SomethingUnknown')).status).to.equal(503);
  });

  it('answers 503 with Retry-After when the records database is unreachable, and a bare 500 for anything else', () => {
    const unreachable = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
    ];
    for (const err of unreachable) {
      const api = toApiError(err);
      expect([api.status, api.code, api.retryAfterSeconds], err.message).to.deep.equal([503, 'UNAVAILABLE', 2]);
    }
    for (const err of [new Error('boom'), Object.assign(new Error('duplicate key'), { code: '23505' })]) expect(toApiError(err).status).to.equal(500);
  });

  it('maps the engine CalendarRangeError to a 400 in the API and to a typed non-retryable failure in workflows', () => {
    let thrown: unknown;
    try {
      addWorkingDaysPure(new Date(), -1, PONTIANAK_CALENDAR);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(CalendarRangeError);
    const api = toApiError(thrown);
    expect([api.status, api.code, api.details?.[0]?.path]).to.deep.equal([400, 'INVALID_INPUT', '(body)']);

    try {
      domainStep(() => addWorkingDaysPure(new Date(), -1, PONTIANAK_CALENDAR));
      expect.fail('expected a failure');
    } catch (err) {
      expect(err).to.be.instanceOf(ApplicationFailure);
      expect((err as ApplicationFailure).type).to.equal('CalendarRange');
      expect((err as ApplicationFailure).nonRetryable).to.equal(true);
    }
  });

  it('leaves no plain `throw new Error` in activities/', () => {
    const dir = path.join(__dirname, '..', '..', 'activities');
    const offenders = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /throw new Error\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(offenders).to.deep.equal([]);
  });
});
