/**
 * Pure HTTP logic for file downloads (RFC 9110): byte ranges, strong ETags and
 * conditional requests. No I/O, so every branch is unit-tested on its own.
 */

export type RangeResult =
  /** No usable Range header (absent, another unit, malformed or several ranges): send the whole file. */
  | { kind: 'none' }
  | { kind: 'range'; start: number; end: number }
  /** 416, answered with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i;

/**
 * One byte range against a file of `size` bytes. Several ranges are answered
 * with the whole file (allowed by RFC 9110 §14.2), which keeps responses
 * simple and avoids multipart bodies.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'none' };
  if (header.includes(',')) return { kind: 'none' };
  const m = SINGLE_RANGE.exec(header.trim());
  if (!m) return { kind: 'none' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = toInt(last);
    if (suffix === undefined) return { kind: 'none' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = toInt(first);
  const end = last === '' ? size - 1 : toInt(last);
  if (start === undefined || end === undefined) return { kind: 'none' };
  if (last !== '' && end < start) return { kind: 'none' }; // invalid: ignored, whole file
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}

function toInt(digits: string): number | undefined {
  if (digits.length > 15) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A strong ETag from the file's SHA-256: the same bytes always give the same tag. */
export function strongEtag(sha256: string): string {
  return `"${sha256}"`;
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`; `*` matches anything. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * If-Range: only an exactly equal, strong ETag keeps the range; a weak tag or
 * a date gives the whole file (the client then starts over, which is safe).
 */
export function ifRangeHolds(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag;
}

export type DownloadRequest = {
  method: string;
  range?: string | undefined;
  ifRange?: string | undefined;
  ifNoneMatch?: string | undefined;
};

export type ResponsePlan =
  | { kind: 'not-modified' }
  | { kind: 'unsatisfiable' }
  /** `counts`: this response starts at byte 0 with a body, so it is a new download. */
  | { kind: 'full'; counts: boolean }
  | { kind: 'partial'; start: number; end: number; counts: boolean };

/** What to answer for a request of a file with this size and ETag. */
export function planResponse(req: DownloadRequest, file: { size: number; etag: string }): ResponsePlan {
  if (noneMatchHits(req.ifNoneMatch, file.etag)) return { kind: 'not-modified' };
  const isGet = req.method === 'GET';
  // Range is defined for GET only (RFC 9110 §14.2); HEAD describes the whole file.
  if (!isGet || !ifRangeHolds(req.ifRange, file.etag)) return { kind: 'full', counts: isGet };
  const range = parseRange(req.range, file.size);
  if (range.kind === 'none') return { kind: 'full', counts: true };
  if (range.kind === 'unsatisfiable') return range;
  return { kind: 'partial', start: range.start, end: range.end, counts: range.start === 0 };
}
