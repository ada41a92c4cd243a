import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { type Mailer, outboxMailer } from '../features/email/transport.js';
import { orderCoreOf } from '../features/index.js';
import { clearSettingsCache } from '../features/settings/store-settings.js';
import { completeSetup } from '../features/setup/complete-setup.js';
import type { Storage } from '../features/storage/storage.js';
import { followStorageRedirects, testStorage } from '../features/storage/test-storage.js';
import { allJobs } from '../jobs/registry.js';
import { Worker } from '../jobs/worker.js';
import type { Services } from '../services.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** Runs due jobs until none is left (deterministic, no background loop). */
  drainJobs: () => Promise<number>;
  close: () => Promise<void>;
};

export type TestAppOptions = { env?: Record<string, string>; mailer?: Mailer; storage?: Storage };

/** A real app over a fresh database, for `app.inject` tests. */
export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  clearSettingsCache();
  const config: Config = {
    ...loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', ...opts.env }),
    databaseUrl: database.url,
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
  };
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const services: Services = {
    config,
    database,
    mailer: opts.mailer ?? outboxMailer(),
    storage: opts.storage ?? (await testStorage(database.dataDir)),
    log,
    orders: orderCoreOf(),
    nudgeWorker: () => {},
  };
  const app = await buildApp(services);
  await app.ready();
  await followStorageRedirects(app);
  const worker = new Worker({ services, jobs: allJobs, concurrency: 1, leaseMs: 30_000, log });
  const drainJobs = async () => {
    let n = 0;
    while (await worker.runOnce()) n++;
    return n;
  };
  return {
    app,
    services,
    database,
    drainJobs,
    close: async () => {
      await app.close();
      services.mailer.close();
      await database.close();
    },
  };
}

export const TEST_ADMIN = { email: 'owner@example.com', password: 'correct horse battery' };

export async function setUpStore(services: Services, overrides: Partial<Parameters<typeof completeSetup>[1]> = {}) {
  const r = await completeSetup(services.database.db, {
    email: TEST_ADMIN.email,
    password: TEST_ADMIN.password,
    storeName: 'Test Store',
    locale: 'en',
    currency: 'EUR',
    demo: false,
    ...overrides,
  });
  clearSettingsCache();
  return r;
}

/** Keeps cookies across `inject` calls, like a browser, and fills in CSRF tokens. */
export class TestClient {
  private readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } }),
    );
  }

  /** The CSRF token of the first form on a page. */
  async csrfFrom(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m?.[1]) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return m[1];
  }

  /** POSTs a form as a browser would: token taken from `formPage` unless given; `headers` add request headers. */
  async postForm(
    url: string,
    fields: Record<string, string>,
    opts: { formPage?: string; csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const token = opts.csrf === null ? undefined : (opts.csrf ?? (await this.csrfFrom(opts.formPage ?? url)));
    const body = new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) }).toString();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { ...opts.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader },
      }),
    );
  }

  /** Sets a cookie as a server would have (e.g. a customer session started in the test). */
  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  /** POSTs JSON with the jar's cookies (the CSRF token, if needed, goes in `headers`). */
  async postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: JSON.stringify(body),
        headers: {
          accept: 'application/json',
          ...headers,
          'content-type': 'application/json',
          cookie: this.cookieHeader,
        },
      }),
    );
  }

  async login(email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<LightMyRequestResponse> {
    return this.postForm('/admin/login', { email, password });
  }
}
