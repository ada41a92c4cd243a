import { defineMessages } from '../../web/i18n.js';

export const taxMessages = defineMessages(
  {
    'tax.nav': 'Tax',
    'tax.title': 'Tax & invoice details',
    'tax.intro': 'These details appear on every invoice. Invoices are issued automatically once they are saved.',
    'tax.mode': 'VAT status',
    'tax.mode.small_business': 'Small business (§ 19 UStG): no VAT charged',
    'tax.mode.regular': 'Regular: VAT charged',
    'tax.country': 'Country of your business',
    'tax.businessName': 'Business name (as on invoices)',
    'tax.street': 'Street and number',
    'tax.postcode': 'Postcode',
    'tax.city': 'City',
    'tax.taxNumber': 'Tax number',
    'tax.vatId': 'VAT ID',
    'tax.taxId.hint': 'At least one of tax number and VAT ID.',
    'tax.invoicePrefix': 'Invoice number prefix',
    'tax.ossOptIn': 'Charge the buyer’s country’s VAT from the first sale (opt in to destination taxation)',
    'tax.viesUrl': 'VIES address (VAT ID checks)',
    'tax.viesUrl.hint': 'Leave empty to use the EU’s VIES service.',
    'tax.error.url': 'Enter a web address starting with https:// (or leave the field empty).',
    'tax.error.datev': 'Digits only (consultant number up to 7, client number up to 5).',
    'tax.error.prefix': 'Up to 12 letters, digits, - _ or /.',
    'tax.datevConsultant': 'DATEV consultant number',
    'tax.datevClient': 'DATEV client number',
    'tax.save': 'Save',
    'tax.saved': 'Saved.',
    'tax.invalid': 'Please check the marked fields.',
    'tax.error.vatId': 'This is not a valid VAT ID.',
    'tax.error.taxId': 'Enter a tax number or a VAT ID.',
    'tax.error.required': 'Required.',
    'tax.error.email': 'This is not a valid email address.',
    'tax.error.phone': 'Enter a phone number with at least 5 digits (digits, +, spaces, ( ) / . - only).',
    'tax.contact': 'Contact for e-invoices (XRechnung)',
    'tax.contact.why':
      'XRechnung, the e-invoice German public authorities and many businesses require, must name a contact of the seller with name, phone number and email address. Every invoice keeps the contact as it was when the invoice was issued. Buyers get an XRechnung when they gave a billing address at checkout.',
    'tax.contactName': 'Contact person or department',
    'tax.contactEmail': 'Email address for invoices',
    'tax.contactEmail.hint': 'Also the seller’s electronic address in every e-invoice.',
    'tax.contactPhone': 'Phone number (optional)',
    'tax.contactPhone.hint':
      'Without it, invoices get no XRechnung: only the PDF with the ZUGFeRD e-invoice inside and the EN 16931 XML.',
    'tax.warn.noXRechnung':
      'Invoices are issued without XRechnung: XRechnung needs a contact with name, phone number and email address. Invoices issued while one is missing stay without it.',
    'tax.counters': 'Turnover counters (EUR, without VAT)',
    'tax.counters.thisYear': 'This year',
    'tax.counters.lastYear': 'Last year',
    'tax.counters.crossBorder': 'Sales to consumers in other EU countries (limit 10,000 EUR)',
    'tax.counters.total': 'All sales',
    'tax.limitation':
      'The counters add up the invoices issued. Each sale counts in the country the buyer chose at checkout; a sale to a buyer with a VAT ID is not a sale to a consumer.',
    'tax.warn.prior_year_exceeded':
      'Last year’s turnover was above 25,000 EUR: the small-business scheme does not apply this year.',
    'tax.warn.current_year_exceeded':
      'This year’s turnover passed 100,000 EUR: VAT is charged from the sale that crossed it.',
    'tax.warn.approaching_current_limit':
      'This year’s turnover is close to 100,000 EUR: past it, VAT is charged from that sale on.',
    'tax.warn.approaching_next_year_limit':
      'This year’s turnover is close to 25,000 EUR: above it, you cannot be a small business next year.',
    'tax.warn.next_year_limit_exceeded':
      'This year’s turnover is above 25,000 EUR: from next year on, VAT must be charged.',
    'tax.warn.oss':
      'Your sales to other EU countries passed 10,000 EUR: their VAT is charged and reported through the OSS.',
  },
  {
    'tax.nav': 'Steuern',
    'tax.title': 'Steuer- und Rechnungsangaben',
    'tax.intro':
      'Diese Angaben stehen auf jeder Rechnung. Sobald sie gespeichert sind, werden Rechnungen automatisch erstellt.',
    'tax.mode': 'Umsatzsteuer',
    'tax.mode.small_business': 'Kleinunternehmer (§ 19 UStG): keine Umsatzsteuer',
    'tax.mode.regular': 'Regelbesteuerung: mit Umsatzsteuer',
    'tax.country': 'Land Ihres Unternehmens',
    'tax.businessName': 'Name des Unternehmens (wie auf Rechnungen)',
    'tax.street': 'Straße und Hausnummer',
    'tax.postcode': 'PLZ',
    'tax.city': 'Ort',
    'tax.taxNumber': 'Steuernummer',
    'tax.vatId': 'USt-IdNr.',
    'tax.taxId.hint': 'Mindestens Steuernummer oder USt-IdNr.',
    'tax.invoicePrefix': 'Präfix der Rechnungsnummer',
    'tax.ossOptIn': 'Von Anfang an die Umsatzsteuer des Käuferlandes berechnen (Verzicht auf die Lieferschwelle)',
    'tax.viesUrl': 'VIES-Adresse (Prüfung von USt-IdNrn.)',
    'tax.viesUrl.hint': 'Leer lassen, um den VIES-Dienst der EU zu nutzen.',
    'tax.error.url': 'Geben Sie eine Webadresse ein, die mit https:// beginnt (oder lassen Sie das Feld leer).',
    'tax.error.datev': 'Nur Ziffern (Beraternummer bis 7, Mandantennummer bis 5 Stellen).',
    'tax.error.prefix': 'Bis zu 12 Buchstaben, Ziffern, - _ oder /.',
    'tax.datevConsultant': 'DATEV-Beraternummer',
    'tax.datevClient': 'DATEV-Mandantennummer',
    'tax.save': 'Speichern',
    'tax.saved': 'Gespeichert.',
    'tax.invalid': 'Bitte prüfen Sie die markierten Felder.',
    'tax.error.vatId': 'Das ist keine gültige USt-IdNr.',
    'tax.error.taxId': 'Geben Sie eine Steuernummer oder eine USt-IdNr. an.',
    'tax.error.required': 'Pflichtfeld.',
    'tax.error.email': 'Das ist keine gültige E-Mail-Adresse.',
    'tax.error.phone':
      'Geben Sie eine Telefonnummer mit mindestens 5 Ziffern an (nur Ziffern, +, Leerzeichen, ( ) / . -).',
    'tax.contact': 'Kontakt für E-Rechnungen (XRechnung)',
    'tax.contact.why':
      'Die XRechnung, die deutsche Behörden und viele Unternehmen verlangen, muss einen Kontakt des Verkäufers mit Name, Telefonnummer und E-Mail-Adresse nennen. Jede Rechnung behält den Kontakt, der bei ihrer Ausstellung galt. Käufer bekommen eine XRechnung, wenn sie an der Kasse eine Rechnungsanschrift angegeben haben.',
    'tax.contactName': 'Ansprechperson oder Abteilung',
    'tax.contactEmail': 'E-Mail-Adresse für Rechnungen',
    'tax.contactEmail.hint': 'Zugleich die elektronische Adresse des Verkäufers in jeder E-Rechnung.',
    'tax.contactPhone': 'Telefonnummer (freiwillig)',
    'tax.contactPhone.hint':
      'Ohne sie bekommen Rechnungen keine XRechnung, nur das PDF mit der ZUGFeRD-E-Rechnung darin und das EN-16931-XML.',
    'tax.warn.noXRechnung':
      'Rechnungen werden ohne XRechnung ausgestellt: die XRechnung braucht einen Kontakt mit Name, Telefonnummer und E-Mail-Adresse. Rechnungen, die ausgestellt werden, solange etwas davon fehlt, bleiben ohne.',
    'tax.counters': 'Umsatzzähler (EUR, ohne Umsatzsteuer)',
    'tax.counters.thisYear': 'Dieses Jahr',
    'tax.counters.lastYear': 'Vorjahr',
    'tax.counters.crossBorder': 'Verkäufe an Privatkunden in anderen EU-Ländern (Schwelle 10.000 EUR)',
    'tax.counters.total': 'Alle Umsätze',
    'tax.limitation':
      'Die Zähler addieren die ausgestellten Rechnungen. Jeder Verkauf zählt in dem Land, das die Kundschaft an der Kasse angegeben hat; ein Verkauf an Käufer mit USt-IdNr. ist kein Verkauf an Privatkunden.',
    'tax.warn.prior_year_exceeded':
      'Der Vorjahresumsatz lag über 25.000 EUR: die Kleinunternehmerregelung gilt dieses Jahr nicht.',
    'tax.warn.current_year_exceeded':
      'Der Umsatz dieses Jahres hat 100.000 EUR überschritten: ab dem Verkauf, der die Grenze überschritt, wird Umsatzsteuer berechnet.',
    'tax.warn.approaching_current_limit':
      'Der Umsatz dieses Jahres nähert sich 100.000 EUR: darüber wird ab diesem Verkauf Umsatzsteuer berechnet.',
    'tax.warn.approaching_next_year_limit':
      'Der Umsatz dieses Jahres nähert sich 25.000 EUR: darüber sind Sie im nächsten Jahr kein Kleinunternehmer mehr.',
    'tax.warn.next_year_limit_exceeded':
      'Der Umsatz dieses Jahres liegt über 25.000 EUR: ab dem nächsten Jahr muss Umsatzsteuer berechnet werden.',
    'tax.warn.oss':
      'Ihre Verkäufe in andere EU-Länder haben 10.000 EUR überschritten: dort gilt deren Umsatzsteuer, gemeldet über das OSS.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    tax: typeof taxMessages;
  }
}
