import type sanitizeHtml from 'sanitize-html';
import { memoize } from '../../domain/memo.js';
import { MARKDOWN_TAGS, type Markdown, markdownItClass, sanitize } from '../../web/markdown.js';

/**
 * Post bodies: the same rules as src/web/markdown.ts (no raw HTML, an
 * allow-list sanitiser, links only to http(s)/mailto, nofollow) plus one
 * addition — pictures uploaded to this post's store (`/media/posts/<id>.webp`)
 * are shown as images; any other picture stays a link (the CSP blocks foreign
 * images, and they would track readers). Emails get absolute image URLs.
 */
export const POST_IMAGE_PATH = /^\/media\/posts\/[0-9a-f-]{36}\.webp$/;

/** An email's image URL may carry a signature (`?s=`, see image-access.ts). */
const SIGNED_SUFFIX = /\?s=[A-Za-z0-9_-]{1,100}$/;

function markdown(imageBase: string, signImage?: (path: string) => string): Markdown {
  const md = new (markdownItClass())({ html: false, linkify: true, typographer: true, breaks: false });
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const src = String(token?.attrGet('src') ?? '');
    const alt = md.utils.escapeHtml(String(token?.content ?? ''));
    if (POST_IMAGE_PATH.test(src)) {
      const url = imageBase + (signImage ? signImage(src) : src);
      return `<img src="${md.utils.escapeHtml(url)}" alt="${alt}">`;
    }
    return src ? `<a href="${md.utils.escapeHtml(src)}">${alt || md.utils.escapeHtml(src)}</a>` : alt;
  };
  return md;
}

const TAGS = [...MARKDOWN_TAGS, 'img'];

function options(imageBase: string): sanitizeHtml.IOptions {
  return {
    allowedTags: TAGS,
    allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: imageBase ? ['https', 'http'] : [] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      !POST_IMAGE_PATH.test((frame.attribs.src ?? '').slice(imageBase.length).replace(SIGNED_SUFFIX, '')),
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
    },
  };
}

// Made with the first post rendered (the libraries load then, web/markdown.ts).
let webMd: Markdown | undefined;
const webOptions = options('');

function webMarkdown(): Markdown {
  webMd ??= markdown('');
  return webMd;
}

/** For pages and the editor preview: image URLs relative to the site. Memoised per distinct text. */
export const renderPostHtml = memoize(200, (source: string) => sanitize(webMarkdown().render(source), webOptions));

/**
 * For emails and the feed: the same HTML with absolute image URLs under the store's public address;
 * `signImage` signs them for emails of gated posts (the reader's mail client has no session).
 */
export function renderPostEmailHtml(source: string, publicUrl: string, signImage?: (path: string) => string): string {
  return sanitize(markdown(publicUrl, signImage).render(source), options(publicUrl));
}
