import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatMoney } from '../../domain/money.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { currentPartner, requirePartner } from '../affiliates/partner-session.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { sendCreditNote } from './documents.js';
import { readPayoutSettings } from './payout-settings.js';
import { findPayout, listPayouts } from './payouts.js';
import { PartnerPayoutsPage, PORTAL_BASE } from './portal.page.js';

const docParams = z.object({ payoutId: z.uuid(), kind: z.enum(['pdf', 'xml']) });

/** /partner/payouts: the signed-in affiliate's payouts and credit notes (core's session; its portal links here). */
export function registerPayoutPortalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requirePartner(services) };

  app.get(PORTAL_BASE, guard, async (req, reply) => {
    const affiliate = currentPartner(req);
    const [ctx, payouts, settings, store] = await Promise.all([
      pageContext(req, reply, services),
      listPayouts(db, { affiliateId: affiliate.id }),
      readPayoutSettings(db),
      getStoreSettings(db),
    ]);
    const minimum = formatMoney(settings.minimumMinor, store.currency, ctx.locale);
    return sendPage(reply, PartnerPayoutsPage({ ctx, payouts, minimum }));
  });

  // Another affiliate's payout answers exactly like a missing one: 404, nothing told.
  app.get(
    `${PORTAL_BASE}/:payoutId/credit-note.:kind`,
    { ...guard, schema: { params: docParams } },
    async (req, reply) => {
      const payout = await findPayout(db, req.params.payoutId);
      if (!payout || payout.affiliate_id !== currentPartner(req).id) return reply.callNotFound();
      return sendCreditNote(reply, payout, req.params.kind);
    },
  );
}
