import { publishTreeHead, type TTreeHeadDeps } from '../activities/tree-head.activity';

/** A signed tree head at least this often (issue 13: "published at least daily"). */
export const TREE_HEAD_MAX_AGE_MS = 24 * 3_600_000;

/** Publishes a head when the latest is older than the maximum age (or there is none); returns it, or null. */
export async function publishDueTreeHead(deps: TTreeHeadDeps, now = new Date()) {
  const latest = await deps.records.auditLog.latestTreeHead();
  if (latest && now.getTime() - Date.parse(latest.timestamp) < TREE_HEAD_MAX_AGE_MS) return null;
  return publishTreeHead(deps, now);
}

/**
 * Checks every `intervalMs` (default an hour) whether a head is due and signs it in the worker, which holds the
 * seal. Several workers may both sign one: two heads of one log, both valid. A failed pass (a log found altered)
 * is logged as an error and tried again at the next.
 */
export function startTreeHeadPublisher(deps: TTreeHeadDeps & { intervalMs?: number; log: { error(fields: object, msg: string): void; info(fields: object, msg: string): void } }) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const run = () => {
    pass = publishDueTreeHead(deps)
      .then((head) => {
        if (head) deps.log.info({ treeSize: head.treeSize, rootHash: head.rootHash }, 'tree head signed');
      })
      .catch((err: unknown) => deps.log.error({ error: err instanceof Error ? err.message : String(err) }, 'tree head not signed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, deps.intervalMs ?? 3_600_000);
      });
  };
  run();
  return {
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
