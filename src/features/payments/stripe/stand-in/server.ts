import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StandInBilling } from './billing.js';
import { type Obj, StandInError, StandInState } from './state.js';

/**
 * Test-only: a local stand-in for api.stripe.com on 127.0.0.1 that answers
 * exactly the calls Vielfach makes, with realistic objects, so the real
 * `stripe` SDK can be driven end to end without the internet. It checks the
 * secret key, honours idempotency keys like Stripe (same key and parameters:
 * the first answer again; other parameters: an error), records every request,
 * and can be made to fail (500) or be stopped and started on the same port.
 */
export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
};

type Answer = { status: number; body: unknown };

/** `a[b][0][c]=v` form and query encoding (what the SDK sends) into nested objects and arrays. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of text.split('&').filter(Boolean)) {
    const [rawKey = '', rawValue = ''] = pair.split('=');
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    const path = key.replace(/\]/g, '').split('[');
    let node = root;
    path.forEach((part, i) => {
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (i === path.length - 1) {
        node[name] = value;
        return;
      }
      node[name] ??= {};
      node = node[name] as Record<string, unknown>;
    });
  }
  return arraysFrom(root) as Record<string, unknown>;
}

function arraysFrom(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, arraysFrom(x)] as const);
  const numeric = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  return numeric ? entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, x]) => x) : Object.fromEntries(entries);
}

const list = (url: string, data: Obj[]) => ({ object: 'list', url, has_more: false, data });
const expandOf = (q: Record<string, unknown>) => (Array.isArray(q.expand) ? (q.expand as string[]) : []);

export class StripeStandIn {
  readonly state = new StandInState();
  readonly billing = new StandInBilling(this.state);
  readonly requests: RecordedRequest[] = [];
  /** Answer this many next calls with 500 (`Infinity`: until reset). */
  failNext = 0;
  private server: Server | undefined;
  private port = 0;
  private readonly idempotent = new Map<string, { fingerprint: string; answer: Answer }>();

  constructor(readonly secretKey = 'sk_test_standin0123456789') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Connections are refused until `start()` again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const header = (n: string) => (req.headers[n] as string | undefined) ?? undefined;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: parseStripeForm(url.search.slice(1)),
      body: parseStripeForm(Buffer.concat(chunks).toString('utf8')),
      idempotencyKey: header('idempotency-key'),
      stripeVersion: header('stripe-version'),
    };
    this.requests.push(recorded);
    const send = ({ status, body }: Answer, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${this.requests.length}`,
        ...extra,
      });
      res.end(JSON.stringify(body));
    };
    if (this.failNext > 0) {
      this.failNext--;
      // Stripe's header: the SDK does not retry on its own, so the caller's retry is what is tested.
      return send(error(500, 'api_error', 'Something went wrong on Stripe’s end.'), { 'stripe-should-retry': 'false' });
    }
    if (header('authorization') !== `Bearer ${this.secretKey}`)
      return send(error(401, 'invalid_request_error', 'Invalid API Key provided'));
    const key = recorded.method === 'POST' ? recorded.idempotencyKey : undefined;
    const fingerprint = `${recorded.path} ${JSON.stringify(recorded.body)}`;
    const earlier = key ? this.idempotent.get(key) : undefined;
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        return send(
          error(
            400,
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          ),
        );
      return send(earlier.answer, { 'idempotent-replayed': 'true' });
    }
    const answer = this.route(recorded);
    if (key && answer.status < 500) this.idempotent.set(key, { fingerprint, answer });
    send(answer);
  }

  private route(r: RecordedRequest): Answer {
    const s = this.state;
    try {
      const ok = (body: unknown): Answer => ({ status: 200, body });
      if (r.method === 'POST' && r.path === '/v1/checkout/sessions') return ok(s.createSession(r.body));
      const session = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(r.path)?.[1];
      if (r.method === 'GET' && session) {
        const found = s.sessions.get(session);
        return found
          ? ok(s.expand(found, expandOf(r.query)))
          : error(404, 'invalid_request_error', `No such checkout.session: '${session}'`);
      }
      if (r.method === 'GET' && r.path === '/v1/checkout/sessions') {
        const matches = [...s.sessions.values()].filter(
          (x) => !r.query.payment_intent || x.payment_intent === r.query.payment_intent,
        );
        return ok(s.expand(list(r.path, matches) as unknown as Obj, expandOf(r.query)));
      }
      const subscription = /^\/v1\/subscriptions\/([\w]+)$/.exec(r.path)?.[1];
      if (subscription && r.method === 'GET') return ok(this.billing.subscription(subscription));
      if (subscription && r.method === 'POST') return ok(this.billing.update(subscription, r.body));
      if (subscription && r.method === 'DELETE') return ok(this.billing.end(subscription));
      const invoice = /^\/v1\/invoices\/([\w]+)$/.exec(r.path)?.[1];
      if (invoice && r.method === 'GET') return ok(this.billing.invoice(invoice));
      if (r.method === 'GET' && r.path === '/v1/invoice_payments')
        return ok(list(r.path, this.billing.listInvoicePayments(r.query)));
      const intent = /^\/v1\/payment_intents\/([\w]+)$/.exec(r.path)?.[1];
      if (intent && r.method === 'GET') {
        const found = s.intents.get(intent);
        return found
          ? ok(s.expand(found, expandOf(r.query)))
          : error(404, 'invalid_request_error', `No such payment_intent: '${intent}'`);
      }
      if (r.method === 'GET' && r.path === '/v1/invoices') {
        const sub = typeof r.query.subscription === 'string' ? r.query.subscription : undefined;
        return ok(list(r.path, this.billing.listInvoices(sub)));
      }
      if (r.method === 'POST' && r.path === '/v1/refunds') {
        const amount = r.body.amount === undefined ? undefined : Number(r.body.amount);
        return ok(s.refund(String(r.body.payment_intent), amount, r.body.metadata));
      }
      if (r.method === 'GET' && r.path === '/v1/disputes') {
        return ok(
          list(
            r.path,
            [...s.disputes.values()].filter((d) => !r.query.charge || d.charge === r.query.charge),
          ),
        );
      }
      if (r.method === 'GET' && r.path === '/v1/account')
        return ok({
          id: 'acct_standin',
          object: 'account',
          business_profile: { name: 'Stand-in Studio' },
          country: 'DE',
          default_currency: 'eur',
          charges_enabled: true,
          payouts_enabled: true,
          details_submitted: true,
          email: 'owner@example.com',
          type: 'standard',
        });
      if (r.method === 'GET' && r.path === '/v1/balance')
        return ok({
          object: 'balance',
          livemode: false,
          available: [{ amount: 12345, currency: 'eur', source_types: { card: 12345 } }],
          pending: [{ amount: 500, currency: 'eur', source_types: { card: 500 } }],
        });
      return error(404, 'invalid_request_error', `Unrecognized request URL (${r.method}: ${r.path})`);
    } catch (err) {
      if (err instanceof StandInError) return error(err.status, err.type, err.message);
      throw err;
    }
  }
}

function error(status: number, type: string, message: string): Answer {
  return { status, body: { error: { type, message } } };
}
