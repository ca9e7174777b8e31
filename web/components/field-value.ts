import type { TFieldDefinition } from '../../domain/case-type.schema';
import type { TLang } from '../i18n/define-messages';
import type { TFormatters } from '../i18n/format';
import type { TTranslate } from '../i18n/translate';

/** An enum option as people read it: the type's label in the page's language, else its words (`neon_box` → "neon box"). */
export function optionLabel(field: Pick<TFieldDefinition, 'optionLabels'>, option: string, lang: TLang): string {
  return field.optionLabels?.[option]?.[lang] ?? option.replace(/_/g, ' ');
}

/**
 * A case field's stored value as people read it, the same on every page (review, the applicant's case, the
 * task page): option labels, Ya/Tidak, numbers and dates in the page's locale; '—' for nothing.
 */
export function fieldValueText(field: TFieldDefinition, value: unknown, page: { t: TTranslate; format: TFormatters; lang: TLang }): string {
  const { t, format, lang } = page;
  if (value === undefined || value === null || value === '') return t('value.none');
  switch (field.type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' ? format.number(value) : String(value);
    case 'boolean':
      return value === true ? t('value.yes') : value === false ? t('value.no') : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : String(value);
    case 'enum':
      return optionLabel(field, String(value), lang);
    case 'text':
      return String(value);
  }
}
