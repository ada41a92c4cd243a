import { z } from 'zod';

/**
 * A browser posts every text field of a form, the empty ones as "". For an
 * optional field that empty text means "not given": this turns "" (and text of
 * only whitespace) into undefined, so `.optional()` and `.default()` apply
 * instead of the field's format checks (`z.url()`, `z.email()`, `.min(1)`) or
 * `z.coerce.number()`, which would read "" as 0.
 */
export const blankAsMissing = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * An optional form field: empty means missing. Give the schema its
 * `.optional()` or `.default(...)`:
 * `viesUrl: optionalField(z.url().default(VIES_DEFAULT_URL))`.
 */
export const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsMissing, schema);

/** `?page=` of a list: empty or missing is page 1; anything else must be a page number. */
export const pageNumber = (max = 100_000) => optionalField(z.coerce.number().int().min(1).max(max).default(1));
