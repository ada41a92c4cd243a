import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translator } from '../../web/messages.js';
import '../index.js'; // the texts come from the feature list
import { contentTypeFor, sanitizeFileName } from './file-names.js';
import { offerPrice, priceLabel } from './price.js';
import { checkProductForm, type ProductForm } from './product-input.js';
import { firstFreeSlug, isValidSlug, slugify } from './slug.js';

describe('slugs', () => {
  test('German umlauts are transliterated, accents dropped, the rest becomes dashes', () => {
    assert.equal(slugify('Schöne Grüße aus Köln'), 'schoene-gruesse-aus-koeln');
    assert.equal(slugify('Straße & Maß'), 'strasse-and-mass');
    assert.equal(slugify('ÄÖÜ äöü ß'), 'aeoeue-aeoeue-ss');
    assert.equal(slugify('  Crème brûlée — 2. Auflage!  '), 'creme-brulee-2-auflage');
    assert.equal(slugify('日本語'), '');
    assert.ok(slugify('a '.repeat(100)).length <= 80);
  });

  test('valid slugs and the first free variant', () => {
    assert.ok(isValidSlug('my-ebook-2'));
    for (const bad of ['My-Ebook', 'a--b', '-a', 'a-', 'ä', 'a b', 'a/b', ''])
      assert.equal(isValidSlug(bad), false, bad);
    assert.equal(firstFreeSlug('guide', new Set()), 'guide');
    assert.equal(firstFreeSlug('guide', new Set(['guide', 'guide-2'])), 'guide-3');
    assert.equal(firstFreeSlug('', new Set()), 'product');
  });
});

describe('uploaded file names', () => {
  test('path components, control and invisible characters are removed; letters of any script stay', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('..\\..\\windows\\system.ini'), 'system.ini');
    assert.equal(sanitizeFileName('Über\u0000straße\u202e.pdf'), 'Überstraße.pdf');
    assert.equal(sanitizeFileName('日本語の本.epub'), '日本語の本.epub');
    assert.equal(sanitizeFileName('a:b*c?.zip'), 'a_b_c_.zip');
    assert.equal(sanitizeFileName('..'), 'download');
    assert.equal(sanitizeFileName('.hidden'), 'hidden');
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
    assert.equal(long.length, 200);
    assert.ok(long.endsWith('.pdf'));
  });

  test('content types come from a small extension map', () => {
    assert.equal(contentTypeFor('book.PDF'), 'application/pdf');
    assert.equal(contentTypeFor('x.epub'), 'application/epub+zip');
    assert.equal(contentTypeFor('song.mp3'), 'audio/mpeg');
    assert.equal(contentTypeFor('page.html'), 'application/octet-stream');
    assert.equal(contentTypeFor('image.svg'), 'application/octet-stream');
    assert.equal(contentTypeFor('noextension'), 'application/octet-stream');
  });
});

const FORM: ProductForm = {
  title: 'Guide',
  slug: '',
  summary: '',
  description: '',
  pricing: 'fixed',
  currency: 'EUR',
  price: '19,90',
  minPrice: '',
  suggestedPrice: '',
  status: 'draft',
  taxCategory: '',
  taxPlace: '',
  publishWithoutFile: '',
};

describe('product form', () => {
  test('prices are parsed from decimal text into minor units', () => {
    const r = checkProductForm(FORM, 'de');
    assert.ok(r.ok);
    assert.equal(r.input.priceMinor, 1990);
    const jpy = checkProductForm({ ...FORM, currency: 'JPY', price: '1.500' }, 'de');
    assert.ok(jpy.ok);
    assert.equal(jpy.input.priceMinor, 1500);
    const pwyw = checkProductForm({ ...FORM, pricing: 'pwyw', minPrice: '5', suggestedPrice: '12.00' }, 'en');
    assert.ok(pwyw.ok);
    assert.deepEqual([pwyw.input.priceMinor, pwyw.input.minPriceMinor, pwyw.input.suggestedPriceMinor], [0, 500, 1200]);
  });

  test('negative, absurd, malformed and missing amounts are field errors', () => {
    for (const [fields, field] of [
      [{ price: '-5' }, 'price'],
      [{ price: '99999999999' }, 'price'],
      [{ price: '12.3456' }, 'price'],
      [{ price: '1.2.3' }, 'price'],
      [{ price: 'abc' }, 'price'],
      [{ price: '' }, 'price'],
      [{ price: '0' }, 'price'],
      [{ price: '9,001' }, 'price'],
      [{ price: '1e3' }, 'price'],
      [{ pricing: 'pwyw', minPrice: '-1' }, 'minPrice'],
      [{ pricing: 'pwyw', minPrice: '10', suggestedPrice: '5' }, 'suggestedPrice'],
      [{ pricing: 'gratis' }, 'pricing'],
      [{ currency: 'XXX' }, 'currency'],
      [{ title: '  ' }, 'title'],
      [{ slug: 'Not Valid' }, 'slug'],
    ] as const) {
      const r = checkProductForm({ ...FORM, ...fields }, 'de');
      assert.equal(r.ok, false, JSON.stringify(fields));
      assert.ok(!r.ok && r.errors[field], `${JSON.stringify(fields)} → ${field}`);
    }
    const unknownCategory = checkProductForm({ ...FORM, taxCategory: 'food' }, 'en');
    assert.ok(!unknownCategory.ok);
    assert.equal(unknownCategory.errors.taxCategory, 'catalog.error.taxCategory');
    const badPlace = checkProductForm({ ...FORM, taxCategory: 'physical_event', taxPlace: 'US' }, 'en');
    assert.ok(!badPlace.ok);
    assert.equal(badPlace.errors.taxPlace, 'catalog.error.taxPlace');
    const ebook = checkProductForm({ ...FORM, taxCategory: 'e_publication' }, 'en');
    assert.ok(ebook.ok);
    assert.deepEqual(ebook.input.tax, { category: 'e_publication', placeCountry: null });
    const unsaid = checkProductForm(FORM, 'en');
    assert.ok(unsaid.ok);
    assert.equal(unsaid.input.tax, undefined, 'a form without the field leaves the stored category alone');
    const ambiguous = checkProductForm({ ...FORM, price: '9,001' }, 'en');
    assert.ok(!ambiguous.ok);
    assert.equal(ambiguous.errors.price, 'amount.error.ambiguous');
    const decimals = checkProductForm({ ...FORM, price: '9,001' }, 'de');
    assert.ok(!decimals.ok);
    assert.equal(decimals.errors.price, 'amount.error.decimals2');
  });

  test('price labels and machine prices', () => {
    const t = translator('de');
    const base = { currency: 'EUR', price_minor: 1250, min_price_minor: 500, suggested_price_minor: null };
    assert.equal(priceLabel({ ...base, pricing: 'fixed' }, t, 'de'), '12,50\u00a0€');
    assert.equal(priceLabel({ ...base, pricing: 'pwyw' }, t, 'de'), 'Preis frei wählbar – ab 5,00\u00a0€');
    assert.equal(priceLabel({ ...base, pricing: 'free' }, translator('en'), 'en'), 'Free');
    assert.equal(offerPrice({ ...base, pricing: 'pwyw' }), '5.00');
    assert.equal(offerPrice({ ...base, pricing: 'free' }), '0.00');
  });
});
