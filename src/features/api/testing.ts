import { type HttpResponse, httpRequest } from '../../testing/http.js';

/** Requests of a program using the API: a bearer token, JSON in and out. */
export function apiClient(base: string, token?: string) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const json = (res: HttpResponse) => ({
    ...res,
    json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {},
  });
  return {
    get: async (path: string) => json(await httpRequest(base, path, { headers: auth })),
    post: async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      json(
        await httpRequest(base, path, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }),
      ),
  };
}
