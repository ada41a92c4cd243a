import type { PageContext } from '../../web/context.js';

/** The buyer's invoices of one order, on the library's receipt page. */
export function InvoiceLinks({
  ctx,
  invoices,
}: {
  ctx: PageContext;
  invoices: { id: string; number: string; kind: string }[];
}) {
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="h-invoices">
      <h2 id="h-invoices">{ctx.t('invoices.library.title')}</h2>
      <ul>
        {invoices.map((i) => (
          <li>
            <a href={`/library/invoices/${i.id}.pdf`}>
              {ctx.t(i.kind === 'credit_note' ? 'invoices.kind.credit_note' : 'invoices.kind.invoice')} {i.number} (PDF)
            </a>{' '}
            · <a href={`/library/invoices/${i.id}.xml`}>{ctx.t('invoices.library.xml')}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
