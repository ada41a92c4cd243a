import { z } from 'zod';
import { ConfigError } from '../../config.js';

/**
 * Where files live, from the environment: `VIELFACH_STORAGE=local` (default:
 * the data folder) or `s3` (any S3-compatible service: AWS, R2, Hetzner, MinIO).
 * Read apart from config.ts so the S3 settings are only demanded when chosen.
 */
export type StorageSettings =
  | { driver: 'local' }
  | {
      driver: 's3';
      bucket: string;
      endpoint: string | undefined;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      /** Keys are stored under this folder of the bucket ('' or ending in '/'), so one bucket can hold several stores. */
      prefix: string;
    };

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const REQUIRED = 'is required with VIELFACH_STORAGE=s3';

const s3Schema = z.object({
  S3_BUCKET: z
    .string({ error: REQUIRED })
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be an S3 bucket name (3–63 lower-case letters, digits, . and -)',
    ),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string({ error: REQUIRED }),
  S3_SECRET_ACCESS_KEY: z.string({ error: REQUIRED }),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'must be lower-case letters, digits, - and / (no leading or trailing /)')
    .optional(),
});

const driverSchema = z.enum(['local', 's3']).default('local');

/** Validates the storage settings; throws a ConfigError naming the first bad variable. */
export function readStorageSettings(env: NodeJS.ProcessEnv = process.env): StorageSettings {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const driver = driverSchema.safeParse(clean.VIELFACH_STORAGE);
  if (!driver.success) throw bad('VIELFACH_STORAGE', env, 'must be local or s3');
  if (driver.data === 'local') return { driver: 'local' };
  const parsed = s3Schema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'S3 settings');
    throw bad(name, env, issue?.message ?? 'is invalid');
  }
  const e = parsed.data;
  return {
    driver: 's3',
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    prefix: e.S3_PREFIX ? `${e.S3_PREFIX}/` : '',
  };
}

function bad(name: string, env: NodeJS.ProcessEnv, message: string): ConfigError {
  // Never echo a secret back into logs.
  const shown = name === 'S3_SECRET_ACCESS_KEY' ? '…' : JSON.stringify(env[name] ?? '');
  return new ConfigError(`Invalid setting ${name}=${shown}: ${message}`);
}
