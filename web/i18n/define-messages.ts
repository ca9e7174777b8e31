/** The languages of the pages: Bahasa Indonesia first (the default), English by the switch. */
export const LANGS = ['id', 'en'] as const;
export type TLang = (typeof LANGS)[number];

/**
 * One area's messages in both languages. The English table must have exactly the Indonesian keys, so a
 * missing translation is a type error, not a key shown on a page. `{name}` marks a parameter.
 */
export function defineMessages<const K extends string>(messages: { id: Record<K, string>; en: Record<K, string> }) {
  return messages;
}
