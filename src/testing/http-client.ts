import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { TEST_ADMIN } from './app.js';

export type HttpAnswer = {
  status: number;
  headers: Headers;
  body: string;
  /** The Location header, if any. */
  location: string | undefined;
};

/**
 * A browser stand-in over real HTTP: the app listens on 127.0.0.1 and every
 * request goes through a socket. Keeps cookies, fills in the CSRF token of the
 * page a form is on, and does not follow redirects.
 */
export class HttpClient {
  private readonly jar = new Map<string, string>();
  private constructor(readonly base: string) {}

  /** Starts `app` on a free port (closed with the app) and answers a client for it. */
  static async listen(app: FastifyInstance): Promise<HttpClient> {
    if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
    return new HttpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  }

  /** Another client (its own cookies) for the same server. */
  fresh(): HttpClient {
    return new HttpClient(this.base);
  }

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    path: string,
    opts: { method?: string; headers?: Record<string, string>; body?: string | FormData } = {},
  ): Promise<HttpAnswer> {
    const url = new URL(path, this.base);
    if (url.origin !== this.base) throw new Error(`${path} is not on this server (${this.base})`);
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: { ...(this.jar.size > 0 ? { cookie: this.cookieHeader } : {}), ...opts.headers },
      body: opts.body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return {
      status: res.status,
      headers: res.headers,
      body: await res.text(),
      location: res.headers.get('location') ?? undefined,
    };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.request(path, { headers });
  }

  /** POSTs a form as a browser would, with the CSRF token of the first form on `formPage` (default: `path`). */
  async postForm(path: string, fields: Record<string, string>, opts: { formPage?: string } = {}): Promise<HttpAnswer> {
    const page = await this.get(opts.formPage ?? path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${opts.formPage ?? path} (status ${page.status})`);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    });
  }

  /** POSTs a multipart form (CSRF token first, then fields, then files) as a browser would. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { name: string; filename: string; content: string | Buffer; type?: string }[],
    opts: { formPage?: string } = {},
  ): Promise<HttpAnswer> {
    const page = await this.get(opts.formPage ?? path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${opts.formPage ?? path} (status ${page.status})`);
    const form = new FormData();
    form.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
      form.append(
        f.name,
        new Blob([new Uint8Array(bytes)], { type: f.type ?? 'application/octet-stream' }),
        f.filename,
      );
    }
    return this.request(path, { method: 'POST', body: form });
  }

  async login(email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<HttpAnswer> {
    const r = await this.postForm('/admin/login', { email, password });
    if (r.status !== 303) throw new Error(`login failed with ${r.status}`);
    return r;
  }
}
