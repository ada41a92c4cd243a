import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { ensureSetupCode } from '../setup/complete-setup.js';
import { storedBytes, storedKeysUnder } from '../storage/test-storage.js';
import { makePdf, makeZip } from './demo-files.js';
import { addDemoProducts } from './demo-products.js';
import { listProductFiles, listPublishedProducts } from './queries.js';
import { createProductViaAdmin } from './testing.js';

const bytesOf = (t: TestApp, key: string) => storedBytes(t.services.storage, key);
/** Every stored object, as storage keys. */
const storedKeys = (t: TestApp) => storedKeysUnder(t.services.storage, t.database.dataDir);

/** Checks the PDF's cross-reference table: every offset points at its object, startxref at the table. */
function assertValidPdf(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.4\n'));
  assert.ok(text.endsWith('%%EOF\n'));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  assert.equal(text.slice(startxref, startxref + 5), 'xref\n');
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.ok(offsets.length >= 5);
  offsets.forEach((offset, i) => {
    assert.equal(text.slice(offset, offset + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`);
  });
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    assert.equal(text.slice(start + Number(m[1]), start + Number(m[1]) + 10), '\nendstream');
  }
}

/** Reads a ZIP by its central directory and inflates every entry. */
function readZip(zip: Buffer): Map<string, string> {
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    assert.equal(zip.readUInt32LE(local), 0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(zip.subarray(dataStart, dataStart + size)).toString('utf8'));
    p += 46 + nameLength;
  }
  return out;
}

describe('demo products', () => {
  test('hand-made PDF and ZIP files are well-formed', () => {
    assertValidPdf(makePdf('Größe (1)', [{ heading: 'Ä \\ ö', paragraphs: ['€ 5 – „quoted“ (x)', 'two'] }]));
    const zip = readZip(
      makeZip([
        { name: 'Übersicht.csv', content: 'a;b\n1;2\n' },
        { name: 'x/y.txt', content: '' },
      ]),
    );
    assert.deepEqual(
      [...zip],
      [
        ['Übersicht.csv', 'a;b\n1;2\n'],
        ['x/y.txt', ''],
      ],
    );
  });

  test('a demo store gets three published products with covers and real files, once', async () => {
    const t = await buildTestApp();
    try {
      await setUpStore(t.services, { demo: true });
      const [first, second] = await Promise.all([addDemoProducts(t.services), addDemoProducts(t.services)]);
      assert.equal(first.added + second.added, 3);
      assert.deepEqual(await addDemoProducts(t.services), { added: 0 });

      const db = t.services.database.db;
      const products = await listPublishedProducts(db);
      assert.deepEqual(
        products.map((p) => [p.slug, p.pricing, p.price_minor, p.min_price_minor, p.suggested_price_minor, p.currency]),
        [
          ['sourdough-handbook', 'fixed', 1900, 0, null, 'EUR'],
          ['creator-planning-templates', 'pwyw', 0, 900, 2900, 'EUR'],
          ['launch-checklist', 'free', 0, 0, null, 'EUR'],
        ],
      );
      const referenced: string[] = [];
      for (const p of products) {
        const cover = await sharp(await bytesOf(t, p.cover_key!)).metadata();
        assert.deepEqual([cover.format, cover.width], ['webp', 1200]);
        referenced.push(p.cover_key!);
        const files = await listProductFiles(db, p.id);
        assert.equal(files.length, 1);
        for (const f of files) {
          referenced.push(f.storage_key);
          const bytes = await bytesOf(t, f.storage_key);
          assert.equal(bytes.length, f.size_bytes);
          if (f.content_type === 'application/pdf') assertValidPdf(bytes);
          else {
            assert.equal(f.content_type, 'application/zip');
            assert.match(readZip(bytes).get('content-calendar.csv') ?? '', /^date,channel,topic,status\n/);
          }
        }
      }
      // The run that lost the race removed its files again: storage holds exactly what the products use.
      assert.deepEqual(await storedKeys(t), referenced.sort());

      const home = await new TestClient(t.app).get('/', { 'accept-language': 'en' });
      assert.match(home.body, /The Sourdough Handbook/);
      assert.match(home.body, /Pay what you want, from €9\.00/);
    } finally {
      await t.close();
    }
  });

  test('the set-up wizard with "demo" adds them in the store language and currency', async () => {
    const t = await buildTestApp();
    try {
      const code = await ensureSetupCode(t.services.database.db);
      const res = await new TestClient(t.app).postForm('/setup', {
        code,
        email: 'owner@example.com',
        password: 'a good long password',
        storeName: 'Backstube',
        locale: 'de',
        currency: 'JPY',
        demo: '1',
      });
      assert.equal(res.statusCode, 303);
      // Other features add their own demo products; these are the catalogue's.
      const ours = new Set(['sauerteig-handbuch', 'planungsvorlagen-fuer-kreative', 'checkliste-produktstart']);
      const products = (await listPublishedProducts(t.services.database.db)).filter((p) => ours.has(p.slug));
      assert.deepEqual(
        products.map((p) => [p.title, p.currency, p.price_minor]),
        [
          ['Das Sauerteig-Handbuch', 'JPY', 2850],
          ['Planungsvorlagen für Kreative', 'JPY', 0],
          ['Die Checkliste für den Produktstart', 'JPY', 0],
        ],
      );
      const page = await new TestClient(t.app).get('/p/sauerteig-handbuch', { 'accept-language': 'de' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Das steht drin/);
    } finally {
      await t.close();
    }
  });

  test('a store that already has products gets no demo products', async () => {
    const t = await buildTestApp();
    try {
      await setUpStore(t.services, { demo: true });
      const admin = new TestClient(t.app);
      await admin.login();
      await createProductViaAdmin(admin, { title: 'My own' });
      assert.deepEqual(await addDemoProducts(t.services), { added: 0 });
      assert.deepEqual(
        (await listPublishedProducts(t.services.database.db)).map((p) => p.title),
        ['My own'],
      );
      assert.deepEqual(await storedKeys(t), []);
    } finally {
      await t.close();
    }
  });
});
