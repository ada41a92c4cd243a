/**
 * Chapters as the creator types them, one per line: `HH:MM:SS Title` or
 * `MM:SS Title`. Pure: the editor shows the errors, the episode stores the
 * JSON `[{ start: seconds, title }]` that Podcasting 2.0 chapters are made from.
 */

export type Chapter = { start: number; title: string };

export type ChapterError = { line: number; problem: 'format' | 'first-not-zero' | 'not-ascending' | 'title-long' };

export type ChaptersResult = { ok: true; chapters: Chapter[] } | { ok: false; error: ChapterError };

const LINE = /^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)\s+(\S.*)$/;
const MAX_TITLE = 200;

/** Parses the textarea; blank lines are skipped, line numbers count every line as typed. */
export function parseChapters(text: string): ChaptersResult {
  const chapters: Chapter[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const n = index + 1;
    const m = LINE.exec(line);
    if (!m) return { ok: false, error: { line: n, problem: 'format' } };
    const start = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    const title = (m[4] ?? '').trim();
    if (title.length > MAX_TITLE) return { ok: false, error: { line: n, problem: 'title-long' } };
    const previous = chapters.at(-1);
    if (!previous && start !== 0) return { ok: false, error: { line: n, problem: 'first-not-zero' } };
    if (previous && start <= previous.start) return { ok: false, error: { line: n, problem: 'not-ascending' } };
    chapters.push({ start, title });
  }
  return { ok: true, chapters };
}

/** Seconds as the editor shows them again: `MM:SS`, or `H:MM:SS` from an hour on. */
export function formatChapterTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The stored JSON back as textarea lines; stored text that is no chapter list shows as nothing. */
export function chaptersAsText(json: string): string {
  return readChapters(json)
    .map((c) => `${formatChapterTime(c.start)} ${c.title}`)
    .join('\n');
}

export function readChapters(json: string): Chapter[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (c): c is Chapter =>
        typeof c === 'object' && c !== null && typeof c.start === 'number' && typeof c.title === 'string',
    );
  } catch {
    return [];
  }
}
