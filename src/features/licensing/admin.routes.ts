import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import {
  type FormErrors,
  type KeyLimitsInput,
  keyLimitsBody,
  parseKeyLimits,
  parseProductLicensing,
  productLicensingBody,
} from './admin-forms.js';
import { findLicenseKeyDetail, findProductLicensing, listLicenseKeys, listLicensingProducts } from './admin-queries.js';
import { LicenseDetailPage } from './license-detail.page.js';
import { LicensesPage } from './licenses.page.js';
import { ProductLicensingPage } from './product-licensing.page.js';
import { listInstances } from './queries.js';
import { removeLicenseInstance } from './remove-license-instance.js';
import { resetLicenseActivations } from './reset-license-activations.js';
import { setLicenseKeyDisabled } from './set-license-key-disabled.js';
import { storeSigningKey } from './signing-key.js';
import { updateLicenseKeyLimits } from './update-license-key-limits.js';
import { updateLicenseSettings } from './update-license-settings.js';

const NOTICES = ['disabled', 'enabled', 'reset', 'saved', 'deactivated'] as const;
type Notice = (typeof NOTICES)[number];

const listQuery = z.object({
  q: z.string().max(200).default('').catch(''),
  page: pageNumber().catch(1),
});
const idParams = z.object({ id: z.uuid() });
const instanceParams = z.object({ id: z.uuid(), instanceId: z.uuid() });
const noticeQuery = z.object({ notice: z.enum(NOTICES).optional().catch(undefined) });

/** Admin: licence keys (list, search, one key with its activations) and each product's licensing settings. */
export function registerLicenseAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  async function showKey(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    view: { notice?: Notice | undefined; limits?: { input: KeyLimitsInput; errors: FormErrors } } = {},
  ) {
    const license = await findLicenseKeyDetail(db, id);
    if (!license) throw notFound('Licence key not found');
    const [ctx, instances] = await Promise.all([adminPageContext(req, reply, services), listInstances(db, id)]);
    const notice = view.notice ? ctx.t(`licensing.notice.${view.notice}`) : undefined;
    const page = LicenseDetailPage({ ctx, license, instances, now: isoNow(), notice, limits: view.limits });
    return sendPage(reply, page, view.limits ? 400 : 200);
  }

  app.get('/admin/licenses', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const { q, page } = req.query;
    const [ctx, list, products, signing] = await Promise.all([
      adminPageContext(req, reply, services),
      listLicenseKeys(db, { q, page }),
      listLicensingProducts(db),
      storeSigningKey(db),
    ]);
    return sendPage(reply, LicensesPage({ ctx, list, q, products, signing, now: isoNow() }));
  });

  app.get(
    '/admin/licenses/:id',
    { ...guard, schema: { params: idParams, querystring: noticeQuery } },
    async (req, reply) => showKey(req, reply, req.params.id, { notice: req.query.notice }),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/admin/licenses/:id/${action}`, { ...guard, schema: { params: idParams } }, async (req, reply) => {
      const { id } = req.params;
      if (!(await setLicenseKeyDisabled(db, { id, disabled, actor: actor(req) })))
        throw notFound('Licence key not found');
      return reply.redirect(`/admin/licenses/${id}?notice=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  app.post('/admin/licenses/:id/reset', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { id } = req.params;
    if (!(await resetLicenseActivations(db, { id, actor: actor(req) }))) throw notFound('Licence key not found');
    return reply.redirect(`/admin/licenses/${id}?notice=reset`, 303);
  });

  app.post(
    '/admin/licenses/:id/limits',
    { ...guard, schema: { params: idParams, body: keyLimitsBody } },
    async (req, reply) => {
      const { id } = req.params;
      const parsed = parseKeyLimits(req.body, (await getStoreSettings(db)).timeZone);
      if (!parsed.ok) return showKey(req, reply, id, { limits: { input: req.body, errors: parsed.errors } });
      if (!(await updateLicenseKeyLimits(db, { id, values: parsed.values, actor: actor(req) }))) {
        throw notFound('Licence key not found');
      }
      return reply.redirect(`/admin/licenses/${id}?notice=saved`, 303);
    },
  );

  app.post(
    '/admin/licenses/:id/instances/:instanceId/deactivate',
    { ...guard, schema: { params: instanceParams } },
    async (req, reply) => {
      const { id, instanceId } = req.params;
      await removeLicenseInstance(db, { id, instanceId, actor: actor(req) });
      return reply.redirect(`/admin/licenses/${id}?notice=deactivated`, 303);
    },
  );

  async function showProduct(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    view: { notice?: Notice | undefined; input?: z.infer<typeof productLicensingBody>; errors?: FormErrors } = {},
  ) {
    const product = await findProductLicensing(db, id);
    if (!product) throw notFound('Product not found');
    const ctx = await adminPageContext(req, reply, services);
    const input = view.input ?? {
      enabled: product.enabled ? '1' : undefined,
      activation_limit: product.enabled === null ? '3' : (product.activation_limit?.toString() ?? ''),
      validity: product.validity ?? 'forever',
      validity_days: product.validity_days?.toString() ?? '',
    };
    const notice = view.notice ? ctx.t(`licensing.notice.${view.notice}`) : undefined;
    const page = ProductLicensingPage({ ctx, product, input, errors: view.errors ?? {}, notice });
    return sendPage(reply, page, view.errors ? 400 : 200);
  }

  app.get(
    '/admin/products/:id/licensing',
    { ...guard, schema: { params: idParams, querystring: noticeQuery } },
    async (req, reply) => showProduct(req, reply, req.params.id, { notice: req.query.notice }),
  );

  app.post(
    '/admin/products/:id/licensing',
    { ...guard, schema: { params: idParams, body: productLicensingBody } },
    async (req, reply) => {
      const { id } = req.params;
      const parsed = parseProductLicensing(req.body);
      if (!parsed.ok) return showProduct(req, reply, id, { input: req.body, errors: parsed.errors });
      if (!(await updateLicenseSettings(db, { productId: id, values: parsed.values, actor: actor(req) }))) {
        throw notFound('Product not found');
      }
      return reply.redirect(`/admin/products/${id}/licensing?notice=saved`, 303);
    },
  );
}
