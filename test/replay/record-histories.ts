import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { harness } from '../harness/harness';
import { SCENARIOS } from './scenarios';

/**
 * `npm run histories:record`: runs each scenario that has no recorded history yet on the real server and saves
 * its history. Existing recordings are kept: they are the histories from before later changes, which replay
 * must keep accepting (delete a file on purpose to record it anew).
 */
describe('record workflow histories', () => {
  const missing = Object.entries(SCENARIOS).filter(([name]) => !fs.existsSync(path.join(__dirname, 'histories', `${name}.json`)));
  for (const [name, run] of missing) {
    it(name, async () => {
      // The history as it stands once the scenario's last update answered (a contract's workflow stays open).
      const { caseId, kind } = await run();
      const history = await harness().client.workflow.getHandle(caseWorkflowId(kind, caseId)).fetchHistory();
      fs.writeFileSync(path.join(__dirname, 'histories', `${name}.json`), historyToJSON(history));
    });
  }
});
