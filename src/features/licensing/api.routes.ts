import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { activateLicense } from './activate-license.js';
import { guardLicenseApi, LICENSE_API, requestKeyHash } from './api-guard.js';
import {
  activateInput,
  deactivateInput,
  gumroadVerifyInput,
  licenseFileInput,
  parseApiInput,
  validateInput,
} from './api-input.js';
import { activateReply, deactivateReply, licenseFileReply, validateReply, verifyReply } from './api-replies.js';
import { deactivateLicense } from './deactivate-license.js';
import { issueLicenseFile } from './issue-license-file.js';
import { hashLicenseKey } from './license-key.js';
import type { LicenseReader } from './queries.js';
import { SqliteReadBatch } from './read-batch.js';
import { validateLicense } from './validate-license.js';
import { verifyGumroadLicense } from './verify-gumroad-license.js';

/** Licence requests are a few short fields; anything bigger is refused before it is read. */
const route = { bodyLimit: 16 * 1024 };

/**
 * The public licence API, without authentication: Lemon Squeezy's
 * activate/validate/deactivate, Gumroad's verify, and signed licence files.
 * Form fields or JSON in, JSON out.
 */
export function registerLicenseApiRoutes(fastify: FastifyInstance, services: Services): void {
  const { db, sqlite } = services.database;
  const reader: LicenseReader = { db, batch: sqlite ? new SqliteReadBatch(db, sqlite) : undefined };
  fastify.register(async (scope) => {
    guardLicenseApi(scope, services.config);

    scope.post(LICENSE_API.activate, route, async (req, reply) => {
      const input = parseApiInput(activateInput, req.body);
      const now = new Date();
      const r = await activateLicense(db, { licenseKey: input.license_key, instanceName: input.instance_name, now });
      const { status, body } = activateReply(r, now.toISOString());
      return reply.status(status).send(body);
    });

    scope.post(LICENSE_API.validate, route, async (req, reply) => {
      const input = parseApiInput(validateInput, req.body);
      const now = new Date();
      // The per-key limit hashed the key already; the same normalisation makes trimming irrelevant.
      const keyHash = requestKeyHash(req) ?? hashLicenseKey(input.license_key);
      const r = await validateLicense(reader, { keyHash, instanceId: input.instance_id, now });
      const { status, body } = validateReply(r, now.toISOString());
      return reply.status(status).send(body);
    });

    scope.post(LICENSE_API.deactivate, route, async (req, reply) => {
      const input = parseApiInput(deactivateInput, req.body);
      const now = new Date();
      const r = await deactivateLicense(db, { licenseKey: input.license_key, instanceId: input.instance_id, now });
      const { status, body } = deactivateReply(r, now.toISOString());
      return reply.status(status).send(body);
    });

    scope.post(LICENSE_API.file, route, async (req, reply) => {
      const input = parseApiInput(licenseFileInput, req.body);
      const r = await issueLicenseFile(db, { licenseKey: input.license_key, instanceId: input.instance_id });
      const { status, body } = licenseFileReply(r);
      return reply.status(status).send(body);
    });

    scope.post(LICENSE_API.gumroadVerify, route, async (req, reply) => {
      const input = parseApiInput(gumroadVerifyInput, req.body);
      const r = await verifyGumroadLicense(db, {
        licenseKey: input.license_key,
        productId: input.product_id,
        productPermalink: input.product_permalink,
        incrementUses: input.increment_uses_count,
      });
      const { status, body } = verifyReply(r, services.config.publicUrl);
      return reply.status(status).send(body);
    });
  });
}
