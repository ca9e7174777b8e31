import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';
import { fieldId } from './form-errors';

type TFieldBase = {
  /** The field's path as the API names it; also the input's name. */
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
};

/** Label, hint, error message and the control, tied together with ids so assistive technology reads them. */
function FieldFrame(props: TFieldBase & { children: (ids: { id: string; describedBy: string | undefined }) => ComponentChildren }) {
  const { t } = usePage();
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id} class="field-label">
        {props.label} <span class="field-need">{props.required ? t('form.required') : t('form.optional')}</span>
      </label>
      {props.hint && (
        <p id={hintId} class="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field-message">
          {props.error}
        </p>
      )}
      {props.children({ id, describedBy })}
    </div>
  );
}

export function TextField(
  props: TFieldBase & {
    value?: string | number | null;
    type?: 'text' | 'number' | 'date' | 'email' | 'tel' | 'password';
    autocomplete?: string;
    inputMode?: 'numeric' | 'decimal' | 'text';
    min?: number | string;
    max?: number | string;
    step?: number | string;
    maxLength?: number;
    pattern?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy }) => (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : (props.value ?? undefined)}
          required={props.required}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          step={props.step}
          maxLength={props.maxLength}
          pattern={props.pattern}
          class="input"
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(props: TFieldBase & { value?: string | null; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          name={props.name}
          rows={props.rows ?? 4}
          required={props.required}
          maxLength={props.maxLength}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          class="input"
        >
          {props.value ?? ''}
        </textarea>
      )}
    </FieldFrame>
  );
}

export function SelectField(props: TFieldBase & { value?: string | null; options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy }) => (
        <select id={id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy} class="input">
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A file input; `accept` and the size limit are shown in the hint and checked again on the server. */
export function FileField(props: TFieldBase & { accept?: string; maxBytes?: number; tooLarge?: string }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy }) => (
        <input
          id={id}
          name={props.name}
          type="file"
          accept={props.accept}
          required={props.required}
          data-max-bytes={props.maxBytes}
          data-too-large={props.tooLarge}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          class="input input-file"
        />
      )}
    </FieldFrame>
  );
}
