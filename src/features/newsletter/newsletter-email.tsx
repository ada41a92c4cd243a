import { renderToString } from 'preact-render-to-string';
import type { Post } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { emailHref, type FooterLink } from '../email/render-email.js';
import { renderPostEmailHtml } from '../posts/post-markdown.js';

/**
 * A post as an email, rendered once per send and language with two
 * placeholders that each recipient's copy fills in: the greeting (their name)
 * and their own unsubscribe link. Filling in is a string replace, so a batch
 * does not re-render Markdown or HTML per recipient.
 */
export const GREETING = '%%VF-GREETING%%';
export const UNSUBSCRIBE = '%%VF-UNSUBSCRIBE%%';

export type NewsletterTemplate = { subject: string; html: string; text: string; locale: Locale };

const S = {
  body: 'margin:0;padding:24px 12px;background:#f4f4f8;font-family:Arial,Helvetica,sans-serif;color:#1c1d26;',
  card: 'max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e3e4ec;border-radius:12px;padding:28px;font-size:16px;line-height:1.6;',
  store: 'font-size:14px;font-weight:bold;color:#4338ca;margin:0 0 16px;',
  h1: 'font-size:24px;line-height:1.3;margin:0 0 16px;',
  p: 'margin:0 0 14px;',
  online: 'font-size:14px;margin:20px 0 0;',
  footer: 'max-width:600px;margin:12px auto 0;font-size:12px;line-height:1.6;color:#555a6e;text-align:center;',
  link: 'color:#555a6e;',
};

type TemplateInput = {
  post: Pick<Post, 'title' | 'slug' | 'body_md'>;
  locale: Locale;
  storeName: string;
  publicUrl: string;
  footer: FooterLink[];
  /** Signs image URLs (for a gated post's images; see posts/image-access.ts). */
  signImage?: (path: string) => string;
};

export function renderNewsletterTemplate({
  post,
  locale,
  storeName,
  publicUrl,
  footer,
  signImage,
}: TemplateInput): NewsletterTemplate {
  const t = translator(locale);
  const url = `${publicUrl}/posts/${post.slug}`;
  const body = renderPostEmailHtml(post.body_md, publicUrl, signImage);
  const html = renderToString(
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{post.title}</title>
      </head>
      <body style={S.body}>
        <div style={S.card}>
          <p style={S.store}>{storeName}</p>
          <h1 style={S.h1}>{post.title}</h1>
          <p style={S.p}>{GREETING}</p>
          <div dangerouslySetInnerHTML={{ __html: body }} />
          <p style={S.online}>
            <a href={emailHref(url)}>{t('newsletter.email.readOnline')}</a>
          </p>
        </div>
        <p style={S.footer}>
          {t('newsletter.email.why', { store: storeName })}{' '}
          <a href={UNSUBSCRIBE} style={S.link}>
            {t('newsletter.email.unsubscribe')}
          </a>
          {footer.map((l) => (
            <>
              {' · '}
              <a href={emailHref(l.url)} style={S.link}>
                {l.label}
              </a>
            </>
          ))}
        </p>
      </body>
    </html>,
  );
  const text = [
    storeName,
    '',
    post.title,
    '',
    GREETING,
    '',
    post.body_md.trim(),
    '',
    `${t('newsletter.email.readOnline')}: ${url}`,
    '',
    '--',
    t('newsletter.email.why', { store: storeName }),
    `${t('newsletter.email.unsubscribe')}: ${UNSUBSCRIBE}`,
    ...footer.map((l) => `${l.label}: ${l.url}`),
  ].join('\n');
  return { subject: post.title, html: `<!doctype html>${html}`, text: `${text}\n`, locale };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** "Hello Ada," (or without a name), as plain text and escaped for HTML. */
export function greetingFor(locale: Locale, name: string): { text: string; html: string } {
  const t = translator(locale);
  const clean = name.replace(/[\r\n]+/g, ' ').trim();
  const text = clean ? t('newsletter.email.greeting', { name: clean }) : t('newsletter.email.greetingAnon');
  return { text, html: escapeHtml(text) };
}

/** One recipient's copy: their greeting and unsubscribe URL (the URL has only URL-safe characters). */
export function personalise(
  template: NewsletterTemplate,
  recipient: { name: string; unsubscribeUrl: string },
): { html: string; text: string } {
  const greeting = greetingFor(template.locale, recipient.name);
  return {
    html: template.html.replace(GREETING, greeting.html).replace(UNSUBSCRIBE, recipient.unsubscribeUrl),
    text: template.text.replace(GREETING, greeting.text).replace(UNSUBSCRIBE, recipient.unsubscribeUrl),
  };
}
