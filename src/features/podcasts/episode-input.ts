import type { EpisodeAccess, EpisodeType, PodcastEpisode } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import { type Chapter, type ChapterError, chaptersAsText, parseChapters } from './chapters.js';
import { wholeNumber } from './show-input.js';

/** The episode editor's form, checked (pure). */

export const EPISODE_TYPES = ['full', 'trailer', 'bonus'] as const satisfies readonly EpisodeType[];
export const EPISODE_ACCESS = ['listeners', 'public'] as const satisfies readonly EpisodeAccess[];

export type EpisodeForm = {
  title: string;
  summary: string;
  notes: string;
  season: string;
  number: string;
  type: string;
  access: string;
  chapters: string;
};

export type EpisodeDetails = {
  title: string;
  summary: string;
  notesMd: string;
  season: number | null;
  episodeNumber: number | null;
  type: EpisodeType;
  access: EpisodeAccess;
  chapters: Chapter[];
};

export type EpisodeFormErrors = Partial<Record<keyof EpisodeForm, MessageKey>>;

export type CheckedEpisode =
  | { ok: true; value: EpisodeDetails }
  | { ok: false; errors: EpisodeFormErrors; chapterError?: ChapterError };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function readEpisodeForm(body: unknown): EpisodeForm {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    title: text(b.title),
    summary: text(b.summary),
    notes: text(b.notes),
    season: text(b.season),
    number: text(b.number),
    type: text(b.type) || 'full',
    access: text(b.access) || 'listeners',
    chapters: text(b.chapters),
  };
}

/** Empty: none; else a whole number from 1. */
function optionalPositive(v: string): { ok: true; value: number | null } | { ok: false } {
  if (v.trim() === '') return { ok: true, value: null };
  const n = wholeNumber(v);
  return n !== undefined && n >= 1 && n <= 100_000 ? { ok: true, value: n } : { ok: false };
}

export function checkEpisodeForm(form: EpisodeForm): CheckedEpisode {
  const errors: EpisodeFormErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'podcasts.admin.error.title';
  else if (title.length > 200) errors.title = 'podcasts.admin.error.titleLong';
  const summary = form.summary.replace(/\r\n/g, '\n').trim();
  if (summary.length > 4000) errors.summary = 'podcasts.admin.error.summaryLong';
  const notesMd = form.notes.replace(/\r\n/g, '\n').trim();
  if (notesMd.length > 100_000) errors.notes = 'podcasts.admin.error.notesLong';
  const season = optionalPositive(form.season);
  if (!season.ok) errors.season = 'podcasts.admin.error.positive';
  const number = optionalPositive(form.number);
  if (!number.ok) errors.number = 'podcasts.admin.error.positive';
  const type = EPISODE_TYPES.find((t) => t === form.type);
  if (!type) errors.type = 'podcasts.admin.error.choose';
  const access = EPISODE_ACCESS.find((a) => a === form.access);
  if (!access) errors.access = 'podcasts.admin.error.choose';
  const chapters = parseChapters(form.chapters);
  if (!chapters.ok) errors.chapters = `podcasts.admin.error.chapters.${chapters.error.problem}`;
  if (!season.ok || !number.ok || !type || !access || !chapters.ok || Object.keys(errors).length > 0)
    return { ok: false, errors, ...(chapters.ok ? {} : { chapterError: chapters.error }) };
  return {
    ok: true,
    value: {
      title,
      summary,
      notesMd,
      season: season.value,
      episodeNumber: number.value,
      type,
      access,
      chapters: chapters.chapters,
    },
  };
}

export function episodeFormOf(e: PodcastEpisode): EpisodeForm {
  return {
    title: e.title,
    summary: e.summary,
    notes: e.notes_md,
    season: e.season === null ? '' : String(e.season),
    number: e.episode_number === null ? '' : String(e.episode_number),
    type: e.episode_type,
    access: e.access,
    chapters: chaptersAsText(e.chapters),
  };
}
