import type { ComponentChildren } from 'preact';
import { useFieldId } from '../../web/components.js';

/** A labelled multi-line text field with hint and error, like `Field`. */
export function TextArea(props: {
  name: string;
  label: string;
  value: string;
  rows?: number;
  hint?: string | undefined;
  error?: string | undefined;
  maxLength?: number;
  required?: boolean;
}) {
  const id = useFieldId(props.name);
  const describedBy = [props.error ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 10}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value}
      </textarea>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** One radio choice with a label and an optional explanation. */
export function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  label: string;
  hint?: string;
  children?: ComponentChildren;
}) {
  const id = `${useFieldId(props.name)}-${props.value}`;
  return (
    <div class="choice">
      <input type="radio" id={id} name={props.name} value={props.value} checked={props.checked} />
      <label for={id}>
        <strong>{props.label}</strong>
        {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      {props.children}
    </div>
  );
}

/** A file input with a progress bar that upload.js drives (the form works without it). */
export function FileInput(props: {
  name: string;
  label: string;
  accept?: string;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const id = useFieldId(props.name);
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <input
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-err` : props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${id}-err`} role="alert">
          {props.error}
        </p>
      )}
      <div class="upload-progress" hidden>
        <progress max={100} value={0} />
        <span class="upload-status" aria-live="polite" />
      </div>
    </div>
  );
}
