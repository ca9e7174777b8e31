import { z } from 'zod';
import { ZIsoDateSchema } from './calendar';
import type { TCaseType, TFieldDefinition } from './case-type.schema';
import { ZCleanText } from './clean-text';

/** Bounds for fields whose type definition sets none: no applicant value is unbounded. */
const DEFAULT_MAX_TEXT = 2000;
const DEFAULT_NUMBER_LIMIT = 1e12;

function fieldSchema(f: TFieldDefinition): z.ZodType {
  switch (f.type) {
    case 'text': {
      let s = ZCleanText({ multiline: f.multiline }).trim().min(f.minLength ?? (f.required ? 1 : 0)).max(f.maxLength ?? DEFAULT_MAX_TEXT);
      if (f.pattern) s = s.regex(new RegExp(f.pattern), `must match ${f.pattern}`);
      return s;
    }
    case 'number':
    case 'integer': {
      let n = f.type === 'integer' ? z.number().int() : z.number();
      n = n.min(f.min ?? -DEFAULT_NUMBER_LIMIT).max(f.max ?? DEFAULT_NUMBER_LIMIT);
      return n;
    }
    case 'date':
      return ZIsoDateSchema;
    case 'enum':
      return z.enum(f.options as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
  }
}

/** The zod schema of a case type's applicant fields; unknown fields are refused. */
export function fieldsSchema(type: TCaseType, mode: 'complete' | 'partial' = 'complete'): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const f of type.fields) {
    const s = fieldSchema(f);
    shape[f.id] = f.required && mode === 'complete' ? s : s.optional();
  }
  return z.strictObject(shape);
}
