/**
 * The reference page's model, read from the OpenAPI document the routes make:
 * every operation with its scopes, parameters and the fields it answers, so
 * the page can never describe an API other than the one that runs.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
};

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

export type OpenApiDocument = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
};

export type ReferenceField = { name: string; type: string; required: boolean; description: string };

export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  scopes: string[];
  parameters: ReferenceField[];
  /** 'page': the answer is `{ data: [item…], has_more }` and `fields` are an item's. */
  answer: 'page' | 'object';
  fields: ReferenceField[];
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.split('/').at(-1) ?? '';
  return doc.components?.schemas?.[name] ?? {};
}

/** A schema's type in a few words: 'string or null', 'one of: paid, refunded', 'array of OrderItem'. */
export function typeOf(doc: OpenApiDocument, raw: Schema): string {
  if (raw.$ref) return raw.$ref.split('/').at(-1) ?? 'object';
  const schema = resolve(doc, raw);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeOf(doc, v)).join(' | ');
  if (schema.enum) return schema.enum.map(String).join(' | ');
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type === 'array') return `${typeOf(doc, schema.items ?? {})}[]`;
  return schema.type ?? 'any';
}

/** A field's description; a nullable field carries it on the variant that is not null. */
function descriptionOf(doc: OpenApiDocument, raw: Schema): string {
  const schema = resolve(doc, raw);
  const variants = schema.anyOf ?? schema.oneOf ?? [];
  return raw.description ?? schema.description ?? variants.map((v) => resolve(doc, v).description).find(Boolean) ?? '';
}

function fieldsOf(doc: OpenApiDocument, raw: Schema | undefined): ReferenceField[] {
  const schema = resolve(doc, raw);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    type: typeOf(doc, field),
    required: required.has(name),
    description: descriptionOf(doc, field),
  }));
}

function answerOf(doc: OpenApiDocument, op: Operation): Pick<ReferenceOperation, 'answer' | 'fields'> {
  const ok = op.responses?.['200'] ?? op.responses?.['201'];
  const schema = resolve(doc, ok?.content?.['application/json']?.schema);
  const data = schema.properties?.data;
  if (data && schema.properties?.has_more) return { answer: 'page', fields: fieldsOf(doc, resolve(doc, data).items) };
  return { answer: 'object', fields: fieldsOf(doc, schema) };
}

export function referenceOf(doc: OpenApiDocument): ReferenceOperation[] {
  const out: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = fieldsOf(doc, op.requestBody?.content?.['application/json']?.schema);
      out.push({
        id: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, ''),
        method: method.toUpperCase(),
        path,
        tag: op.tags?.[0] ?? '',
        summary: op.summary ?? '',
        description: op.description ?? '',
        scopes: (op.security ?? []).flatMap((s) => Object.values(s).flat()),
        parameters: [
          ...(op.parameters ?? []).map((p) => ({
            name: `${p.name} (${p.in})`,
            type: typeOf(doc, p.schema ?? {}),
            required: p.required ?? false,
            description: p.description ?? descriptionOf(doc, p.schema ?? {}),
          })),
          ...body.map((f) => ({ ...f, name: `${f.name} (body)` })),
        ],
        ...answerOf(doc, op),
      });
    }
  }
  return out;
}
