/** The bare workflow's one activity (scripts/bench-e2e/bare.workflow.ts): a round trip through Temporal, nothing else. */
export const bareActivities = {
  async bareStep(what: string): Promise<string> {
    return what;
  },
};
export type TBareActivities = typeof bareActivities;
