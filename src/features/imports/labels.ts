import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';

/** The parsers' (source, export name) pairs are internal names; pages show these words instead. */
const EXPORT_LABELS: Record<string, MessageKey> = {
  'gumroad:sales CSV': 'imports.export.gumroad.sales',
  'lemonsqueezy:subscribers CSV': 'imports.export.lemonsqueezy.subscribers',
  'lemonsqueezy:licence keys CSV': 'imports.export.lemonsqueezy.licenceKeys',
  'ghost:members CSV': 'imports.export.ghost.members',
  'digistore24:purchase list CSV': 'imports.export.digistore24.purchases',
};

/** "Gumroad · Verkäufe (CSV)"; an export added without a label shows its internal names. */
export function exportLabel(ctx: PageContext, source: string, exportName: string): string {
  const key = EXPORT_LABELS[`${source}:${exportName}`];
  return key ? ctx.t(key) : `${source} · ${exportName}`;
}
