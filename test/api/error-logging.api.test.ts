import { expect } from 'chai';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { ApiError, logRequestFailure } from '../../api/errors';
import { openRecords, type Records } from '../../store/records';
import { testDatabase, type TTestDatabase } from '../harness/databases';
import { harness } from '../harness/harness';

interface TLogLine {
  level: number;
  msg: string;
  code?: string;
  reason?: string;
  cause?: string;
  err?: { stack?: string };
}

const WARN = 40;
const ERROR = 50;

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: TLogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as TLogLine) });
  return { logger, lines };
}

describe('failed requests in the log: expected 503s at warn without a stack, faults at error with one', function () {
  this.timeout(60_000);
  let database: TTestDatabase;
  let records: Records;

  before(async () => {
    // A store of its own: the shared one has the worker's tree heads.
    database = await testDatabase('sqlite', { migrated: true });
    records = await openRecords(database.location);
  });
  after(async () => {
    await database.dispose();
  });

  it('logs "no tree head yet" (503, Retry-After) at warn with its reason, and a broken store (500) at error with the stack', async () => {
    const { logger, lines } = capturingLogger();
    const app = createApp({ ...harness().apiDeps, records, logger });

    const none = await supertest(app).get('/api/v1/public/log/tree-head');
    expect(none.status).to.equal(503);
    expect(none.headers['retry-after']).to.equal('30');
    const proof = await supertest(app).get('/api/v1/public/log/proof/inclusion?leafIndex=0');
    expect(proof.status).to.equal(503);
    const expected = lines.filter((l) => l.msg === 'request failed');
    expect(expected).to.have.length(2);
    for (const line of expected) {
      expect(line.level).to.equal(WARN);
      expect(line).to.include({ code: 'UNAVAILABLE' });
      expect(line.reason).to.match(/no tree head is published yet/);
      expect(line.err, 'no stack for an answer the API chose').to.equal(undefined);
    }

    await records.close();
    const broken = await supertest(app).get('/api/v1/public/log/tree-head');
    expect(broken.status).to.equal(500);
    const fault = lines.filter((l) => l.msg === 'request failed').at(-1)!;
    expect(fault.level).to.equal(ERROR);
    expect(fault.err?.stack).to.be.a('string').and.not.equal('');
  });

  it('keeps refusals (4xx) out of the log and a records outage at warn with its cause', () => {
    const { logger, lines } = capturingLogger();
    logRequestFailure(logger, new ApiError('NOT_FOUND', 'nothing here'), 'request failed');
    logRequestFailure(logger, new ApiError('LOCKED', 'locked', undefined, 60), 'request failed');
    expect(lines).to.have.length(0);
    logRequestFailure(logger, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'request failed');
    expect(lines[0]).to.include({ level: WARN, code: 'UNAVAILABLE', cause: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(lines[0]!.err).to.equal(undefined);
    logRequestFailure(logger, new TypeError('x is undefined'), 'request failed');
    expect(lines[1]!.level).to.equal(ERROR);
    expect(lines[1]!.err?.stack).to.match(/TypeError: x is undefined/);
  });
});
