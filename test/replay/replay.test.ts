import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { harness } from '../harness/harness';

const DIR = path.join(__dirname, 'histories');
const recorded = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('replay of recorded workflow histories against today’s workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(recorded.length).to.be.greaterThanOrEqual(4);
  });
  for (const file of recorded) {
    it(`replays ${file} without non-determinism`, async () => {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
      await Worker.runReplayHistory({ workflowBundle: harness().workflowBundle }, history, file);
    });
  }
});
