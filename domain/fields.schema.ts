import { z } from 'zod';
import type { TCaseType, TFieldDefinition } from './case-type.schema';

function fieldSchema(f: TFieldDefinition): z.ZodType {
  switch (f.type) {
    case 'text': {
      let s = z.string().trim().min(f.minLength ?? (f.required ? 1 : 0));
      if (f.maxLength) s = s.max(f.maxLength);
      if (f.pattern) s = s.regex(new RegExp(f.pattern), `must match ${f.pattern}`);
      return s;
    }
    case 'number':
    case 'integer': {
      let n = f.type === 'integer' ? z.number().int() : z.number();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      return n;
    }
    case 'date':
      return z.iso.date();
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
