import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { optionalField } from './form-fields.js';

test('an empty or blank optional form field means the default, not an invalid value', () => {
  const schema = z.object({
    url: optionalField(z.url().default('https://default.example/')),
    email: optionalField(z.email().optional()),
    count: optionalField(z.coerce.number().int().min(1).optional()),
    note: optionalField(z.string().trim().max(5).default('none')),
  });
  assert.deepEqual(schema.parse({ url: '', email: '  ', count: '', note: '\t' }), {
    url: 'https://default.example/',
    email: undefined,
    count: undefined,
    note: 'none',
  });
  assert.deepEqual(schema.parse({}), { url: 'https://default.example/', note: 'none' });
  // Given values are still checked.
  assert.equal(schema.safeParse({ url: 'not a url' }).success, false);
  assert.equal(schema.safeParse({ count: '0' }).success, false);
  assert.deepEqual(schema.parse({ count: '3', note: ' ab ' }), {
    url: 'https://default.example/',
    count: 3,
    note: 'ab',
  });
});
