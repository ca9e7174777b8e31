import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { caseHandle } from '../harness/cases';
import { SCENARIOS } from './scenarios';

/**
 * `npm run histories:record`: runs each scenario on the real server and saves its history, so that
 * later changes to workflow code are replayed against histories recorded before them.
 */
describe('record workflow histories', () => {
  for (const [name, run] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const view = await run();
      await caseHandle(view.caseId).result();
      const history = await caseHandle(view.caseId).fetchHistory();
      fs.writeFileSync(path.join(__dirname, 'histories', `${name}.json`), historyToJSON(history));
    });
  }
});
