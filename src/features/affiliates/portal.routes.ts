import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Affiliate } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { ApplyPage, type ApplyValues } from './apply.page.js';
import { approveDueCommissions } from './approve.js';
import { applyAsAffiliate } from './manage-affiliates.js';
import {
  currentPartner,
  endPartnerSession,
  isPartnerLinkUsable,
  PARTNER_COOKIE,
  readPartner,
  redeemPartnerLink,
  requestPartnerLink,
  requirePartner,
  setPartnerCookie,
} from './partner-session.js';
import { PartnerAuthPage, type PartnerLink, PartnerPage, PartnerSignInPage, storedTaxValues } from './portal.page.js';
import { qrSvg } from './qr.js';
import { affiliateFigures, ledgerOf, linkableProducts, productFigures } from './queries.js';
import { readTaxDetails, saveTaxDetails, type TaxDetailsError, type TaxDetailsValues } from './tax-details.js';

const tokenParams = z.object({ token: z.string().max(200) });
const emailForm = z.object({ email: z.string().trim().max(320).default('') });
const applyForm = z.object({
  name: z.string().trim().max(200).default(''),
  email: z.string().trim().max(320).default(''),
  website: z.string().trim().max(300).default(''),
  note: z.string().trim().max(2000).default(''),
});
const doneQuery = z.object({ done: z.enum(['saved']).optional().catch(undefined) });

/** /partner: sign-in by emailed link, the portal, tax details; /partner/apply. */
export function registerPortalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const limited = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };

  const renderPortal = async (
    req: FastifyRequest,
    reply: FastifyReply,
    affiliate: Affiliate,
    opts: {
      tax?: { values: TaxDetailsValues; errors: Partial<Record<keyof TaxDetailsValues, TaxDetailsError>> };
      done?: 'saved' | undefined;
    } = {},
    status = 200,
  ) => {
    const now = new Date();
    // Lazy approval: the hold's end is marked when someone looks (the sums never wait for it).
    await approveDueCommissions(db, now, affiliate.id);
    const [ctx, figures, perProduct, products, ledger] = await Promise.all([
      pageContext(req, reply, services),
      affiliateFigures(db, now, affiliate.id),
      productFigures(db, affiliate.id),
      linkableProducts(db),
      ledgerOf(db, affiliate.id),
    ]);
    const links: PartnerLink[] = [];
    for (const p of products) {
      const url = `${services.config.publicUrl}/r/${affiliate.code}/${p.slug}`;
      const f = perProduct.get(p.id);
      links.push({ title: p.title, url, qrSvg: await qrSvg(url), clicks: f?.clicks ?? 0, sales: f?.sales ?? 0 });
    }
    const page = PartnerPage({
      ctx,
      affiliate,
      figures: figures.get(affiliate.id) ?? {
        clicks: 0,
        sales: 0,
        salesMinor: 0,
        commissionMinor: 0,
        heldMinor: 0,
        payableMinor: 0,
        paidMinor: 0,
      },
      links,
      ledger,
      tax: opts.tax ?? { values: storedTaxValues(affiliate), errors: {} },
      notice: opts.done ? ctx.t('affiliates.done.saved') : undefined,
    });
    return sendPage(reply, page, status);
  };

  app.get('/partner', { schema: { querystring: doneQuery } }, async (req, reply) => {
    const affiliate = await readPartner(db, req);
    if (affiliate) return renderPortal(req, reply, affiliate, { done: req.query.done });
    return sendPage(reply, PartnerSignInPage({ ctx: await pageContext(req, reply, services) }));
  });

  app.post('/partner/login', limited, async (req, reply) => {
    const form = emailForm.parse(req.body ?? {});
    const ctx = await pageContext(req, reply, services);
    if (z.email().safeParse(form.email).success)
      await requestPartnerLink(db, { email: form.email, locale: ctx.locale, publicUrl: services.config.publicUrl });
    services.nudgeWorker();
    return sendPage(reply, PartnerSignInPage({ ctx, sent: true }));
  });

  app.get('/partner/auth/:token', { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    if (!(await isPartnerLinkUsable(db, req.params.token)))
      return sendPage(reply, PartnerSignInPage({ ctx, invalid: true }), 400);
    return sendPage(reply, PartnerAuthPage({ ctx, token: req.params.token }));
  });

  app.post('/partner/auth/:token', { ...limited, schema: { params: tokenParams } }, async (req, reply) => {
    const session = await redeemPartnerLink(db, req.params.token);
    if (!session)
      return sendPage(reply, PartnerSignInPage({ ctx: await pageContext(req, reply, services), invalid: true }), 400);
    setPartnerCookie(reply, session, services.config.secureCookies);
    return reply.redirect('/partner', 303);
  });

  app.post('/partner/logout', async (req, reply) => {
    await endPartnerSession(db, reply, req.cookies[PARTNER_COOKIE]);
    return reply.redirect('/partner', 303);
  });

  app.post('/partner/tax', { preHandler: requirePartner(services) }, async (req, reply) => {
    const affiliate = currentPartner(req);
    const read = readTaxDetails(req.body);
    if (!read.ok)
      return renderPortal(req, reply, affiliate, { tax: { values: read.values, errors: read.errors } }, 400);
    await saveTaxDetails(db, affiliate.id, read.details);
    return reply.redirect('/partner?done=saved', 303);
  });

  const renderApply = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ApplyValues,
    errors: FieldErrors,
    done = false,
  ) =>
    sendPage(
      reply,
      ApplyPage({ ctx: await pageContext(req, reply, services), values, errors, done }),
      Object.keys(errors).length ? 400 : 200,
    );

  app.get('/partner/apply', async (req, reply) =>
    renderApply(req, reply, { name: '', email: '', website: '', note: '' }, {}),
  );

  app.post('/partner/apply', limited, async (req, reply) => {
    const form = applyForm.parse(req.body ?? {});
    const ctx = await pageContext(req, reply, services);
    const errors: FieldErrors = {};
    if (!form.name) errors.name = ctx.t('affiliates.error.required');
    if (!form.website) errors.website = ctx.t('affiliates.error.required');
    if (!z.email().safeParse(form.email).success) errors.email = ctx.t('affiliates.error.email');
    if (Object.keys(errors).length) return renderApply(req, reply, form, errors);
    // The same answer for a known address: nobody learns who is a partner here.
    await applyAsAffiliate(db, form);
    return renderApply(req, reply, form, {}, true);
  });
}
