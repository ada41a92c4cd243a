import type { Db } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import type { Storage } from '../storage/storage.js';
import { COVER_MAX_BYTES, detectCoverFormat, storeCover } from './cover-image.js';
import { readCapped, type Upload } from './multipart.js';

/** What the creator writes at the top of the store home: a headline, a few lines (Markdown), a picture. */
export type StoreIntro = { headline: string; text: string; imageKey: string | null; imageAlt: string };

export const INTRO_LIMITS = { headline: 120, text: 2000, imageAlt: 200 } as const;

/** The settings the intro is kept in (the demo store writes its welcome there too). */
export const INTRO_KEYS = {
  headline: 'store.intro.headline',
  text: 'store.intro.text',
  imageKey: 'store.intro.image',
  imageAlt: 'store.intro.image_alt',
} as const;

/** The intro as saved; empty fields when the creator has written none. */
export async function readStoreIntro(db: Db): Promise<StoreIntro> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(INTRO_KEYS))
    .execute();
  const v = new Map(rows.map((r) => [r.key, r.value]));
  return {
    headline: v.get(INTRO_KEYS.headline) ?? '',
    text: v.get(INTRO_KEYS.text) ?? '',
    imageKey: v.get(INTRO_KEYS.imageKey) || null,
    imageAlt: v.get(INTRO_KEYS.imageAlt) ?? '',
  };
}

export type IntroInput = { headline: string; text: string; imageAlt: string; removeImage: boolean };
export type IntroErrors = Partial<
  Record<'headline' | 'text' | 'imageAlt' | 'image', 'too-long' | 'too-large' | 'not-image'>
>;

/** Checks the typed fields; an over-long field is an error (never cut silently). */
export function checkIntro(input: IntroInput): IntroErrors {
  const errors: IntroErrors = {};
  for (const k of ['headline', 'text', 'imageAlt'] as const)
    if (input[k].length > INTRO_LIMITS[k]) errors[k] = 'too-long';
  return errors;
}

/**
 * Saves the intro. A new picture is checked by its content, resized and stored
 * as WebP first; the one it replaces (or a removed one) is deleted after the
 * settings point away from it.
 */
export async function saveStoreIntro(o: {
  db: Db;
  storage: Storage;
  input: IntroInput;
  upload: Upload | undefined;
  actor: string;
}): Promise<{ ok: true } | { ok: false; errors: IntroErrors }> {
  const { db, storage, input, upload } = o;
  const errors = checkIntro(input);
  let newKey: string | undefined;
  if (upload) {
    const bytes = await readCapped(upload.stream, COVER_MAX_BYTES);
    if (!bytes) errors.image = 'too-large';
    else if (bytes.length > 0 && !(await detectCoverFormat(bytes))) errors.image = 'not-image';
    else if (bytes.length > 0 && Object.keys(errors).length === 0) newKey = await storeCover(storage, bytes);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const previous = await readSetting(db, INTRO_KEYS.imageKey);
  await writeSetting(db, INTRO_KEYS.headline, input.headline.trim());
  await writeSetting(db, INTRO_KEYS.text, input.text.trim());
  await writeSetting(db, INTRO_KEYS.imageAlt, input.imageAlt.trim());
  const keep = input.removeImage ? '' : (previous ?? '');
  await writeSetting(db, INTRO_KEYS.imageKey, newKey ?? keep);
  if (previous && (newKey || input.removeImage)) await storage.delete(previous);
  await recordAudit(db, o.actor, 'store.intro.saved', {
    image: Boolean(newKey ?? (input.removeImage ? '' : previous)),
  });
  return { ok: true };
}
