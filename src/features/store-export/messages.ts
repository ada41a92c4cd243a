import { defineMessages } from '../../web/i18n.js';

/** The export page's texts. */
export const storeExportMessages = defineMessages(
  {
    'storeExport.nav': 'Export',
    'storeExport.title': 'Export everything',
    'storeExport.intro':
      'One ZIP file with a CSV file per table (products, orders, customers, invoices, licence keys, members, subscriptions, posts, courses, events, bookings, podcasts, discount codes, time records) and the same data in one JSON file. Amounts are in minor units (cents) with their currency; times are in UTC.',
    'storeExport.secrets': 'Passwords, tokens, keys and other secrets are never part of the export.',
    'storeExport.download': 'Download everything',
  },
  {
    'storeExport.nav': 'Export',
    'storeExport.title': 'Alles exportieren',
    'storeExport.intro':
      'Eine ZIP-Datei mit einer CSV-Datei je Tabelle (Produkte, Bestellungen, Kundschaft, Rechnungen, Lizenzschlüssel, Mitglieder, Abos, Beiträge, Kurse, Veranstaltungen, Buchungen, Podcasts, Rabattcodes, Zeiterfassung) und denselben Daten in einer JSON-Datei. Beträge stehen in der kleinsten Einheit (Cent) mit ihrer Währung; Zeiten in UTC.',
    'storeExport.secrets': 'Passwörter, Tokens, Schlüssel und andere Geheimnisse sind nie Teil des Exports.',
    'storeExport.download': 'Alles herunterladen',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    storeExport: typeof storeExportMessages;
  }
}
