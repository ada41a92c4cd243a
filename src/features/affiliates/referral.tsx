import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { localDay } from '../analytics/time-zone.js';
import { isBot } from '../analytics/visitor.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { findReferrer, REF_COOKIE, readRemembered } from './attribution.js';

/** A referral arriving with the visit: `?ref=CODE`, and `asked=1` once the visitor answered the prompt. */
export type VisitReferral = {
  code: string;
  affiliateId: string;
  cookieDays: number;
  /** Ask whether to remember it: not yet answered and not already remembered. */
  prompt: boolean;
  /** Varies the cached page (only valid codes, so the cache stays bounded). */
  cacheKey: string;
  /** A new arrival (not the page again after answering): counted as a click. */
  arrival: boolean;
};

export async function referralOfVisit(db: Db, req: FastifyRequest): Promise<VisitReferral | undefined> {
  const query = req.query as Record<string, unknown>;
  const referrer = await findReferrer(db, typeof query.ref === 'string' ? query.ref : undefined);
  if (!referrer) return undefined;
  const answered = query.asked === '1';
  const prompt = !answered && readRemembered(req.cookies[REF_COOKIE])?.code !== referrer.code;
  return {
    code: referrer.code,
    affiliateId: referrer.id,
    cookieDays: referrer.cookie_days,
    prompt,
    cacheKey: `\nref\n${referrer.code}\n${prompt ? 1 : 0}`,
    arrival: !answered,
  };
}

/**
 * Counts a click per affiliate, product and store-local day: a number, nothing
 * about the visitor. Rough bot filter by user agent (the analytics one).
 * Never fails the page.
 */
export async function countReferralClick(services: Services, req: FastifyRequest, r: VisitReferral, productId: string) {
  if (!r.arrival || isBot(req.headers['user-agent'])) return;
  try {
    const { db } = services.database;
    const day = localDay(new Date(), (await getStoreSettings(db)).timeZone);
    await db
      .insertInto('affiliate_clicks')
      .values({ affiliate_id: r.affiliateId, product_id: productId, day, clicks: 1 })
      .onConflict((oc) =>
        oc.columns(['affiliate_id', 'product_id', 'day']).doUpdateSet({ clicks: sql`affiliate_clicks.clicks + 1` }),
      )
      .execute();
  } catch (err) {
    req.log.warn({ err }, 'referral click not counted');
  }
}

/**
 * The honest question, asked only of visitors who came by a referral: this
 * visit's purchase is credited without any cookie; a cookie for later visits
 * is set only on "Yes". A plain form, no script.
 */
export function ReferralPrompt({ ctx, referral, slug }: { ctx: PageContext; referral: VisitReferral; slug: string }) {
  const t = ctx.t;
  return (
    <aside class="panel referral-prompt" aria-labelledby="h-referral">
      <h2 id="h-referral">{t('affiliates.prompt.title', { days: referral.cookieDays })}</h2>
      <p>{t('affiliates.prompt.body', { days: referral.cookieDays })}</p>
      <Form ctx={ctx} action="/r/remember" class="inline-form">
        <input type="hidden" name="ref" value={referral.code} />
        <input type="hidden" name="slug" value={slug} />
        <button type="submit" name="answer" value="yes">
          {t('affiliates.prompt.yes')}
        </button>{' '}
        <button type="submit" name="answer" value="no" class="secondary">
          {t('affiliates.prompt.no')}
        </button>
      </Form>
    </aside>
  );
}
