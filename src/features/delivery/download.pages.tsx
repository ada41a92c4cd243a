import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout } from '../../web/layout.js';
import type { MessageKey } from '../../web/messages.js';

/** Why a download was not served; each has its own friendly page. */
export type DownloadProblem =
  | { kind: 'bad-link' }
  | { kind: 'not-found' }
  | { kind: 'access-ended' }
  | { kind: 'expired'; action: string; expires: string; signature: string }
  | { kind: 'limit-reached'; orderNumber: string; limit: number; sellerEmail: string | undefined }
  | { kind: 'fresh-sent' };

const TEXTS: Record<DownloadProblem['kind'], { title: MessageKey; text: MessageKey; mark: string }> = {
  'bad-link': { title: 'delivery.invalid.title', text: 'delivery.invalid.text', mark: '!' },
  'not-found': { title: 'delivery.notFound.title', text: 'delivery.notFound.text', mark: '?' },
  'access-ended': { title: 'delivery.ended.title', text: 'delivery.ended.text', mark: '×' },
  expired: { title: 'delivery.expired.title', text: 'delivery.expired.text', mark: '!' },
  'limit-reached': { title: 'delivery.limit.title', text: 'delivery.limit.text', mark: '#' },
  'fresh-sent': { title: 'delivery.fresh.title', text: 'delivery.fresh.text', mark: '@' },
};

export function DownloadProblemPage({ ctx, problem }: { ctx: PageContext; problem: DownloadProblem }) {
  const texts = TEXTS[problem.kind];
  const params = problem.kind === 'limit-reached' ? { limit: problem.limit } : undefined;
  return (
    <CardLayout ctx={ctx} title={ctx.t(texts.title)}>
      <div class="logo-mark" aria-hidden="true">
        {texts.mark}
      </div>
      <h1>{ctx.t(texts.title)}</h1>
      <p class="muted">{ctx.t(texts.text, params)}</p>
      {problem.kind === 'expired' && (
        <Form ctx={ctx} action={problem.action}>
          <input type="hidden" name="e" value={problem.expires} />
          <input type="hidden" name="s" value={problem.signature} />
          <button type="submit" class="btn-block">
            {ctx.t('delivery.expired.submit')}
          </button>
        </Form>
      )}
      {problem.kind === 'limit-reached' && <LimitContact ctx={ctx} problem={problem} />}
      <p class="actions">
        <a href="/library">{ctx.t('delivery.library')}</a>
      </p>
    </CardLayout>
  );
}

function LimitContact({
  ctx,
  problem,
}: {
  ctx: PageContext;
  problem: Extract<DownloadProblem, { kind: 'limit-reached' }>;
}) {
  const subject = ctx.t('delivery.limit.subject', { number: problem.orderNumber });
  return (
    <>
      <p>{ctx.t('delivery.limit.contact', { number: problem.orderNumber })}</p>
      {problem.sellerEmail && (
        <p>
          <a class="btn" href={`mailto:${problem.sellerEmail}?subject=${encodeURIComponent(subject)}`}>
            {ctx.t('delivery.limit.action')}
          </a>
        </p>
      )}
    </>
  );
}

/** The bare address of EMAIL_FROM ("Shop <hi@shop.example>" → "hi@shop.example"), if it looks like one. */
export function sellerAddress(emailFrom: string): string | undefined {
  const address = (/<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom).trim();
  return /^[^\s<>"'@?&]+@[^\s<>"'@?&]+$/.test(address) ? address : undefined;
}
