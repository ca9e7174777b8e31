/**
 * The naive floor `npm run bench:e2e` compares the permit flow with: a workflow of the same shape and no business
 * logic. A submission (update-with-start) awaits one activity, each of BARE_DECISIONS decision updates awaits one,
 * and two more run once the last decision is in (render and notify, as an issuance does). With `projectEachUpdate`
 * it also runs one activity after each update has answered, as the permit's projector writes each new version
 * (8 activities become 14, near the permit's 15).
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { TBareActivities } from './bare.activities';
import { BARE_DECISIONS, bareDecideUpdate, bareSubmitUpdate, type TBareOptions } from './bare.messages';

const { bareStep } = proxyActivities<TBareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareCaseWorkflow(options: TBareOptions = {}): Promise<void> {
  let decided = 0;
  let answered = 0;
  let projected = 0;
  setHandler(bareSubmitUpdate, async () => {
    const registered = await bareStep('register');
    answered++;
    return registered;
  });
  setHandler(bareDecideUpdate, async (n) => {
    await bareStep(`decision ${n}`);
    answered++;
    return ++decided;
  });
  if (options.projectEachUpdate) {
    while (decided < BARE_DECISIONS || projected < answered) {
      await condition(() => projected < answered);
      await bareStep(`project ${++projected}`);
    }
  } else {
    await condition(() => decided === BARE_DECISIONS);
  }
  await bareStep('render');
  await bareStep('notify');
}
