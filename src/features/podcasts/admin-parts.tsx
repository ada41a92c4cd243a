import { useFieldId } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';

/** Small pieces the podcast admin pages share. */

/** A refused form: which one, what was typed, a message key per field. */
export type FailedForm = {
  form: string;
  values: Record<string, string | string[]>;
  errors: Partial<Record<string, MessageKey>>;
  /** Extra words for an error (the chapter line's number). */
  params?: Record<string, string | number>;
};

export function valuesOf<T extends Record<string, string | string[]>>(
  failed: FailedForm | undefined,
  id: string,
  stored: T,
): T {
  return failed?.form === id ? ({ ...stored, ...failed.values } as T) : stored;
}

export function errorOf(ctx: PageContext, failed: FailedForm | undefined, id: string, field: string) {
  const key = failed?.form === id ? failed.errors[field] : undefined;
  return key ? ctx.t(key, failed?.params ?? {}) : undefined;
}

export function Checkbox({
  name,
  label,
  checked,
  hint,
}: {
  name: string;
  label: string;
  checked: boolean;
  hint?: string;
}) {
  const id = useFieldId(name);
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        name={name}
        value="1"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label for={id}>{label}</label>
        {hint && (
          <p class="hint muted" id={`${id}-hint`}>
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A labelled file input with its hint and error. */
export function FileField(props: {
  name: string;
  label: string;
  accept: string;
  hint: string;
  error?: string | undefined;
}) {
  const id = useFieldId(props.name);
  const describedBy = [`${id}-hint`, props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
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
        aria-describedby={describedBy}
      />
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {props.error && (
        <p class="error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** "1:02:03" or "4:05"; a dash while unknown. */
export function durationLabel(seconds: number | null): string {
  if (seconds === null) return '–';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** An episode's status in words, a scheduled one with its time on the store's clock. */
export function episodeStatusLabel(
  ctx: PageContext,
  e: { status: 'draft' | 'scheduled' | 'published'; publish_at: string | null; published_at: string | null },
): string {
  if (e.status === 'scheduled' && e.publish_at)
    return ctx.t('podcasts.admin.status.scheduledAt', { at: formatDateTime(e.publish_at, ctx.locale, ctx.timeZone) });
  if (e.status === 'published' && e.published_at)
    return ctx.t('podcasts.admin.status.publishedAt', { at: formatDateTime(e.published_at, ctx.locale, ctx.timeZone) });
  return ctx.t(`podcasts.admin.status.${e.status}`);
}

/** "S2 E14", "E3", or nothing. */
export function numberLabel(ctx: PageContext, e: { season: number | null; episode_number: number | null }): string {
  const parts = [
    e.season !== null ? ctx.t('podcasts.admin.seasonShort', { n: e.season }) : '',
    e.episode_number !== null ? ctx.t('podcasts.admin.episodeShort', { n: e.episode_number }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** A labelled select with its error (the app's `Select` has none). */
export function SelectField(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string | undefined;
}) {
  const id = useFieldId(props.name);
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
