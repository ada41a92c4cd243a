import { renderToString } from 'preact-render-to-string';
import type { Locale } from '../../web/i18n.js';
import type { EmailContent } from './template-types.js';

/** Inline styles only: most mail clients ignore stylesheets. */
const S = {
  body: 'margin:0;padding:24px 12px;background:#f4f4f8;font-family:Arial,Helvetica,sans-serif;color:#1c1d26;',
  card: 'max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e3e4ec;border-radius:12px;padding:28px;',
  store: 'font-size:14px;font-weight:bold;color:#4338ca;margin:0 0 16px;',
  h1: 'font-size:22px;line-height:1.3;margin:0 0 16px;',
  p: 'font-size:16px;line-height:1.55;margin:0 0 14px;',
  btn: 'display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:8px;',
  note: 'font-size:13px;line-height:1.5;color:#555a6e;margin:20px 0 0;',
  link: 'font-size:13px;color:#555a6e;word-break:break-all;',
  list: 'list-style:none;padding:0;margin:0 0 14px;',
  item: 'padding:10px 0;border-top:1px solid #e3e4ec;font-size:15px;',
  itemLink: 'color:#4338ca;font-weight:bold;text-decoration:none;',
  itemNote: 'color:#555a6e;font-size:13px;',
  footer: 'max-width:560px;margin:12px auto 0;font-size:12px;line-height:1.6;color:#555a6e;text-align:center;',
  footerLink: 'color:#555a6e;',
};

/** Legal pages linked under every email (Impressum, privacy, terms, withdrawal). */
export type FooterLink = { label: string; url: string };

/**
 * Only web and mail links go into an email: preact escapes attributes but lets
 * `javascript:` and `data:` URLs through, and a link built from bad data must
 * not become one.
 */
export function emailHref(url: string): string | undefined {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:' ? url : undefined;
  } catch {
    return undefined;
  }
}

type EmailHtmlProps = { content: EmailContent; storeName: string; locale: Locale; footer: FooterLink[] };

function EmailHtml({ content, storeName, locale, footer }: EmailHtmlProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={S.body}>
        <div style={S.card}>
          <p style={S.store}>{storeName}</p>
          <h1 style={S.h1}>{content.heading}</h1>
          {content.paragraphs.map((p) => (
            <p style={S.p}>{p}</p>
          ))}
          {content.action && (
            <>
              <p style={S.p}>
                <a href={emailHref(content.action.url)} style={S.btn}>
                  {content.action.label}
                </a>
              </p>
              <p style={S.link}>{content.action.url}</p>
            </>
          )}
          {content.links && content.links.length > 0 && (
            <ul style={S.list}>
              {content.links.map((l) => (
                <li style={S.item}>
                  <a href={emailHref(l.url)} style={S.itemLink}>
                    {l.label}
                  </a>
                  {l.note && <span style={S.itemNote}> · {l.note}</span>}
                </li>
              ))}
            </ul>
          )}
          {content.note && <p style={S.note}>{content.note}</p>}
        </div>
        {footer.length > 0 && (
          <p style={S.footer}>
            {footer.map((l, i) => (
              <>
                {i > 0 && ' · '}
                <a href={emailHref(l.url)} style={S.footerLink}>
                  {l.label}
                </a>
              </>
            ))}
          </p>
        )}
      </body>
    </html>
  );
}

export function renderEmailHtml(
  content: EmailContent,
  storeName: string,
  locale: Locale,
  footer: FooterLink[] = [],
): string {
  return `<!doctype html>${renderToString(<EmailHtml content={content} storeName={storeName} locale={locale} footer={footer} />)}`;
}

export function renderEmailText(content: EmailContent, storeName: string, footer: FooterLink[] = []): string {
  const parts = [storeName, '', content.heading, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.action) parts.push(`${content.action.label}:`, content.action.url, '');
  for (const l of content.links ?? []) parts.push(`${l.label}${l.note ? ` (${l.note})` : ''}:`, l.url, '');
  if (content.note) parts.push(content.note);
  if (footer.length > 0) parts.push('', '--', ...footer.map((l) => `${l.label}: ${l.url}`));
  return `${parts.join('\n').trim()}\n`;
}
