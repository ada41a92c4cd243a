import type { ComponentChildren } from 'preact';

/** Plain text as typed: escaped by preact, its line breaks kept as <br>. */
export function PlainText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) parts.push(<br />);
    parts.push(line);
  });
  return <>{parts}</>;
}

/** A labelled text area for a question or answer (`f-<prefix>-body` inside `<Form idPrefix>`). */
export function BodyField(props: {
  id: string;
  label: string;
  value: string;
  max: number;
  hint?: string | undefined;
  error?: string | undefined;
  rows?: number;
}) {
  const { id } = props;
  const describedBy = [props.error ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name="body"
        rows={props.rows ?? 4}
        maxLength={props.max}
        required
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
