/**
 * The stored HTML as the admin preview serves it: a `<base target="_blank">`
 * first in the head, so every link opens in a new tab instead of inside the
 * sandboxed frame (where it could not load). The first `<base>` with a target
 * wins, so one in the email itself cannot undo it.
 */
export function previewHtml(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return insertAt(html, head.index + head[0].length, base);
  const root = /<html(?:\s[^>]*)?>/i.exec(html);
  if (root) return insertAt(html, root.index + root[0].length, `<head>${base}</head>`);
  return `${base}${html}`;
}

function insertAt(s: string, at: number, text: string): string {
  return `${s.slice(0, at)}${text}${s.slice(at)}`;
}

/** What the preview response allows: no scripts, no requests but images and inline styles, links only as popups. */
export const PREVIEW_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'";
