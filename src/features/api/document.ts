type Operation = {
  parameters?: unknown[];
  responses?: Record<string, unknown>;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const REFUSALS: Record<string, string> = {
  '400': 'Invalid request (parameters, body or a missing Idempotency-Key)',
  '401': 'No valid token (missing, unknown, expired or revoked)',
  '403': 'The token lacks the scope this endpoint needs',
  '429': 'Too many requests from this token; see Retry-After',
};
const ITEM_REFUSALS: Record<string, string> = { '404': 'No such item' };
const POST_REFUSALS: Record<string, string> = {
  '409': 'Not possible in the item’s state, or a request with this Idempotency-Key is still being answered',
  '422': 'This Idempotency-Key was used with a different request',
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'Your unique key for this request (up to 255 printable characters). Sent again with the same request within 24 hours, it answers the first answer again (header idempotent-replayed: true).',
  schema: { type: 'string', maxLength: 255 },
};

/**
 * What route schemas do not say, added to the generated document: the
 * problem+json refusals every endpoint may answer (the Problem schema comes
 * from schemas.ts like the rest) and the Idempotency-Key header of POSTs,
 * which the scope's hook reads before any schema does.
 */
export function withRefusals<T extends Document>(doc: T): T {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const refusals = {
        ...REFUSALS,
        ...(path.includes('{') ? ITEM_REFUSALS : {}),
        ...(method === 'post' ? POST_REFUSALS : {}),
      };
      const ok = op.responses?.['200'] as { description?: string } | undefined;
      if (ok?.description === 'Default Response') ok.description = 'The answer';
      op.responses = {
        ...op.responses,
        ...Object.fromEntries(Object.entries(refusals).map(([status, text]) => [status, problemResponse(text)])),
      };
      if (method === 'post') op.parameters = [...(op.parameters ?? []), idempotencyHeader];
    }
  }
  return { ...doc, components: { ...doc.components, schemas: referencedOnly(doc) } };
}

/** The registry's input twins of the answer schemas ('OrderInput') that no operation uses are left out. */
function referencedOnly(doc: Document): Record<string, unknown> {
  const schemas = doc.components?.schemas ?? {};
  const text = JSON.stringify({ paths: doc.paths, schemas });
  return Object.fromEntries(
    Object.entries(schemas).filter(([name]) => text.includes(`"#/components/schemas/${name}"`)),
  );
}
