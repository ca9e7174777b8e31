/**
 * The naive floor `npm run bench:e2e` compares the permit flow with: a workflow of the same shape and no business
 * logic. A submission (update-with-start) awaits one activity, each of BARE_DECISIONS decision updates awaits one,
 * and two more run once the last decision is in (render and notify, as an issuance does).
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { TBareActivities } from './bare.activities';
import { BARE_DECISIONS, bareDecideUpdate, bareSubmitUpdate } from './bare.messages';

const { bareStep } = proxyActivities<TBareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareCaseWorkflow(): Promise<void> {
  let decided = 0;
  setHandler(bareSubmitUpdate, () => bareStep('register'));
  setHandler(bareDecideUpdate, async (n) => {
    await bareStep(`decision ${n}`);
    return ++decided;
  });
  await condition(() => decided === BARE_DECISIONS);
  await bareStep('render');
  await bareStep('notify');
}
