import { Router } from 'express';
import { computeDeadline, DeadlineInputError, type TPause } from '../../domain/working-time/deadline';
import type { TApiDeps } from '../deps';
import { invalid } from '../errors';
import { parseInstant, ZDeadlineQuerySchema } from '../schemas';

/** `a/b,c/d,e/` → pauses; throws 400 naming `pauses` and the pause. */
function pausesOf(text: string | undefined): TPause[] {
  if (text === undefined || text === '') return [];
  const parts = text.split(',');
  if (parts.length > 100) throw invalid('pauses', 'at most 100 pauses');
  return parts.map((part, i) => {
    const [fromText, toText, ...rest] = part.split('/');
    const from = parseInstant(fromText ?? '');
    const to = toText ? parseInstant(toText) : undefined;
    if (rest.length || toText === undefined || !from || to === null) {
      throw invalid('pauses', `pause ${i + 1} ("${part.slice(0, 100)}"): expected <ISO instant>/<ISO instant>, or <ISO instant>/ while still paused`);
    }
    return to ? { from, to } : { from };
  });
}

/** The public, read-only preview of the deadline rule (issue 10 §1): anyone can check a deadline against it. */
export function calendarRoutes(deps: TApiDeps): Router {
  const router = Router();
  /** The regional closures in force and their revision (public: they move everyone's deadlines). */
  router.get('/calendar/closures', async (_req, res) => {
    const edition = await deps.records.calendarClosures.edition();
    res.json({ revision: edition.revision, calendarVersion: deps.officeCalendar.version, items: edition.closures });
  });
  router.get('/calendar/deadline', async (req, res) => {
    // Named here rather than by the strict schema, whose error has no parameter to name.
    const unknown = Object.keys(req.query).find((key) => !Object.hasOwn(ZDeadlineQuerySchema.shape, key));
    if (unknown !== undefined) throw invalid(unknown.slice(0, 100), `unknown parameter; expected ${Object.keys(ZDeadlineQuerySchema.shape).join(', ')}`);
    const query = ZDeadlineQuerySchema.parse(req.query);
    const edition = await deps.records.calendarClosures.edition();
    try {
      const deadline = computeDeadline(deps.officeCalendar, {
        receivedAt: parseInstant(query.receivedAt)!,
        workingDays: Number(query.workingDays),
        pauses: pausesOf(query.pauses),
        policy: query.policy,
        closures: edition.closures,
      });
      res.json({
        dueAt: deadline.dueAt?.toISOString() ?? null,
        countedDays: deadline.countedDays,
        skipped: deadline.skipped,
        calendarVersion: deps.officeCalendar.version,
        closuresRevision: edition.revision,
      });
    } catch (err) {
      if (err instanceof DeadlineInputError) throw invalid(err.field, err.message);
      throw err;
    }
  });
  return router;
}
