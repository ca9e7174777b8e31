import type { TLang } from './define-messages';

/** The office's time zone: WIB (UTC+7, no daylight saving). Dates and times on pages are always in it. */
const TIME_ZONE = 'Asia/Jakarta';
const LOCALES: Record<TLang, string> = { id: 'id-ID', en: 'en-GB' };

/** Formatting for one language: "2 Desember 2026", "2 Desember 2026 14.05 WIB", "Rp 1.250.000". */
export function formatters(lang: TLang) {
  const locale = LOCALES[lang];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
  const shortDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: TIME_ZONE });
  const shortDateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  const money = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale);
  const toDate = (value: string | Date) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value));
  return {
    /** A calendar date (`2026-12-02`) or an instant, as the office's local date. */
    date: (value: string | Date) => date.format(toDate(value)),
    dateTime: (value: string | Date) => `${dateTime.format(toDate(value))} WIB`,
    /** "24 Des", "24 Dec": a date in a sentence. */
    shortDate: (value: string | Date) => shortDate.format(toDate(value)),
    /** "24 Des 16.00", "24 Dec, 16:00": an instant in a sentence. */
    shortDateTime: (value: string | Date) => shortDateTime.format(toDate(value)),
    money: (value: number) => money.format(value),
    number: (value: number) => number.format(value),
  };
}
export type TFormatters = ReturnType<typeof formatters>;
