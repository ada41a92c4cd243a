import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';

/** Test-only: what a PDF/A-3 / Factur-X check needs from a PDF, read with pdf-lib. */
export type ArchiveView = {
  header: string;
  xmp: string;
  /** The EmbeddedFiles name tree, with each file specification resolved. */
  embedded: {
    key: string;
    fileName: string;
    unicodeName: string;
    relationship: string | undefined;
    mimeType: string | undefined;
    hasModDate: boolean;
    bytes: Buffer;
    inCatalogAF: boolean;
  }[];
  /** Every font dictionary: its name and whether a font program is embedded. */
  fonts: { name: string; subtype: string; embedded: boolean }[];
  outputIntents: { subtype: string; iccComponents: number; icc: Buffer }[];
};

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString
    ? o.decodeText()
    : o instanceof PDFName
      ? o.decodeText()
      : undefined;

/** The decoded bytes of the stream at `key` (pdfkit writes raw, possibly Flate-encoded streams). */
function streamAt(dict: PDFDict, key: string): { dict: PDFDict; bytes: Buffer } {
  const s = dict.lookup(PDFName.of(key));
  if (!(s instanceof PDFRawStream)) throw new Error(`/${key} is not a stream`);
  return { dict: s.dict, bytes: Buffer.from(decodePDFRawStream(s).decode()) };
}

export async function readArchive(pdf: Buffer): Promise<ArchiveView> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { catalog, context } = doc;
  const af = catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const afRefs = new Set((af?.asArray() ?? []).map((r) => r.toString()));

  const embedded: ArchiveView['embedded'] = [];
  const tree = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = tree?.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
  for (let i = 0; i + 1 < names.length; i += 2) {
    const specRef = names[i + 1];
    const spec = context.lookup(specRef, PDFDict);
    const file = streamAt(spec.lookup(PDFName.of('EF'), PDFDict), 'F');
    embedded.push({
      key: text(names[i]) ?? '',
      fileName: text(spec.get(PDFName.of('F'))) ?? '',
      unicodeName: text(spec.get(PDFName.of('UF'))) ?? '',
      relationship: text(spec.get(PDFName.of('AFRelationship'))),
      mimeType: text(file.dict.get(PDFName.of('Subtype'))),
      hasModDate: file.dict.lookupMaybe(PDFName.of('Params'), PDFDict)?.has(PDFName.of('ModDate')) ?? false,
      bytes: file.bytes,
      inCatalogAF: specRef instanceof PDFRef && afRefs.has(specRef.toString()),
    });
  }

  const fonts: ArchiveView['fonts'] = [];
  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || text(obj.get(PDFName.of('Type'))) !== 'Font') continue;
    const subtype = text(obj.get(PDFName.of('Subtype'))) ?? '';
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // checked through their Type0 parent
    const program = subtype === 'Type0' ? obj.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict) : obj;
    const descriptor = program.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embeddedProgram = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
    fonts.push({ name: text(obj.get(PDFName.of('BaseFont'))) ?? '', subtype, embedded: embeddedProgram });
  }

  const intents = catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.asArray() ?? [];
  const outputIntents = intents.map((ref) => {
    const intent = context.lookup(ref, PDFDict);
    const profile = streamAt(intent, 'DestOutputProfile');
    return {
      subtype: text(intent.get(PDFName.of('S'))) ?? '',
      iccComponents: Number(profile.dict.get(PDFName.of('N'))?.toString()),
      icc: profile.bytes,
    };
  });

  return {
    header: pdf.subarray(0, 8).toString('latin1'),
    xmp: streamAt(catalog, 'Metadata').bytes.toString('utf8'),
    embedded,
    fonts,
    outputIntents,
  };
}

// saxon-js (devDependency, ships no types): a strict XML parser with XPath.
const saxon = createRequire(import.meta.url)('saxon-js') as {
  XPath: {
    evaluate(xpath: string, context: null, o: { params: Record<string, string>; namespaceContext: object }): unknown;
  };
};
const XMP_NS = {
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  fx: 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
  dc: 'http://purl.org/dc/elements/1.1/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
  pdfaProperty: 'http://www.aiim.org/pdfa/ns/property#',
};

/**
 * The values of XMP properties, by XPath over the packet parsed as XML (so an
 * ill-formed packet throws). Several matches are joined with "|".
 */
export function xmpValues<K extends string>(xmp: string, paths: Record<K, string>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const [k, path] of Object.entries(paths) as [K, string][]) {
    const v = saxon.XPath.evaluate(`string-join(parse-xml($xmp)${path}, '|')`, null, {
      params: { xmp },
      namespaceContext: XMP_NS,
    });
    out[k] = String(v);
  }
  return out;
}

/**
 * `qpdf --check` (Debian's qpdf; .ci/run installs it): cross-reference table,
 * object and stream syntax, every stream decodes. There is no PDF/A validator
 * (veraPDF) among Debian's packages; the PDF/A rules are asserted one by one.
 */
export function qpdfCheck(pdf: Buffer): { available: boolean; ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'invoice-pdf-'));
  try {
    const file = join(dir, 'invoice.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    if (r.error) return { available: false, ok: false, output: String(r.error) };
    // Exit 0: no errors and no warnings (3 would be warnings, 2 errors).
    return { available: true, ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A font's ToUnicode map: glyph code (hex) → text. */
function unicodeMap(font: PDFDict): Map<string, string> {
  const map = new Map<string, string>();
  if (!font.lookup(PDFName.of('ToUnicode'))) return map;
  const cmap = streamAt(font, 'ToUnicode').bytes.toString('latin1');
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set((m[1] ?? '').toLowerCase(), utf16(m[2] ?? ''));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [lo, hi, dst] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
      const width = lo.length;
      const targets = dst.startsWith('[') ? [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1] ?? '') : [];
      for (let c = Number.parseInt(lo, 16), i = 0; c <= Number.parseInt(hi, 16); c++, i++) {
        const code = c.toString(16).padStart(width, '0');
        const text = dst.startsWith('[')
          ? utf16(targets[i] ?? '')
          : utf16((Number.parseInt(dst.slice(1, -1), 16) + i).toString(16).padStart(dst.length - 2, '0'));
        map.set(code, text);
      }
    }
  }
  return map;
}

/**
 * Test-only: the text a PDF shows, one line per text object, read through each
 * font's ToUnicode map (the invoice fonts are subsets with their own glyph codes).
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref);
      if (font instanceof PDFDict) maps.set(name.decodeText(), unicodeMap(font));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const s of streams) {
      const stream = s instanceof PDFRef ? doc.context.lookup(s) : s;
      if (!(stream instanceof PDFRawStream)) continue;
      const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      let map = new Map<string, string>();
      for (const block of ops.matchAll(/BT([\s\S]*?)ET/g)) {
        let line = '';
        for (const m of (block[1] ?? '').matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>/g)) {
          if (m[1]) map = maps.get(m[1]) ?? new Map();
          else {
            const hex = (m[2] ?? '').toLowerCase();
            const width = [...map.keys()][0]?.length ?? 4;
            for (let i = 0; i < hex.length; i += width) line += map.get(hex.slice(i, i + width)) ?? '';
          }
        }
        out.push(line);
      }
    }
  }
  return out.join('\n');
}
