import { z } from 'zod';

/** A request the API cannot read; answered 422 (Lemon Squeezy's code) or 400 (Gumroad's) in the API's own shape. */
export class ApiInputError extends Error {
  override name = 'ApiInputError';
}

const required = (name: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required.` : `${name} must be a string.`) })
    .trim()
    .min(1, `${name} is required.`)
    .max(max, `${name} must be at most ${max} characters.`);

/** Absent and empty mean the same: some clients send every field, empty or not. */
const optional = (name: string, max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), required(name, max).optional());

const flag = (name: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])], {
      error: `${name} must be true or false.`,
    }),
  );

const LICENSE_KEY = required('license_key', 100);
const INSTANCE_ID = required('instance_id', 100);

export const activateInput = z.object({ license_key: LICENSE_KEY, instance_name: required('instance_name', 255) });
export const validateInput = z.object({ license_key: LICENSE_KEY, instance_id: optional('instance_id', 100) });
export const deactivateInput = z.object({ license_key: LICENSE_KEY, instance_id: INSTANCE_ID });
export const licenseFileInput = deactivateInput;
export const gumroadVerifyInput = z
  .object({
    license_key: LICENSE_KEY,
    product_id: optional('product_id', 200),
    product_permalink: optional('product_permalink', 200),
    increment_uses_count: flag('increment_uses_count').optional(),
  })
  .refine((v) => v.product_id !== undefined || v.product_permalink !== undefined, {
    message: 'product_id or product_permalink is required.',
  })
  .transform((v) => ({
    ...v,
    increment_uses_count:
      v.increment_uses_count === undefined ? true : [true, 'true', '1', 'yes', 'on'].includes(v.increment_uses_count),
  }));

/** Form fields or a JSON object; anything else, or a bad field, throws one clear message. */
export function parseApiInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const fields = body === undefined || body === null ? {} : body;
  if (typeof fields !== 'object' || Array.isArray(fields)) {
    throw new ApiInputError('Send the fields as a form (application/x-www-form-urlencoded) or a JSON object.');
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new ApiInputError(parsed.error.issues[0]?.message ?? 'Invalid request.');
  return parsed.data;
}

/** The licence key of a request body, if there is a plausible one (for the per-key rate limit). */
export function licenseKeyOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const key = (body as Record<string, unknown>).license_key;
  return typeof key === 'string' && key.length > 0 && key.length <= 100 ? key : undefined;
}
