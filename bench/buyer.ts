// One buyer of the launch-spike bench, as a browser goes: the product page, the checkout form,
// the test provider's page, "Pay", the order page. Each request is timed. When the balancer
// answers 502 because the instance died under the request, the buyer presses again after a
// moment (what a person does) and that is counted apart from the app's own answers.

import { setTimeout as sleep } from 'node:timers/promises';
import { BALANCER_FAILED } from './balancer.js';
import { BROWSER_HEADERS } from './lib.js';

export type Buyer = {
  paid: boolean;
  latencies: number[];
  /** Requests sent again after the balancer's 502. */
  retries: number;
  /** Answers ≥ 500 that came from an app instance. */
  appErrors: number;
  error?: string;
};

type Answer = { status: number; location: string; body: string };
const TRIES = 4;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function buyOnce(base: string, productPath: string, n: number): Promise<Buyer> {
  const b: Buyer = { paid: false, latencies: [], retries: 0, appErrors: 0 };
  const cookies = new Map<string, string>();
  // A buyer of its own address, so limits per client count per buyer (the app trusts the proxy).
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

  const send = async (method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Answer> => {
    for (let attempt = 1; ; attempt++) {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
        headers: {
          ...BROWSER_HEADERS,
          'x-forwarded-for': ip,
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form) } : {}),
      });
      const body = await res.text();
      b.latencies.push(performance.now() - t);
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const i = pair.indexOf('=');
        if (i > 0) cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
      if (res.headers.has(BALANCER_FAILED) && attempt < TRIES) {
        b.retries++;
        await sleep(300);
        continue;
      }
      if (res.status >= 500 && !res.headers.has(BALANCER_FAILED)) b.appErrors++;
      // Redirects may be absolute (PUBLIC_URL is the balancer's); the buyer follows them there.
      const location = res.headers.get('location') ?? '';
      return { status: res.status, location: location.startsWith(base) ? location.slice(base.length) : location, body };
    }
  };
  const expect = (a: Answer, status: number, what: string) => {
    if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${a.body.slice(0, 200)}`);
  };

  try {
    const page = await send('GET', productPath);
    expect(page, 200, 'product page');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const productId = /name="productId" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const checkout = await send('POST', '/checkout', {
      _csrf: csrf,
      productId,
      digitalConsent: '1',
      email: `spike-${n}@example.com`,
    });
    expect(checkout, 303, 'checkout');
    const payPage = await send('GET', checkout.location);
    expect(payPage, 200, 'test payment page');
    const payCsrf = /name="_csrf" value="([^"]+)"/.exec(payPage.body)?.[1] ?? csrf;
    const pay = await send('POST', checkout.location, { _csrf: payCsrf, outcome: 'pay' });
    expect(pay, 303, 'pay');
    const order = await send('GET', pay.location);
    expect(order, 200, 'order page');
    b.paid = true;
  } catch (err) {
    b.error = `buyer ${n}: ${(err as Error).message}`;
  }
  return b;
}
