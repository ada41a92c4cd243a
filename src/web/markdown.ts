import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { memoize } from '../domain/memo.js';

/**
 * Markdown written by the store owner, turned into HTML that is safe to put into
 * a page: markdown-it with raw HTML switched off, then an allow-list sanitiser
 * (defence in depth), links only to http(s) and mailto, marked nofollow.
 *
 * Both libraries load with the first text rendered, not at start (sanitize-html brings an HTML
 * parser, PostCSS and a date library: several MB that a process with nothing to render never needs).
 */
const load = createRequire(import.meta.url);
let markdownIt: typeof MarkdownIt | undefined;
let sanitizer: typeof sanitizeHtml | undefined;

/** The markdown-it class, loaded on first use. */
export const markdownItClass = (): typeof MarkdownIt => (markdownIt ??= load('markdown-it') as typeof MarkdownIt);

/** sanitize-html, loaded on first use. */
export function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  sanitizer ??= load('sanitize-html') as typeof sanitizeHtml;
  return sanitizer(html, options);
}

/** A markdown-it renderer. */
export type Markdown = InstanceType<typeof MarkdownIt>;

let storeMd: Markdown | undefined;

function md(): Markdown {
  if (storeMd) return storeMd;
  const it = new (markdownItClass())({ html: false, linkify: true, typographer: true, breaks: false });
  // Pictures from other sites would be blocked by the CSP (and would track readers): show them as links.
  it.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const src = String(token?.attrGet('src') ?? '');
    const alt = it.utils.escapeHtml(String(token?.content || src));
    return src ? `<a href="${it.utils.escapeHtml(src)}">${alt}</a>` : alt;
  };
  storeMd = it;
  return it;
}

/** The tags Markdown may produce in a page; features that allow more (post images) add to it. */
export const MARKDOWN_TAGS: readonly string[] = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'b',
  'i',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...MARKDOWN_TAGS],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page has its own h1: a heading in the description starts one level lower.
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
  },
};

/** Rendered once per distinct text: product pages show the same descriptions again and again. */
export const renderMarkdown = memoize(500, (source) => sanitizeRichHtml(md().render(source)));

/** The allow-list pass on its own: strips scripts, event handlers, styles and unsafe link schemes. */
export function sanitizeRichHtml(html: string): string {
  return sanitize(html, OPTIONS);
}

/** Plain text of the Markdown (for meta descriptions), collapsed to one line. */
export function markdownToText(source: string, maxLength = 160): string {
  const text = sanitize(md().render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
