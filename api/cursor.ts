import { z } from 'zod';
import type { TKeysetPage, TKeyValue } from '../store/keyset';

/**
 * The opaque cursors of the paged lists (`?cursor=`, answered as `nextCursor`): the list's name and the key of the
 * last row of the page (store/keyset.ts), as base64url JSON. A cursor is decoded with the list's own key shape, so
 * one another list gave, or one edited by hand, is refused as 400 naming `cursor`, never read as a position.
 */

export const encodeCursor = (list: string, key: readonly TKeyValue[]): string => Buffer.from(JSON.stringify([list, ...key])).toString('base64url');

/** An ISO-8601 timestamp as the store writes them (keys that are times). */
export const ZCursorInstant = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)));
/** An id or a number (keys that break ties). */
export const ZCursorId = z.string().min(1).max(300);

/** `?cursor=` of `list`: its key, checked against `key`'s shape (a zod tuple). */
export function zCursor<T extends z.ZodTuple>(list: string, key: T) {
  const shape = z.tuple([z.literal(list)]).rest(z.unknown());
  return z
    .string()
    .max(600)
    .transform((text, ctx): z.output<T> => {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
        const tagged = shape.safeParse(decoded);
        const parsed = tagged.success ? key.safeParse(tagged.data.slice(1)) : undefined;
        if (parsed?.success) return parsed.data;
      } catch {
        // not JSON: refused below
      }
      ctx.addIssue({ code: 'custom', message: 'not a cursor this list gave (use nextCursor from the previous page)' });
      return z.NEVER;
    });
}

/** `?limit=`: bounded, DEFAULT_PAGE_SIZE when absent. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
export const zLimit = (fallback = DEFAULT_PAGE_SIZE, max = MAX_PAGE_SIZE) => z.coerce.number().int().min(1).max(max).default(fallback);

/** `nextCursor` of a page the store read: null on the last page. */
export const nextCursorOf = (list: string, page: TKeysetPage<unknown>): string | null => (page.next ? encodeCursor(list, page.next) : null);

/** A cursor given as text, decoded with `schema`; a bad one is a 400 naming `cursor`. */
export const decodeCursor = <T>(schema: z.ZodType<T, string>, text: string | undefined): T | undefined =>
  text === undefined ? undefined : z.object({ cursor: schema }).parse({ cursor: text }).cursor;

/** A page of a list as the API answers it: `nextCursor` continues after the last item, null on the last page. */
export interface TCursorPage<T> {
  items: T[];
  nextCursor: string | null;
}
