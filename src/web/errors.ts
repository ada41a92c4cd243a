/** An expected failure with a stable code; the error handler maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', 404, what);
export const badRequest = (msg: string) => new AppError('bad_request', 400, msg);
export const forbidden = (msg = 'Forbidden') => new AppError('forbidden', 403, msg);

/** RFC 9457 problem details. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
};

export function problem(status: number, code: string, title: string, detail?: string, instance?: string): Problem {
  return {
    type: `about:blank#${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
  };
}
