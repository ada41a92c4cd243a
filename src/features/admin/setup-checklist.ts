import type { Services } from '../../services.js';
import type { MessageKey } from '../../web/messages.js';
import { missingImpressumFields, readImpressum } from '../legal/impressum.js';
import { paymentMode } from '../payments/providers.js';
import { loadTaxSettings } from '../tax/tax-settings.js';

export type ChecklistItem = { label: MessageKey; hint: MessageKey; href: string; done: boolean };

/**
 * What a new store still needs before it may sell for real in Germany/the EU:
 * shown on the dashboard until every item is done.
 */
export async function loadSetupChecklist(services: Services, publishedProducts: number): Promise<ChecklistItem[]> {
  const { db } = services.database;
  const [impressum, tax, payments] = await Promise.all([readImpressum(db), loadTaxSettings(db), paymentMode(services)]);
  return [
    {
      label: 'admin.checklist.product',
      hint: 'admin.checklist.product.hint',
      href: '/admin/products/new',
      done: publishedProducts > 0,
    },
    {
      label: 'admin.checklist.impressum',
      hint: 'admin.checklist.impressum.hint',
      href: '/admin/legal',
      done: missingImpressumFields(impressum).length === 0,
    },
    { label: 'admin.checklist.tax', hint: 'admin.checklist.tax.hint', href: '/admin/tax', done: tax !== undefined },
    {
      label: 'admin.checklist.payments',
      hint: 'admin.checklist.payments.hint',
      href: '/admin/payments',
      done: payments.provider === 'stripe' && payments.live && !payments.broken,
    },
    {
      label: 'admin.checklist.email',
      hint: 'admin.checklist.email.hint',
      href: '/admin/emails',
      done: services.mailer.kind === 'smtp',
    },
  ];
}
