import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestApp, TestClient } from '../../testing/app.js';
import { postMultipart } from '../catalog/testing.js';

/** Test-only helpers for imports. */

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** Uploads an export through the admin form, as a browser would. */
export function uploadExport(t: TestApp, client: TestClient, content: Buffer, filename = 'export.csv') {
  return postMultipart(
    t.app,
    client,
    '/admin/imports',
    [{ name: 'file', filename, content, type: 'text/csv' }],
    '/admin/imports',
  );
}

export function runIdOf(location: string | undefined): string {
  const m = /^\/admin\/imports\/([0-9a-f-]{36})$/.exec(location ?? '');
  if (!m?.[1]) throw new Error(`not a run's page: ${location}`);
  return m[1];
}

/** A run's verdicts of one phase as comparable text, in line order. */
export async function verdicts(t: TestApp, runId: string, phase: 'dry' | 'real'): Promise<string[]> {
  const rows = await t.services.database.db
    .selectFrom('import_lines')
    .select(['line', 'action', 'reason', 'effects'])
    .where('run_id', '=', runId)
    .where('phase', '=', phase)
    .orderBy('line')
    .execute();
  return rows.map((r) => `${r.line} ${r.action} ${r.reason ?? ''} ${r.effects}`);
}

export async function runOf(t: TestApp, runId: string) {
  return t.services.database.db.selectFrom('import_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

/** Rows in the tables an import writes to, to show a second import adds nothing. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const { db } = t.services.database;
  const out: Record<string, number> = {};
  for (const table of [
    'customers',
    'orders',
    'order_items',
    'deliveries',
    'license_keys',
    'products',
    'members',
    'subscriptions',
    'member_consents',
    'membership_tiers',
  ] as const) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}
