import type { ImportParser, ParsedLine } from '../records.js';
import { type CsvLine, readCsv } from './csv.js';
import { type Read, readCount, readEmail, readFlag, readInstant, required } from './values.js';

/**
 * Lemon Squeezy licence keys, one line per key, in the columns of Lemon
 * Squeezy's licence-key object (the API's attribute names): the key verbatim,
 * its activation limit and use, disabled flag, expiry. Layout, and why it is
 * the API's: docs/import-formats.md.
 */

const REQUIRED = [
  'id',
  'product_id',
  'user_name',
  'user_email',
  'key',
  'activation_limit',
  'instances_count',
  'disabled',
  'expires_at',
  'created_at',
] as const;

function missingColumns(header: readonly string[]): string[] {
  return REQUIRED.filter((c) => !header.includes(c));
}

/** Empty or "null" (the API's word for unlimited) is no limit. */
function limit(cell: string): Read<number | null> {
  if (cell === '' || cell.toLowerCase() === 'null' || cell.toLowerCase() === 'unlimited')
    return { ok: true, value: null };
  return readCount(cell, 'activation_limit');
}

function toLine(row: CsvLine): ParsedLine {
  const { line } = row;
  const id = required(row.get('id'), 'id');
  if (!id.ok) return { line, problem: id.problem };
  const key = required(row.get('key'), 'key');
  if (!key.ok) return { line, problem: key.problem };
  const product = required(row.get('product_id'), 'product_id');
  if (!product.ok) return { line, problem: product.problem };
  const email = readEmail(row.get('user_email'), 'user_email');
  if (!email.ok) return { line, problem: email.problem };
  const activationLimit = limit(row.get('activation_limit'));
  if (!activationLimit.ok) return { line, problem: activationLimit.problem };
  const used = readCount(row.get('instances_count') || '0', 'instances_count');
  if (!used.ok) return { line, problem: used.problem };
  const disabled = readFlag(row.get('disabled'), 'disabled');
  if (!disabled.ok) return { line, problem: disabled.problem };
  const issued = readInstant(row.get('created_at'), 'created_at', true);
  if (!issued.ok) return { line, problem: issued.problem };
  const expiresCell = row.get('expires_at');
  const expires = expiresCell === '' || expiresCell === 'null' ? null : readInstant(expiresCell, 'expires_at', true);
  if (expires && !expires.ok) return { line, problem: expires.problem };
  return {
    line,
    record: {
      kind: 'licence',
      externalId: id.value,
      person: { email: email.value, name: row.get('user_name'), country: null, consent: 'unknown' },
      productExternalId: product.value,
      // The key object has no product name; an export with one (a "product_name" column) gives it.
      productName: row.get('product_name') || `Lemon Squeezy product ${product.value}`,
      issuedAt: issued.value,
      licenceKey: {
        key: key.value,
        activations: used.value,
        activationLimit: activationLimit.value,
        // "disabled" is the creator's switch; an expired key keeps its expiry date instead.
        disabled: disabled.value || row.get('status').toLowerCase() === 'disabled',
        expiresAt: expires ? expires.value : null,
      },
    },
  };
}

export const lemonSqueezyLicenceKeys: ImportParser = {
  source: 'lemonsqueezy',
  exportName: 'licence keys CSV',
  missingColumns,
  async *parse(input) {
    for await (const row of readCsv(input, { missingColumns })) {
      yield 'problem' in row ? row : toLine(row);
    }
  },
};
