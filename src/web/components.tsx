import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageContext } from './context.js';

/**
 * The id prefix of the form a field sits in. Ids are `f-<name>`, or
 * `f-<prefix>-<name>` inside `<Form idPrefix>`: a page with several forms that
 * share field names gives each form a prefix, so every label finds its input.
 */
export const IdPrefix = createContext('');
/** The id of a field named `name` in the form around it (a hook: call it from a component). */
export function useFieldId(name: string): string {
  const prefix = useContext(IdPrefix);
  return prefix ? `f-${prefix}-${name}` : `f-${name}`;
}

export type FieldErrors = Partial<Record<string, string>>;

type FieldProps = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'search' | 'tel' | 'date';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  autofocus?: boolean;
  /** A button beside the input (a form's secondary step, e.g. "check code"). */
  action?: ComponentChildren;
};

/** A labelled input with its error announced to screen readers. */
export function Field({
  name,
  label,
  type = 'text',
  value,
  error,
  hint,
  required,
  autocomplete,
  inputmode,
  autofocus,
  action,
}: FieldProps) {
  const id = useFieldId(name);
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  // A plain object: preact's input typing is a union per `type` that a prop cannot satisfy.
  const inputAttrs: Record<string, unknown> = {
    id,
    name,
    type,
    value: type === 'password' ? undefined : value,
    required,
    autoComplete: autocomplete,
    inputMode: inputmode,
    autoFocus: autofocus,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {action ? (
        <div class="input-row">
          <input {...inputAttrs} />
          {action}
        </div>
      ) : (
        <input {...inputAttrs} />
      )}
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

type SelectProps = { name: string; label: string; value: string; options: { value: string; label: string }[] };

export function Select({ name, label, value, options }: SelectProps) {
  const id = useFieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Every state-changing form carries the CSRF token. It is the first field, so
 * a multipart form (`enctype`) delivers it before the file (catalog/multipart.ts).
 */
export function Form({
  ctx,
  action,
  children,
  class: cls,
  enctype,
  idPrefix,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  enctype?: 'multipart/form-data';
  /** Prefix of the ids of the `Field`s and `Select`s inside (see `IdPrefix`). */
  idPrefix?: string;
}) {
  const form = (
    <form method="post" action={action} class={cls} enctype={enctype}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
  return idPrefix ? <IdPrefix.Provider value={idPrefix}>{form}</IdPrefix.Provider> : form;
}

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
