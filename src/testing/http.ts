// Real HTTP against an app listening on 127.0.0.1: requests go through Node's
// HTTP parser and socket exactly as a browser's would, with the request path
// sent byte for byte as written (no URL normalisation on the way).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

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

/** Keeps cookies like a browser and fills in the CSRF token of a form page. */
export class HttpClient {
  private readonly jar = new Map<string, string>();
  constructor(
    readonly base: string,
    /** Sent with every request (e.g. X-Forwarded-For for an app with TRUST_PROXY). */
    private readonly headers: Record<string, string> = {},
  ) {}

  private async send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string }) {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
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
    return this.send(path, { headers });
  }

  /** POSTs a urlencoded form with the CSRF token of the first form on `formPage` (default: the same path). */
  async postForm(path: string, fields: Record<string, string>, opts: { formPage?: string } = {}) {
    const page = await this.get(opts.formPage ?? path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${opts.formPage ?? path} (status ${page.status})`);
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    });
  }
}
