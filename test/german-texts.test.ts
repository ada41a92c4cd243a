// Every page of a German store, public and admin, crawled over real HTTP in
// German: no text of the English dictionary shows. An English sentence on a
// German page means a template prints a hard-coded text, a key the German
// dictionary lacks, or a page forgot the reader's language.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { allMessages } from '../src/web/messages.js';
import { type CrawlStore, crawlSite, seedCrawlStore } from './crawl.js';

/** Attributes a person reads or hears: tooltips, placeholders, image texts, button captions. */
const READ_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'];
/** Not the page's own text: code, and what a form holds (a legal text being edited may be the English one). */
const NOT_SHOWN = new Set(['script', 'style', 'template', 'textarea']);

/** The page's own text as a person sees or hears it, whitespace collapsed. */
export function visibleText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (NOT_SHOWN.has(name)) hidden++;
        for (const a of READ_ATTRIBUTES) if (attrs[a]) parts.push(attrs[a]);
        if (name === 'input' && /^(submit|button|reset)$/i.test(attrs.type ?? '') && attrs.value)
          parts.push(attrs.value);
      },
      onclosetag(name) {
        if (NOT_SHOWN.has(name)) hidden--;
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** The shortest English text checked: shorter ones ("PDF", "Status") are often the same in German. */
const MIN_LENGTH = 12;

/**
 * The English texts worth looking for: each value's pieces between
 * placeholders, of some length and more than one word, that no German text
 * contains too (names like "DATEV" or "Stripe" are the same in both).
 */
export function englishFragments(): Map<string, string> {
  const { en, de } = allMessages();
  const german = Object.values(de).join('\n');
  const fragments = new Map<string, string>();
  for (const [key, value] of Object.entries(en)) {
    if (de[key] === value) continue;
    for (const raw of value.split(/\{\w+\}/)) {
      const piece = raw.trim();
      if (piece.length < MIN_LENGTH || !/\s/.test(piece) || german.includes(piece)) continue;
      fragments.set(piece, key);
    }
  }
  return fragments;
}

describe('German pages show no English dictionary text', () => {
  let store: CrawlStore;
  before(async () => {
    store = await seedCrawlStore({ locale: 'de', pageLocale: 'de' });
  });
  after(() => store?.t.close());

  test('the check finds an English text and reads attributes, not scripts', () => {
    const fragments = englishFragments();
    const text = visibleText(
      '<p>Hallo</p><button title="Save changes">x</button><script>var s = "Add a file";</script><input type="submit" value="Log in">',
    );
    assert.ok(fragments.size > 500, `only ${fragments.size} English texts to look for`);
    assert.match(text, /Hallo/);
    assert.match(text, /Save changes/);
    assert.match(text, /Log in/);
    assert.doesNotMatch(text, /Add a file/);
    const sample = [...fragments.keys()].find((f) => f.length > 20) as string;
    assert.ok(
      [...fragments.keys()].some((f) => visibleText(`<p>Vorher. ${sample} Nachher.</p>`).includes(f)),
      'a page holding an English text is caught',
    );
  });

  test('crawling the store and the admin in German finds no English text', async () => {
    const fragments = [...englishFragments()];
    const found: string[] = [];
    const dump: string[] = [];
    const { checked, errors } = await crawlSite(store, ({ as, path, html }) => {
      const text = visibleText(html);
      if (process.env.GERMAN_TEXTS_DUMP) dump.push(`== ${as} ${path}\n${text}`);
      for (const [piece, key] of fragments) if (text.includes(piece)) found.push(`${as} ${path}: "${piece}" (${key})`);
    });
    if (process.env.GERMAN_TEXTS_DUMP) writeFileSync(process.env.GERMAN_TEXTS_DUMP, dump.join('\n\n'));
    assert.deepEqual(errors, [], 'no page fails');
    assert.ok(checked >= 40, `checked only ${checked} pages`);
    assert.deepEqual(found, []);
  });
});

describe('the German dictionary', () => {
  const { de } = allMessages();
  const offending = (pattern: RegExp) =>
    Object.entries(de)
      .filter(([, value]) => pattern.test(value.replace(/\{\w+\}/g, '')))
      .map(([key, value]) => `${key}: ${value}`);

  test('addresses the reader as “Sie”, never “du”', () => {
    assert.deepEqual(offending(/\b([Dd]u|[Dd]ich|[Dd]ir|[Dd]ein(e|en|em|er|es)?|[Ee]uch|[Ee]ure?[mnrs]?)\b/), []);
  });

  test('uses German words where the English ones slipped in before', () => {
    // "E-Mail" and "an der Kasse", not "Email" and "Checkout"; status words translated.
    assert.deepEqual(
      offending(/\b(Email|E-mail|[Cc]heckout|[Pp]ending|[Ss]elf-[Ss]ervice|[Rr]efunded|[Qq]ueued)\b/),
      [],
    );
  });

  test('labels the product page’s buy form like the checkout, which asks the same', () => {
    for (const field of ['name', 'discountCode'] as const)
      assert.equal(de[`catalog.buy.${field}`], de[`checkout.${field}`], `catalog.buy.${field}`);
  });
});
