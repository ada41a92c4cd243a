import type { PageContext } from '../../web/context.js';
import { hasEInvoice } from './cii.js';

/**
 * The buyer's invoices of one order, on the library's receipt page: the PDF
 * (with the e-invoice inside: Factur-X / ZUGFeRD) and the bare XML for
 * software that takes only XML.
 */
export function InvoiceLinks({
  ctx,
  invoices,
}: {
  ctx: PageContext;
  invoices: { id: string; number: string; kind: string; currency: string }[];
}) {
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="h-invoices">
      <h2 id="h-invoices">{ctx.t('invoices.library.title')}</h2>
      <ul>
        {invoices.map((i) => (
          <li>
            {ctx.t(i.kind === 'credit_note' ? 'invoices.kind.credit_note' : 'invoices.kind.invoice')} {i.number}:{' '}
            {hasEInvoice(i) ? (
              <>
                <a href={`/library/invoices/${i.id}.pdf`}>{ctx.t('invoices.library.hybrid')}</a> ·{' '}
                <a href={`/library/invoices/${i.id}.xml`}>{ctx.t('invoices.library.xml')}</a>
              </>
            ) : (
              <a href={`/library/invoices/${i.id}.pdf`}>{ctx.t('invoices.library.pdf')}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
