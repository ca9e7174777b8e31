import { LANGS } from './define-messages';
import type { TLang } from './define-messages';
import { MESSAGES } from './messages';
import type { TMessageKey } from './messages';

export type TTranslate = (key: TMessageKey, params?: Record<string, string | number>) => string;

/** The cookie that remembers the language switch (a year; no session needed). */
export const LANG_COOKIE = 'sahkan_lang';

export const isLang = (value: unknown): value is TLang => LANGS.includes(value as TLang);

/** `t('home.title', { office })`: the message in the language, `{office}` filled in. */
export function translator(lang: TLang): TTranslate {
  const table = MESSAGES[lang];
  return (key, params) => {
    const message = table[key];
    return params ? message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : message;
  };
}
