import { defineMessages } from '../../web/i18n.js';

export const paymentsMessages = defineMessages(
  {
    'payments.testMode': 'TEST MODE — no real money is moved',
    'payments.test.title': 'Test payment',
    'payments.test.intro': 'This is the built-in test payment provider. Choose what the payment should do:',
    'payments.test.amount': 'Amount',
    'payments.test.order': 'Order',
    'payments.test.pay': 'Pay (succeeds)',
    'payments.test.decline': 'Decline the payment',
    'payments.test.delay': 'Pay with delayed confirmation ({seconds} s)',
    'payments.test.done': 'This test payment has already been completed.',
    'payments.test.unknown': 'Unknown test payment.',
    'payments.test.back': 'Back to the order',
  },
  {
    'payments.testMode': 'TESTMODUS — es fließt kein echtes Geld',
    'payments.test.title': 'Testzahlung',
    'payments.test.intro': 'Das ist der eingebaute Test-Zahlungsanbieter. Wählen Sie, was die Zahlung tun soll:',
    'payments.test.amount': 'Betrag',
    'payments.test.order': 'Bestellung',
    'payments.test.pay': 'Bezahlen (erfolgreich)',
    'payments.test.decline': 'Zahlung ablehnen',
    'payments.test.delay': 'Bezahlen mit verzögerter Bestätigung ({seconds} s)',
    'payments.test.done': 'Diese Testzahlung wurde bereits abgeschlossen.',
    'payments.test.unknown': 'Unbekannte Testzahlung.',
    'payments.test.back': 'Zurück zur Bestellung',
  },
);
