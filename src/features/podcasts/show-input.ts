import type { MessageKey } from '../../web/messages.js';
import { categoryChoice, parseCategoryChoice, SHOW_LANGUAGES } from './show-categories.js';

/**
 * The show editor's form, checked (pure). Strings as the form sent them;
 * a refused form comes back with what was typed and a message key per field.
 */

export const DESCRIPTION_MAX = 4000;
export const DEFAULT_SHARING_THRESHOLD = 8;

export type ShowForm = {
  title: string;
  description: string;
  author: string;
  language: string;
  category: string;
  explicit: string;
  publicFeed: string;
  threshold: string;
  tiers: string[];
};

export type ShowSettings = {
  title: string;
  description: string;
  author: string;
  language: string;
  category: string;
  subcategory: string | null;
  explicit: boolean;
  publicFeed: boolean;
  threshold: number;
  tierIds: string[];
};

export type ShowFormErrors = Partial<Record<keyof ShowForm, MessageKey>>;

export type CheckedShow = { ok: true; value: ShowSettings } | { ok: false; errors: ShowFormErrors };

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const many = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The form's fields from a urlencoded body (checkboxes may repeat). */
export function readShowForm(body: unknown): ShowForm {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    title: one(b.title),
    description: one(b.description),
    author: one(b.author),
    language: one(b.language),
    category: one(b.category),
    explicit: one(b.explicit),
    publicFeed: one(b.publicFeed),
    threshold: one(b.threshold),
    tiers: many(b.tiers),
  };
}

/** Checks the form; `tierIds` are the tiers that exist (others are refused, never stored). */
export function checkShowForm(form: ShowForm, tierIds: readonly string[]): CheckedShow {
  const errors: ShowFormErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'podcasts.admin.error.title';
  else if (title.length > 200) errors.title = 'podcasts.admin.error.titleLong';
  const description = form.description.replace(/\r\n/g, '\n').trim();
  if (description.length > DESCRIPTION_MAX) errors.description = 'podcasts.admin.error.descriptionLong';
  const author = form.author.trim();
  if (author.length > 200) errors.author = 'podcasts.admin.error.authorLong';
  if (!(SHOW_LANGUAGES as readonly string[]).includes(form.language)) errors.language = 'podcasts.admin.error.choose';
  const category = parseCategoryChoice(form.category);
  if (!category) errors.category = 'podcasts.admin.error.choose';
  const threshold = form.threshold.trim() === '' ? DEFAULT_SHARING_THRESHOLD : wholeNumber(form.threshold);
  if (threshold === undefined || threshold < 2 || threshold > 100) errors.threshold = 'podcasts.admin.error.threshold';
  if (form.tiers.some((id) => !tierIds.includes(id))) errors.tiers = 'podcasts.admin.error.tiers';
  if (Object.keys(errors).length > 0 || !category || threshold === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      description,
      author,
      language: form.language,
      category: category.category,
      subcategory: category.subcategory,
      explicit: form.explicit === '1',
      publicFeed: form.publicFeed === '1',
      threshold,
      tierIds: [...new Set(form.tiers)],
    },
  };
}

/** A positive whole number typed as digits; undefined for anything else. */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return undefined;
  return Number(t);
}

/** The stored show as the form shows it. */
export function showFormOf(show: {
  title: string;
  description: string;
  author: string;
  language: string;
  category: string;
  subcategory: string | null;
  explicit: number;
  public_feed: number;
  sharing_networks_threshold: number;
  tierIds: string[];
}): ShowForm {
  return {
    title: show.title,
    description: show.description,
    author: show.author,
    language: show.language,
    category: categoryChoice(show.category, show.subcategory),
    explicit: show.explicit ? '1' : '',
    publicFeed: show.public_feed ? '1' : '',
    threshold: String(show.sharing_networks_threshold),
    tiers: show.tierIds,
  };
}
