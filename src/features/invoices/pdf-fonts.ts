import { createRequire } from 'node:module';

/**
 * The invoice typeface: Noto Sans (SIL Open Font License 1.1, which allows
 * embedding in documents), TrueType files from an npm package. PDF/A needs
 * every font embedded, so the built-in Helvetica (never embedded) is out;
 * pdfkit embeds only the glyphs used (a subset), a few kB per weight.
 * Covers Latin (all of Europe's), Greek, Cyrillic and the currency signs.
 */
const require = createRequire(import.meta.url);
const file = (weight: string) => require.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`);

// fontkit is pdfkit's own font parser; it ships no types: only what is used here.
type ParsedFont = { characterSet: number[] };

type Fonts = { regular: PDFKit.Mixins.PDFFontSource; bold: PDFKit.Mixins.PDFFontSource; covered: Set<number> };
let fonts: Fonts | undefined;

/**
 * The two weights, parsed once per process. pdfkit takes a parsed fontkit font
 * as a source (PDFFontFactory.open; its types list only paths and buffers), and
 * a shared one keeps the parsed layout tables: a render takes about a quarter of
 * the time it takes with a fresh parse per document. Each document still makes
 * its own subset.
 */
export function invoiceFonts(): Fonts {
  if (!fonts) {
    // Loaded here, with the first invoice, not at start.
    const fontkit = require('fontkit') as { openSync(path: string): ParsedFont };
    const regular = fontkit.openSync(file('400Regular'));
    const bold = fontkit.openSync(file('700Bold'));
    const inBold = new Set(bold.characterSet);
    fonts = {
      regular: regular as unknown as PDFKit.Mixins.PDFFontSource,
      bold: bold as unknown as PDFKit.Mixins.PDFFontSource,
      covered: new Set(regular.characterSet.filter((c) => inBold.has(c))),
    };
  }
  return fonts;
}

/**
 * Text as the fonts can show it: a character without a glyph would be drawn as
 * .notdef, which PDF/A forbids, so it becomes "?" (a buyer's name in a script
 * the font lacks; the embedded XML keeps the original).
 */
export function printable(text: string): string {
  const { covered } = invoiceFonts();
  let out = '';
  for (const ch of text.normalize('NFC')) {
    out += ch === '\n' || covered.has(ch.codePointAt(0) ?? 0) ? ch : '?';
  }
  return out;
}
