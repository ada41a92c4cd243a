import { defineMessages } from '../../web/i18n.js';

/** Export and erasure of personal data (GDPR), in English and German. */
export const privacyMessages = defineMessages(
  {
    'privacy.nav': 'Privacy requests',
    'privacy.library.title': 'Your data',
    'privacy.library.export': 'Download my data (JSON)',
    'privacy.library.exportHint': 'Everything we store about this email address: orders, downloads, emails, consents.',
    'privacy.library.erase': 'Ask for erasure of my data',
    'privacy.library.eraseHint':
      'We delete your name, sign-ins and the contents of emails sent to you. Orders and invoices must be kept for the legal retention period (up to 10 years); they are locked and deleted afterwards.',
    'privacy.library.eraseConfirm': 'Yes, erase my data',
    'privacy.library.eraseSent': 'Your request has been received ({date}). The store will carry it out promptly.',
    'privacy.admin.title': 'Privacy requests',
    'privacy.admin.intro':
      'Export and erasure requests and how they were handled. Erasure removes names, sign-ins and email contents; orders and invoices stay locked for their retention period and are deleted by a daily job afterwards.',
    'privacy.admin.none': 'No requests yet.',
    'privacy.admin.kind.export': 'Export',
    'privacy.admin.kind.erasure': 'Erasure',
    'privacy.admin.status.requested': 'Requested',
    'privacy.admin.status.completed': 'Completed',
    'privacy.admin.requested': 'Received',
    'privacy.admin.kind': 'Kind',
    'privacy.admin.status': 'Status',
    'privacy.admin.execute': 'Erase now',
    'privacy.admin.eraseEmail': 'Erase the data of an email address',
    'privacy.admin.eraseButton': 'Erase',
    'privacy.admin.email': 'Email address',
    'privacy.admin.done':
      'The data of {email} was erased; {orders} orders stay locked until their retention period ends.',
  },
  {
    'privacy.nav': 'Datenschutz-Anfragen',
    'privacy.library.title': 'Ihre Daten',
    'privacy.library.export': 'Meine Daten herunterladen (JSON)',
    'privacy.library.exportHint':
      'Alles, was wir zu dieser E-Mail-Adresse speichern: Bestellungen, Downloads, E-Mails, Zustimmungen.',
    'privacy.library.erase': 'Löschung meiner Daten verlangen',
    'privacy.library.eraseHint':
      'Wir löschen Ihren Namen, Ihre Anmeldungen und die Inhalte der E-Mails an Sie. Bestellungen und Rechnungen müssen wir für die gesetzliche Aufbewahrungsfrist (bis zu 10 Jahre) behalten; sie werden gesperrt und danach gelöscht.',
    'privacy.library.eraseConfirm': 'Ja, meine Daten löschen',
    'privacy.library.eraseSent': 'Ihre Anfrage ist eingegangen ({date}). Der Shop setzt sie umgehend um.',
    'privacy.admin.title': 'Datenschutz-Anfragen',
    'privacy.admin.intro':
      'Auskunfts- und Löschanfragen und wie sie bearbeitet wurden. Die Löschung entfernt Namen, Anmeldungen und E-Mail-Inhalte; Bestellungen und Rechnungen bleiben bis zum Ende der Aufbewahrungsfrist gesperrt und werden danach von einem täglichen Auftrag gelöscht.',
    'privacy.admin.none': 'Noch keine Anfragen.',
    'privacy.admin.kind.export': 'Auskunft',
    'privacy.admin.kind.erasure': 'Löschung',
    'privacy.admin.status.requested': 'Eingegangen',
    'privacy.admin.status.completed': 'Erledigt',
    'privacy.admin.requested': 'Eingegangen am',
    'privacy.admin.kind': 'Art',
    'privacy.admin.status': 'Stand',
    'privacy.admin.execute': 'Jetzt löschen',
    'privacy.admin.eraseEmail': 'Daten einer E-Mail-Adresse löschen',
    'privacy.admin.eraseButton': 'Löschen',
    'privacy.admin.email': 'E-Mail-Adresse',
    'privacy.admin.done':
      'Die Daten von {email} wurden gelöscht; {orders} Bestellungen bleiben bis zum Ende der Aufbewahrungsfrist gesperrt.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    privacy: typeof privacyMessages;
  }
}
