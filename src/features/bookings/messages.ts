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
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    bookings: typeof bookingsMessages;
  }
}
