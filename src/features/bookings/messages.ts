import { defineMessages } from '../../web/i18n.js';

export const bookingsMessages = defineMessages(
  {
    'bookings.choice.next': 'Choose a time on the next page: you see the free times in your own time zone.',
    'bookings.choice.zone': 'Times shown in',
    'bookings.choice.zoneShow': 'Show times',
    'bookings.choice.legend': 'Free times',
    'bookings.choice.none': 'No free time in these days. Please look at the next week.',
    'bookings.choice.earlier': '← Earlier',
    'bookings.choice.later': 'Later →',
    'bookings.choice.optional': '(optional)',
    'bookings.receipt.booking': 'Your booking: reschedule or cancel',
    'bookings.receipt.note': 'This link is personal; it also shows the meeting link shortly before the start.',
    'bookings.work.note': '1:1 session: {type}',
    'bookings.product.title': 'How it works',
    'bookings.product.duration': '{minutes} minutes, one to one.',
    'bookings.product.where.online': 'Online: the link to join shows on your booking page 15 minutes before the start.',
    'bookings.product.where.phone': 'By phone: we call you at the number you give.',
    'bookings.product.where.onsite': 'In person: the address is in your confirmation.',
    'bookings.product.policy': 'Free to cancel or move until {hours} hours before the start, with a full refund.',
    'bookings.product.policyAny': 'Free to cancel or move until the start, with a full refund.',
  },
  {
    'bookings.choice.next':
      'Wählen Sie auf der nächsten Seite eine Zeit: Sie sehen die freien Zeiten in Ihrer eigenen Zeitzone.',
    'bookings.choice.zone': 'Zeiten angezeigt in',
    'bookings.choice.zoneShow': 'Zeiten anzeigen',
    'bookings.choice.legend': 'Freie Zeiten',
    'bookings.choice.none': 'In diesen Tagen ist keine Zeit frei. Bitte sehen Sie in der nächsten Woche nach.',
    'bookings.choice.earlier': '← Früher',
    'bookings.choice.later': 'Später →',
    'bookings.choice.optional': '(freiwillig)',
    'bookings.receipt.booking': 'Ihre Buchung: verschieben oder absagen',
    'bookings.receipt.note': 'Dieser Link ist persönlich; er zeigt kurz vor Beginn auch den Link zum Gespräch.',
    'bookings.work.note': '1:1-Termin: {type}',
    'bookings.product.title': 'So läuft es ab',
    'bookings.product.duration': '{minutes} Minuten, persönlich zu zweit.',
    'bookings.product.where.online':
      'Online: Der Link zur Teilnahme erscheint 15 Minuten vor Beginn auf Ihrer Buchungsseite.',
    'bookings.product.where.phone': 'Telefonisch: Wir rufen Sie unter der angegebenen Nummer an.',
    'bookings.product.where.onsite': 'Vor Ort: Die Adresse steht in Ihrer Bestätigung.',
    'bookings.product.policy':
      'Bis {hours} Stunden vor Beginn kostenlos absagen oder verschieben, mit voller Erstattung.',
    'bookings.product.policyAny': 'Bis zum Beginn kostenlos absagen oder verschieben, mit voller Erstattung.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    bookings: typeof bookingsMessages;
  }
}
