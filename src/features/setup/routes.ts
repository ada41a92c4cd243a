import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { LOCALES } from '../../web/i18n.js';
import { sendPage } from '../../web/render.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { setSessionCookie, startSession } from '../auth/sessions.js';
import { addDemoProducts } from '../catalog/demo-products.js';
import { addDemoLicensedProduct } from '../licensing/demo.js';
import { addDemoMemberships } from '../memberships/demo.js';
import { addDemoPosts } from '../posts/demo.js';
import { CURRENCIES, getStoreSettings } from '../settings/store-settings.js';
import { completeSetup, isSetupCodeValid } from './complete-setup.js';
import { SetupPage, type SetupValues } from './setup.page.js';

const setupForm = z.object({
  code: z.string().trim().max(100).default(''),
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1000).default(''),
  storeName: z.string().trim().max(200).default(''),
  locale: z.enum(LOCALES).catch('en'),
  currency: z.enum(CURRENCIES).catch('EUR'),
  demo: z.string().optional(),
});

function validate(v: z.infer<typeof setupForm>, ctx: PageContext): FieldErrors {
  const errors: FieldErrors = {};
  if (!z.email().safeParse(v.email).success) errors.email = ctx.t('form.email');
  if (v.password.length < MIN_PASSWORD_LENGTH)
    errors.password = ctx.t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (v.storeName.length < 1 || v.storeName.length > 80) errors.storeName = ctx.t('setup.storeName.invalid');
  return errors;
}

import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export function registerSetupRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  app.get('/setup', async (req, reply) => {
    if ((await getStoreSettings(db)).setupCompleted) return reply.redirect('/admin', 303);
    const ctx = await pageContext(req, reply, services);
    const code = typeof (req.query as { code?: unknown }).code === 'string' ? (req.query as { code: string }).code : '';
    const values: SetupValues = { code, email: '', storeName: '', locale: ctx.locale, currency: 'EUR', demo: true };
    return sendPage(reply, SetupPage({ ctx, values, errors: {} }));
  });

  app.post('/setup', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    if ((await getStoreSettings(db)).setupCompleted) return reply.redirect('/admin', 303);
    const ctx = await pageContext(req, reply, services);
    const form = setupForm.parse(req.body ?? {});
    const errors = validate(form, ctx);
    if (!(await isSetupCodeValid(db, form.code))) errors.code = ctx.t('setup.code.invalid');
    const values: SetupValues = { ...form, demo: form.demo === '1' };
    if (Object.keys(errors).length > 0) return sendPage(reply, SetupPage({ ctx, values, errors }), 400);

    const result = await completeSetup(db, { ...form, demo: values.demo });
    if (result.kind === 'already-done') return reply.redirect('/admin', 303);
    if (values.demo) {
      // After the set-up commit: example products need files in storage. A failure here must not undo the set-up.
      await addDemoProducts(services).catch((err) => req.log.error({ err }, 'demo products could not be added'));
      await addDemoLicensedProduct(services).catch((err) => req.log.error({ err }, 'demo plugin could not be added'));
      await addDemoMemberships(services).catch((err) => req.log.error({ err }, 'demo memberships could not be added'));
      await addDemoPosts(db).catch((err) => req.log.error({ err }, 'demo posts could not be added'));
    }
    const token = await startSession(db, result.adminId, true);
    setSessionCookie(reply, token, services.config);
    return reply.redirect('/admin', 303);
  });
}
