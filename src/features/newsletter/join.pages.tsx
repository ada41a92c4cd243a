import { Alert, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { newsletterConsentText } from './consent.js';

export type JoinForm = { email: string; name: string; consent: boolean };

function ConsentBox({ ctx, checked, error }: { ctx: PageContext; checked: boolean; error?: string | undefined }) {
  return (
    <div class={error ? 'field consent invalid' : 'field consent'}>
      <label class="check" for="f-consent">
        <input
          type="checkbox"
          id="f-consent"
          name="consent"
          value="yes"
          checked={checked}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'f-consent-err' : undefined}
        />{' '}
        {newsletterConsentText(ctx.locale, ctx.storeName)}
      </label>
      {error && (
        <p class="error" id="f-consent-err">
          {error}
        </p>
      )}
    </div>
  );
}

type JoinProps = { ctx: PageContext; form?: JoinForm; errors?: FieldErrors; sent?: boolean };

/** Free sign-up: email (name optional) and the consent text with its checkbox; then "check your inbox". */
export function JoinPage({ ctx, form = { email: '', name: '', consent: false }, errors = {}, sent }: JoinProps) {
  const title = sent ? ctx.t('newsletter.join.sentTitle') : ctx.t('newsletter.join.title');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel library-login" aria-labelledby="h-join">
        <h1 id="h-join">{title}</h1>
        {sent ? (
          <Alert kind="success">{ctx.t('newsletter.join.sentText')}</Alert>
        ) : (
          <>
            <p class="muted">{ctx.t('newsletter.join.intro')}</p>
            <Form ctx={ctx} action="/join">
              <Field
                name="email"
                type="email"
                label={ctx.t('newsletter.join.email')}
                value={form.email}
                error={errors.email}
                required
                autocomplete="email"
              />
              <Field
                name="name"
                label={ctx.t('newsletter.join.name')}
                value={form.name}
                error={errors.name}
                autocomplete="name"
              />
              <ConsentBox ctx={ctx} checked={form.consent} error={errors.consent} />
              <button type="submit" class="btn-block">
                {ctx.t('newsletter.join.submit')}
              </button>
            </Form>
            <p class="muted small">
              <a href="/library">{ctx.t('newsletter.join.signIn')}</a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}

/** Behind the emailed link: a button (a POST), so a mail scanner opening the link confirms nothing. */
export function ConfirmPage({ ctx, token, state }: { ctx: PageContext; token: string; state: 'ask' | 'invalid' }) {
  const title = state === 'ask' ? ctx.t('newsletter.confirm.title') : ctx.t('newsletter.confirm.invalidTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel library-login" aria-labelledby="h-confirm">
        <h1 id="h-confirm">{title}</h1>
        {state === 'ask' ? (
          <>
            <p class="muted">{ctx.t('newsletter.confirm.text')}</p>
            <Form ctx={ctx} action={`/join/confirm/${encodeURIComponent(token)}`}>
              <button type="submit" class="btn-block">
                {ctx.t('newsletter.confirm.button')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Alert kind="error">{ctx.t('newsletter.confirm.invalidText')}</Alert>
            <p class="actions">
              <a href="/join">{ctx.t('newsletter.confirm.again')}</a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}

export function ConfirmedPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('newsletter.confirmed.title')}>
      <section class="panel library-login" aria-labelledby="h-confirmed">
        <h1 id="h-confirmed">{ctx.t('newsletter.confirmed.title')}</h1>
        <Alert kind="success">{ctx.t('newsletter.confirmed.text')}</Alert>
        <p class="actions">
          <a href="/posts">{ctx.t('newsletter.confirmed.posts')}</a>
        </p>
      </section>
    </Layout>
  );
}

type UnsubscribeProps = {
  ctx: PageContext;
  /** The signed path of this page (with ?s=), which the forms post to. */
  action: string;
  email: string;
  subscribed: boolean;
  /** Just changed: show what happened. */
  done?: 'unsubscribed' | 'resubscribed';
  consentError?: string;
};

/** Opt out with one button (no sign-in); back in with the consent box again. */
export function UnsubscribePage({ ctx, action, email, subscribed, done, consentError }: UnsubscribeProps) {
  const title = subscribed ? ctx.t('newsletter.unsubscribe.title') : ctx.t('newsletter.unsubscribed.title');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel library-login" aria-labelledby="h-unsub">
        <h1 id="h-unsub">{title}</h1>
        {done === 'unsubscribed' && <Alert kind="success">{ctx.t('newsletter.unsubscribed.text', { email })}</Alert>}
        {done === 'resubscribed' && <Alert kind="success">{ctx.t('newsletter.resubscribed.text', { email })}</Alert>}
        {subscribed ? (
          <>
            <p class="muted">{ctx.t('newsletter.unsubscribe.text', { email })}</p>
            <Form ctx={ctx} action={action}>
              <button type="submit" class="btn-block">
                {ctx.t('newsletter.unsubscribe.button')}
              </button>
            </Form>
          </>
        ) : (
          <>
            {done !== 'unsubscribed' && <p class="muted">{ctx.t('newsletter.unsubscribed.state', { email })}</p>}
            <Form ctx={ctx} action={action.replace('?', '/resubscribe?')}>
              <ConsentBox ctx={ctx} checked={false} error={consentError} />
              <button type="submit" class="secondary btn-block">
                {ctx.t('newsletter.resubscribe.button')}
              </button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}
