import type { Db } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { type Impressum, readImpressum, writeImpressum } from '../legal/impressum.js';
import { loadTaxSettings, saveTaxSettings, taxSettingsSchema } from '../tax/tax-settings.js';

/**
 * Sample legal notice and tax settings for the demo store, so invoices,
 * the Impressum page and VAT at checkout work from the first minute. Every
 * name says it is an example to replace (the admin sees it in each form and
 * on every page and invoice that prints it); the addresses and numbers are
 * made up (Musterstraße, example.com, a tax number of nobody). Written only
 * where nothing is set yet.
 */
const SAMPLES: Record<Locale, { impressum: Impressum; business: string; contact: string }> = {
  en: {
    impressum: {
      name: 'Alex Example – Example Studio (SAMPLE DATA: replace with your own)',
      address: 'Musterstraße 1\n10115 Berlin\nGermany (sample address)',
      email: 'hello@example.com',
      phone: '+49 30 1234567 (sample number)',
      contactForm: '',
      vatId: '',
      register: '',
      responsible: 'Alex Example (sample: replace with the person responsible for content)',
    },
    business: 'Example Studio (SAMPLE: replace with your business name)',
    contact: 'Alex Example (sample)',
  },
  de: {
    impressum: {
      name: 'Alex Beispiel – Beispiel-Studio (BEISPIELDATEN: durch Ihre eigenen ersetzen)',
      address: 'Musterstraße 1\n10115 Berlin\nDeutschland (Beispieladresse)',
      email: 'hallo@example.com',
      phone: '+49 30 1234567 (Beispielnummer)',
      contactForm: '',
      vatId: '',
      register: '',
      responsible: 'Alex Beispiel (Beispiel: durch die inhaltlich verantwortliche Person ersetzen)',
    },
    business: 'Beispiel-Studio (BEISPIEL: durch Ihren Firmennamen ersetzen)',
    contact: 'Alex Beispiel (Beispiel)',
  },
};

export async function addDemoSamples(db: Db, locale: Locale): Promise<{ impressum: boolean; tax: boolean }> {
  const s = SAMPLES[locale];
  const impressum = Object.values(await readImpressum(db)).every((v) => v === '');
  if (impressum) await writeImpressum(db, s.impressum);
  const tax = (await loadTaxSettings(db)) === undefined;
  if (tax) {
    // Regular VAT with the OSS option: each EU buyer pays their own country's rate, so the demo shows several.
    await saveTaxSettings(
      db,
      taxSettingsSchema.parse({
        mode: 'regular',
        country: 'DE',
        businessName: s.business,
        street: 'Musterstraße 1',
        postcode: '10115',
        city: 'Berlin',
        taxNumber: '00/000/00000',
        vatId: '',
        invoicePrefix: 'DEMO-',
        ossOptIn: true,
        viesUrl: '',
        datevConsultant: '',
        datevClient: '',
        contactName: s.contact,
        contactPhone: '+49 30 1234567',
        contactEmail: s.impressum.email,
      }),
    );
  }
  return { impressum, tax };
}
