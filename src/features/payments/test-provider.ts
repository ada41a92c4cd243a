import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import {
  type CheckoutSession,
  InvalidSignatureError,
  type PaymentProvider,
  type ProviderNotification,
  type ProviderPaymentState,
} from './provider.js';

export const TEST_SIGNATURE_HEADER = 'vielfach-test-signature';
const TOLERANCE_SECONDS = 300;

const notificationSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  data: z.object({ session: z.string().min(1).max(100) }),
});

export const TEST_FEE_FIXED_MINOR = 25;

/**
 * The test provider's simulated fee, so a demo store shows revenue after
 * fees: 1.5 % of the payment (rounded half up) plus 25 minor units, never more
 * than the payment. It is no real provider's price and is labelled a test fee
 * wherever it is shown.
 */
export function testFeeMinor(amountMinor: number): number {
  if (amountMinor <= 0) return 0;
  return Math.min(amountMinor, Math.floor((amountMinor * 15 + 500) / 1000) + TEST_FEE_FIXED_MINOR);
}

/** The webhook secret of the test provider, derived from the app secret. */
export function testWebhookSecret(appSecret: string): string {
  return createHmac('sha256', appSecret).update('test-provider-webhook').digest('hex');
}

/** Signs like Stripe does: `t=<unix>,v1=<hmac(t.body)>`. */
export function signTestNotification(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

function verify(secret: string, body: Buffer, header: string | undefined, now: number): void {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(t)) throw new InvalidSignatureError('missing signature');
  if (Math.abs(now - t) > TOLERANCE_SECONDS) throw new InvalidSignatureError('signature timestamp outside tolerance');
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex'));
  const given = Buffer.from(parts.v1);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new InvalidSignatureError('bad signature');
}

/**
 * The built-in provider for TEST MODE: its "server side" is the
 * test_payment_sessions table and its payment page lives under /pay/test/.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly id = 'test';
  readonly testMode = true;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly secret: string,
  ) {}

  async createCheckout({
    order,
    returnUrl,
  }: Parameters<PaymentProvider['createCheckout']>[0]): Promise<CheckoutSession> {
    const id = `test_cs_${randomUUID().replaceAll('-', '')}`;
    const now = isoNow();
    await this.db
      .insertInto('test_payment_sessions')
      .values({
        id,
        order_id: order.id,
        amount_minor: order.total_minor,
        currency: order.currency,
        status: 'open',
        return_url: returnUrl,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { providerRef: id, redirectUrl: `/pay/test/${id}` };
  }

  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification {
    const header = headers[TEST_SIGNATURE_HEADER];
    verify(this.secret, rawBody, Array.isArray(header) ? header[0] : header, Math.floor(Date.now() / 1000));
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InvalidSignatureError('body is not JSON');
    }
    const n = notificationSchema.parse(json);
    return { eventId: n.id, type: n.type, providerRef: n.data.session };
  }

  async fetchState(providerRef: string): Promise<ProviderPaymentState> {
    const s = await this.db
      .selectFrom('test_payment_sessions')
      .selectAll()
      .where('id', '=', providerRef)
      .executeTakeFirst();
    if (!s) throw new Error(`unknown test session ${providerRef}`);
    if (s.status === 'paid') {
      const fee = testFeeMinor(s.amount_minor);
      return {
        status: 'paid',
        amountMinor: s.amount_minor,
        currency: s.currency,
        orderId: s.order_id,
        refundedMinor: s.refunded_minor,
        // The card country the tester picked (none: unknown), and the simulated test fee.
        details: {
          cardCountry: s.card_country ?? undefined,
          fee: { amountMinor: fee, currency: s.currency, netMinor: s.amount_minor - fee },
        },
      };
    }
    if (s.status === 'declined') return { status: 'failed', orderId: s.order_id, reason: 'declined' };
    return { status: 'pending', orderId: s.order_id };
  }

  /**
   * Subscription mode: charges a renewal without the buyer present, like a
   * stored card. `decline` is the test "card" that fails. Idempotent by key
   * (the session id comes from it), so a retried job charges once.
   */
  async chargeOffSession(input: {
    idempotencyKey: string;
    orderId: string;
    amountMinor: number;
    currency: string;
    decline: boolean;
  }): Promise<{ ref: string; status: 'paid' | 'declined' }> {
    const id = `test_cs_${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 32)}`;
    const now = isoNow();
    await this.db
      .insertInto('test_payment_sessions')
      .values({
        id,
        order_id: input.orderId,
        amount_minor: input.amountMinor,
        currency: input.currency,
        status: input.decline ? 'declined' : 'paid',
        return_url: '/',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const s = await this.db
      .selectFrom('test_payment_sessions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ref: id, status: s.status === 'paid' ? 'paid' : 'declined' };
  }

  async refund(
    order: { provider_ref: string | null },
    amountMinor: number,
    idempotencyKey: string,
  ): Promise<{ refundId: string }> {
    if (!order.provider_ref) throw new Error('order has no test session');
    const refundId = `test_re_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
    const ref = order.provider_ref;
    // Idempotent like a real provider: one refund per key (UNIQUE id), a repeated call answers the first.
    await this.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('test_payment_sessions').selectAll().where('id', '=', ref).executeTakeFirst();
      if (s?.status !== 'paid') throw new Error('test session is not paid');
      const r = await trx
        .insertInto('test_payment_refunds')
        .values({ id: refundId, session_id: s.id, amount_minor: amountMinor, created_at: isoNow() })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
      const done = await trx
        .updateTable('test_payment_sessions')
        .set({ refunded_minor: sql`refunded_minor + ${amountMinor}`, updated_at: isoNow() })
        .where('id', '=', s.id)
        .where('refunded_minor', '<=', s.amount_minor - amountMinor)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Error('refund exceeds what is left of the payment');
    });
    return { refundId };
  }
}
