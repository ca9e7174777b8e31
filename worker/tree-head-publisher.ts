import { errorMessage, startPeriodicPass, type TPeriodicPass } from './periodic-pass';
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
export function startTreeHeadPublisher(deps: TTreeHeadDeps & { intervalMs?: number; log: { error(fields: object, msg: string): void; info(fields: object, msg: string): void } }): TPeriodicPass {
  return startPeriodicPass(
    async () => {
      const head = await publishDueTreeHead(deps);
      if (head) deps.log.info({ treeSize: head.treeSize, rootHash: head.rootHash }, 'tree head signed');
    },
    deps.intervalMs ?? 3_600_000,
    (err) => deps.log.error({ error: errorMessage(err) }, 'tree head not signed'),
  );
}
