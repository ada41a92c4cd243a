import { Field, type FieldErrors, Form, useFieldId } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import type { EndpointFormValues } from './endpoint-input.js';
import { eventLabelKey, WEBHOOK_EVENT_TYPES } from './events.js';

/** An event type as words (a type unknown to this version as itself). */
export function eventLabel(ctx: PageContext, type: string): string {
  const key = eventLabelKey(type);
  return key ? ctx.t(key) : type;
}

export function deliveryStatusLabel(ctx: PageContext, status: string): string {
  return ctx.t(`webhooks.delivery.status.${status}` as MessageKey);
}

/** The event checkboxes as one group, its error announced with it. */
function EventChoices({
  ctx,
  chosen,
  error,
}: {
  ctx: PageContext;
  chosen: readonly string[];
  error?: string | undefined;
}) {
  const id = useFieldId('events');
  return (
    <fieldset class={error ? 'invalid' : undefined} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{ctx.t('webhooks.field.events')}</legend>
      {WEBHOOK_EVENT_TYPES.map((type) => (
        <div class="check">
          <input type="checkbox" id={`${id}-${type}`} name="events" value={type} checked={chosen.includes(type)} />
          <label for={`${id}-${type}`}>
            {ctx.t(`webhooks.event.${type}`)} <code>{type}</code>
          </label>
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

/** Adding or editing an endpoint: URL, description, events. */
export function EndpointForm({
  ctx,
  action,
  values,
  errors,
  submit,
  idPrefix,
}: {
  ctx: PageContext;
  action: string;
  values: EndpointFormValues;
  errors: FieldErrors;
  submit: string;
  idPrefix: string;
}) {
  return (
    <Form ctx={ctx} action={action} idPrefix={idPrefix}>
      <Field
        name="url"
        type="url"
        label={ctx.t('webhooks.field.url')}
        value={values.url}
        error={errors.url}
        hint={ctx.t('webhooks.hint.url')}
        required
      />
      <Field
        name="description"
        label={ctx.t('webhooks.field.description')}
        value={values.description}
        error={errors.description}
      />
      <EventChoices ctx={ctx} chosen={values.events} error={errors.events} />
      <button type="submit">{submit}</button>
    </Form>
  );
}
