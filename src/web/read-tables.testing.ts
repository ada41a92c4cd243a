import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs } from 'kysely';

/** For tests: notes every table a SELECT names (joins and subqueries included); `db.withPlugin(reads)`. */
export class ReadTables implements KyselyPlugin {
  readonly tables = new Set<string>();
  transformQuery(args: PluginTransformQueryArgs) {
    if (args.node.kind === 'SelectQueryNode') this.#collect(args.node);
    return args.node;
  }
  async transformResult(args: Parameters<NonNullable<KyselyPlugin['transformResult']>>[0]) {
    return args.result;
  }
  #collect(node: unknown): void {
    if (!node || typeof node !== 'object') return;
    const n = node as OperationNode & { table?: { identifier?: { name?: string } } };
    // A column reference names the table by its alias (`v.size_bytes`); FROM and JOIN name the table.
    if (n.kind === 'ReferenceNode') return;
    if (n.kind === 'TableNode' && n.table?.identifier?.name) this.tables.add(n.table.identifier.name);
    for (const value of Object.values(node)) this.#collect(value);
  }
}
