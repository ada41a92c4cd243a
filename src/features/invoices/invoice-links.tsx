import type { Invoice } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { hasEInvoice, hasXRechnung } from './cii.js';
import { creditNoteKind } from './model.js';

export type InvoiceLinkRow = Pick<
  Invoice,
  'id' | 'number' | 'kind' | 'currency' | 'seller' | 'buyer' | 'gross_minor'
> & {
  original_gross_minor?: number | null;
};

/** A credit note for the whole invoice is its cancellation (Storno), one for a part its correction (§ 17 UStG). */
export function creditLabel(i: { gross_minor: number; original_gross_minor?: number | null | undefined }) {
  return creditNoteKind(i, i.original_gross_minor) === 'cancellation'
    ? ('invoices.kind.credit_note' as const)
    : ('invoices.kind.correction' as const);
}

/**
 * The buyer's invoices of one order, on the library's receipt page: the PDF
 * (with the e-invoice inside: Factur-X / ZUGFeRD), the bare EN 16931 XML for
 * software that takes only XML, and the XRechnung where the invoice has one.
 */
export function InvoiceLinks({ ctx, invoices }: { ctx: PageContext; invoices: InvoiceLinkRow[] }) {
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="h-invoices">
      <h2 id="h-invoices">{ctx.t('invoices.library.title')}</h2>
      <ul>
        {invoices.map((i) => (
          <li>
            {ctx.t(i.kind === 'credit_note' ? creditLabel(i) : 'invoices.kind.invoice')} {i.number}:{' '}
            {hasEInvoice(i) ? (
              <>
                <a href={`/library/invoices/${i.id}.pdf`}>{ctx.t('invoices.library.hybrid')}</a> ·{' '}
                <a href={`/library/invoices/${i.id}.xml`}>{ctx.t('invoices.library.xml')}</a>
                {hasXRechnung(i) && (
                  <>
                    {' '}
                    · <a href={`/library/invoices/${i.id}.xrechnung.xml`}>{ctx.t('invoices.library.xrechnung')}</a>
                  </>
                )}
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
