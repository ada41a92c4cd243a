// Real HTTP against an app listening on 127.0.0.1: requests go through Node's
// HTTP parser and socket exactly as a browser's would, with the request path
// sent byte for byte as written (no URL normalisation on the way).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { TEST_ADMIN } from './app.js';

/** Starts the app on a free port of 127.0.0.1 and answers its base URL. */
export async function listenLocal(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export type HttpResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The Location header, if any. */
  location: string | undefined;
};

/** One request; redirects are not followed. */
export function httpRequest(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            location: res.headers.location,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * A browser stand-in over real HTTP: keeps cookies, fills in the CSRF token of
 * the page a form is on, and does not follow redirects.
 */
export class HttpClient {
  private readonly jar = new Map<string, string>();
  constructor(
    readonly base: string,
    /** Sent with every request (e.g. X-Forwarded-For for an app with TRUST_PROXY). */
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Starts `app` on a free port (closed with the app) and answers a client for it. */
  static async listen(app: FastifyInstance): Promise<HttpClient> {
    if (!app.server.listening) return new HttpClient(await listenLocal(app));
    return new HttpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  }

  /** Another client (its own cookies) for the same server. */
  fresh(): HttpClient {
    return new HttpClient(this.base, this.headers);
  }

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    path: string,
    opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<HttpResponse> {
    const cookie = this.cookieHeader;
    const res = await httpRequest(this.base, path, {
      ...opts,
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...opts.headers },
    });
    const setCookies = res.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookies) ? setCookies : [setCookies]) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.request(path, { headers });
  }

  private async csrfToken(formPage: string): Promise<string> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formPage} (status ${page.status})`);
    return token;
  }

  /** POSTs a urlencoded form with the CSRF token of the first form on `formPage` (default: the same path). */
  async postForm(path: string, fields: Record<string, string>, opts: { formPage?: string } = {}) {
    const token = await this.csrfToken(opts.formPage ?? path);
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
  ): Promise<HttpResponse> {
    const form = new FormData();
    form.append('_csrf', await this.csrfToken(opts.formPage ?? path));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
      const blob = new Blob([new Uint8Array(bytes)], { type: f.type ?? 'application/octet-stream' });
      form.append(f.name, blob, f.filename);
    }
    // Response serialises the form as a browser would, boundary included.
    const encoded = new Response(form);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  async login(email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<HttpResponse> {
    const r = await this.postForm('/admin/login', { email, password });
    if (r.status !== 303) throw new Error(`login failed with ${r.status}`);
    return r;
  }
}
