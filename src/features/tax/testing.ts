import type { TaxSettings } from './tax-settings.js';

/** The seller in tests: a regular German business with a VAT ID; a test overrides what it is about. */
export function testTaxSettings(overrides: Partial<TaxSettings> = {}): TaxSettings {
  return {
    mode: 'regular',
    country: 'DE',
    businessName: 'Lena Schreiber',
    street: 'Hauptstraße 5',
    postcode: '10115',
    city: 'Berlin',
    taxNumber: '27/123/45678',
    vatId: 'DE136695976',
    invoicePrefix: 'RE-',
    ossOptIn: false,
    viesUrl: 'http://127.0.0.1:1/',
    datevConsultant: '',
    datevClient: '',
    ...overrides,
  };
}
