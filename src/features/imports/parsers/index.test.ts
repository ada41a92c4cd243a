import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError } from './csv.js';
import { importParsers } from './index.js';
import { fixture } from './testing.js';

const FIXTURES: Record<string, string> = {
  'gumroad: sales CSV': 'gumroad-sales.csv',
  'ghost: members CSV': 'ghost-members.csv',
  'lemonsqueezy: subscribers CSV': 'lemonsqueezy-subscribers.csv',
  'lemonsqueezy: licence keys CSV': 'lemonsqueezy-licence-keys.csv',
  'digistore24: purchase list CSV': 'digistore24-purchases.csv',
};

test('each fixture is taken by its own parser and refused by every other', async () => {
  assert.deepEqual(
    importParsers.map((p) => `${p.source}: ${p.exportName}`),
    Object.keys(FIXTURES),
  );
  for (const [name, file] of Object.entries(FIXTURES)) {
    for (const parser of importParsers) {
      const own = `${parser.source}: ${parser.exportName}` === name;
      const first = parser.parse(fixture(file))[Symbol.asyncIterator]().next();
      if (own) assert.equal((await first).done, false, `${name} reads its fixture`);
      else await assert.rejects(first, ImportFileError, `${parser.source}: ${parser.exportName} refuses ${file}`);
    }
  }
});
