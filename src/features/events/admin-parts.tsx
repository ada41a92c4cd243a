import type { ComponentChildren } from 'preact';
import { useFieldId } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { FormErrors } from './event-input.js';
import { sessionTimeLabel } from './session-time.js';

/** Small pieces the event admin pages share: field errors, inputs the app's `Field` has no type for, time ranges. */

export const fieldError = (ctx: PageContext, errors: FormErrors | undefined, name: string): string | undefined => {
  const key = errors?.[name];
  return key ? ctx.t(key) : undefined;
};

type InputProps = {
  name: string;
  label: string;
  type?: 'text' | 'url' | 'date' | 'time' | 'datetime-local' | 'number';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  inputmode?: 'numeric' | 'decimal' | 'url';
  class?: string;
};

/** A labelled input (any type) with its error and hint announced to screen readers. */
export function Input({ name, label, type = 'text', value, error, hint, required, inputmode, class: cls }: InputProps) {
  const id = useFieldId(name);
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const attrs: Record<string, unknown> = {
    id,
    name,
    type,
    value,
    required,
    inputMode: inputmode,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={[error ? 'field invalid' : 'field', cls].filter(Boolean).join(' ')}>
      <label for={id}>{label}</label>
      <input {...attrs} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextArea({
  name,
  label,
  value,
  error,
  hint,
  rows = 4,
  required,
}: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  rows?: number;
  required?: boolean;
}) {
  const id = useFieldId(name);
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {value}
      </textarea>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Radio buttons in a fieldset, each option with an optional explanation under its label. */
export function Radios({
  name,
  legend,
  value,
  options,
  error,
}: {
  name: string;
  legend: string;
  value: string;
  options: { value: string; label: string; hint?: ComponentChildren }[];
  error?: string | undefined;
}) {
  const id = useFieldId(name);
  return (
    <fieldset class={error ? 'invalid' : undefined} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div class="check">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            checked={o.value === value}
            aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined}
          />
          <div>
            <label for={`${id}-${o.value}`}>{o.label}</label>
            {o.hint && (
              <p class="hint muted" id={`${id}-${o.value}-hint`}>
                {o.hint}
              </p>
            )}
          </div>
        </div>
      ))}
      {error && (
        <p class="error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "Sat, 12 Dec 2026, 10:00–13:00" on the store's clock (the end's date only when it differs). */
export function sessionLabel(ctx: PageContext, s: { starts_at: string; ends_at: string }): string {
  return sessionTimeLabel(s, ctx.locale, ctx.timeZone);
}

/** Only the time of day ("10:02") on the store's clock. */
export function timeOfDay(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: ctx.timeZone,
  }).format(new Date(iso));
}
