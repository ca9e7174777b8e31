import type { Page } from 'playwright-core';

type TLang = 'id' | 'en';
/** Pairs of texts in both languages: the message catalogues, and the labels of the templates (types, fields, stages). */
export interface TBilingual {
  id: Record<string, string>;
  en: Record<string, string>;
}

/**
 * Every text a person perceives on the page in its language: each text node of the body (not scripts or styles, nor
 * passages marked with another `lang`), the title, and the attributes read aloud or shown (aria-label, title, alt, placeholder, button values).
 */
export function visibleTexts(page: Page): Promise<string[]> {
  // A string, not a function: the test code is compiled without the DOM library.
  return page.evaluate<string[]>(`(() => {
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, noscript, template')) return NodeFilter.FILTER_REJECT;
        // A passage marked as another language (lang="id" on a contract's clauses) is meant to stay in it.
        const marked = parent.closest('[lang]');
        return marked && marked !== document.documentElement && marked.getAttribute('lang') !== document.documentElement.lang ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent);
    for (const element of document.querySelectorAll('[aria-label], [title], [alt], [placeholder], input[type=submit][value], input[type=button][value]')) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
      if (element.matches('input[type=submit], input[type=button]')) texts.push(element.value);
    }
    return texts.map((text) => (text || '').replace(/\\s+/g, ' ').trim()).filter((text) => text.length > 0);
  })()`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `Masuk sebagai {name}` → /^Masuk sebagai .+$/: a whole text made from the message, whatever its parameters. */
const patternOf = (message: string) => new RegExp(`^${message.split(/\{\w+\}/).map(escape).join('.+')}$`);

/**
 * Texts of the page that belong to the other language: a whole text equal to a message of the other language
 * that is not also a text of this one (so "Sahkan", or the switch's "English" on the Indonesian page, pass).
 * Texts are compared whole, so names and data that merely contain a word of the other language pass.
 */
export function foreignTexts(texts: string[], lang: TLang, sources: TBilingual[]): string[] {
  const other: TLang = lang === 'id' ? 'en' : 'id';
  const own = new Set(sources.flatMap((source) => Object.values(source[lang])));
  const foreign = sources
    .flatMap((source) => Object.values(source[other]))
    .filter((message) => !own.has(message) && message.replace(/\{\w+\}/g, '').trim().length >= 3)
    .map(patternOf);
  return [...new Set(texts.filter((text) => !own.has(text) && foreign.some((pattern) => pattern.test(text))))];
}

/** Texts that show a catalogue's key name (`error.notFound.title`): a message that was never translated. */
export function keyNamesShown(texts: string[], keys: string[]): string[] {
  const dotted = keys.filter((key) => key.includes('.'));
  return texts.filter((text) => dotted.some((key) => text.includes(key)));
}

/** Every `{ id, en }` pair in the templates (type names, descriptions, field, document and stage labels). */
export function templatePairs(value: unknown, into: TBilingual = { id: {}, en: {} }, at = 't'): TBilingual {
  if (Array.isArray(value)) value.forEach((item, i) => templatePairs(item, into, `${at}.${i}`));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.en === 'string' && Object.keys(record).length === 2) {
      into.id[at] = record.id;
      into.en[at] = record.en;
    } else for (const [key, inner] of Object.entries(record)) templatePairs(inner, into, `${at}.${key}`);
  }
  return into;
}
