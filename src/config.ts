import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Each setting: its env var, a zod schema and a default. */
const booleanFromEnv = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  EMAIL_FROM: z.string().min(3).default('Vielfach <shop@localhost>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER: booleanFromEnv.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // 1 (or true/yes): a demo store in English; de or en: in that language (texts, products, posts).
  VIELFACH_DEMO: z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', 'de', 'en'])
    .default('0')
    .transform((v): 'de' | 'en' | false => (v === 'de' || v === 'en' ? v : ['1', 'true', 'yes'].includes(v) && 'en')),
  TRUST_PROXY: booleanFromEnv.default(false),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1_000_000).default(2048),
  DOWNLOAD_LINK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  DOWNLOAD_LIMIT: z.coerce.number().int().min(0).max(100_000).default(10),
  ORDER_EXPIRY_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  CHECKOUT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  LICENSE_RATE_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  LICENSE_RATE_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(30),
  SECRETS_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  STRIPE_API_BASE: z.url().optional(),
  RECONCILE_AFTER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(0),
  NEWSLETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  EXCHANGE_RATES_URL: z.url().default('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml'),
  EXCHANGE_RATES_FETCH: z.enum(['auto', 'on', 'off']).default('auto'),
  GEOIP_DATABASE: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  smtpUrl: string | undefined;
  emailFrom: string;
  sessionSecret: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  worker: boolean;
  workerConcurrency: number;
  jobLeaseSeconds: number;
  loginMaxAttempts: number;
  loginLockMinutes: number;
  /** The language of the demo store (VIELFACH_DEMO), or false: the normal set-up. */
  demo: 'de' | 'en' | false;
  /** Checkouts started per client IP and minute (stops card testing and order floods). */
  checkoutRatePerMinute: number;
  /** Behind a reverse proxy: take the client IP and protocol from X-Forwarded-*. */
  trustProxy: boolean;
  /** Largest product file upload. */
  maxUploadBytes: number;
  /** How long a signed download link works. */
  downloadLinkHours: number;
  /** Downloads per purchased item; 0 means unlimited. */
  downloadLimit: number;
  /** An unpaid order expires after this. */
  orderExpiryMinutes: number;
  /** Licence API requests per minute from one IP address. */
  licenseRatePerIp: number;
  /** Licence API requests per minute for one licence key. */
  licenseRatePerKey: number;
  /** Encrypts stored payment keys (AES-256-GCM); without SECRETS_KEY a key is made once in the data folder. */
  secretsKey: string | undefined;
  /** Where the Stripe SDK sends its calls; only for a local stand-in in tests (default: Stripe's servers). */
  stripeApiBase: string | undefined;
  /** A pending order this old is looked up at its payment provider, in case its webhook was lost. */
  reconcileAfterMinutes: number;
  /** Connections the pooled SMTP transport keeps open. */
  smtpMaxConnections: number;
  /** Messages per second handed to SMTP at most (0: no limit); newsletters are paced by it. */
  smtpRatePerSecond: number;
  /** Recipients per newsletter batch job. */
  newsletterBatchSize: number;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  /** The ECB reference-rate file fetched daily (XML: the daily file, or the 90-day file to fill gaps). */
  exchangeRatesUrl: string;
  /** Daily fetch of ECB rates: auto (only when the store sells in a currency other than EUR), on, off. */
  exchangeRatesFetch: 'auto' | 'on' | 'off';
  /**
   * The IP-to-country database (.mmdb, MaxMind format) for the VAT location
   * evidence; default: the file of the installed ip-location-db package.
   * Read once at the first checkout: replace the file, then restart.
   */
  geoipDatabase: string | undefined;
};

export class ConfigError extends Error {}

/** Reads and validates settings; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid setting ${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://${hostForUrl(e.HOST)}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${join(dataDir, 'vielfach.db')}`,
    smtpUrl: e.SMTP_URL,
    emailFrom: e.EMAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? '',
    logLevel: e.LOG_LEVEL,
    worker: e.WORKER,
    workerConcurrency: e.WORKER_CONCURRENCY,
    jobLeaseSeconds: e.JOB_LEASE_SECONDS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    demo: e.VIELFACH_DEMO,
    trustProxy: e.TRUST_PROXY,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    downloadLinkHours: e.DOWNLOAD_LINK_HOURS,
    downloadLimit: e.DOWNLOAD_LIMIT,
    orderExpiryMinutes: e.ORDER_EXPIRY_MINUTES,
    checkoutRatePerMinute: e.CHECKOUT_RATE_PER_MINUTE,
    licenseRatePerIp: e.LICENSE_RATE_PER_IP,
    licenseRatePerKey: e.LICENSE_RATE_PER_KEY,
    secretsKey: e.SECRETS_KEY,
    stripeApiBase: e.STRIPE_API_BASE,
    reconcileAfterMinutes: e.RECONCILE_AFTER_MINUTES,
    smtpMaxConnections: e.SMTP_MAX_CONNECTIONS,
    smtpRatePerSecond: e.SMTP_RATE_PER_SECOND,
    newsletterBatchSize: e.NEWSLETTER_BATCH_SIZE,
    secureCookies: publicUrl.startsWith('https://'),
    exchangeRatesUrl: e.EXCHANGE_RATES_URL,
    exchangeRatesFetch: e.EXCHANGE_RATES_FETCH,
    geoipDatabase: e.GEOIP_DATABASE ? resolve(e.GEOIP_DATABASE) : packagedGeoipDatabase(),
  };
}

/** The IPv4 + IPv6 country file of @ip-location-db/geo-whois-asn-country-mmdb; undefined when not installed. */
function packagedGeoipDatabase(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(
      '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
    );
  } catch {
    return undefined;
  }
}

/** The secret signs cookies and tokens; without SESSION_SECRET one is created once in the data folder. */
export function ensureSecret(config: Config): Config {
  if (config.sessionSecret) return config;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return { ...config, sessionSecret: readFileSync(file, 'utf8').trim() };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

function hostForUrl(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
