import { defineMessages } from '../../web/i18n.js';

/** The texts of the events feature's emails and calendar invitations. */
export const eventsMailMessages = defineMessages(
  {
    'events.mail.when': 'When:',
    'events.mail.where': 'Where: {venue}',
    'events.mail.online':
      'The event takes place online. The link to join appears on your ticket page 15 minutes before each session starts.',
    'events.mail.openTicket': 'Open your ticket',
    'events.mail.calendar.online':
      'Online event. The link to join appears on your ticket page 15 minutes before the start: {url}',
    'events.mail.calendar.onsite': 'Your ticket with the check-in code: {url}',
    'events.mail.ticket.subject': 'Your ticket: {event}',
    'events.mail.ticket.heading': 'Your ticket',
    'events.mail.ticket.body': 'Thank you! Your ticket for “{event}” is confirmed.',
    'events.mail.ticket.calendar': 'The attached invitation adds the dates to your calendar.',
    'events.mail.cancelled.subject': 'Your ticket for {event} has been cancelled',
    'events.mail.cancelled.heading': 'Your ticket has been cancelled',
    'events.mail.cancelled.body':
      'Your ticket for “{event}” is no longer valid: its order was refunded, withdrawn or disputed.',
    'events.mail.cancelled.calendar': 'The attached cancellation removes the dates from your calendar.',
    'events.mail.soldOut.subject': 'Sold out: your payment for {event} has been refunded',
    'events.mail.soldOut.heading': 'We are sorry: the event is sold out',
    'events.mail.soldOut.body':
      'Your payment for “{event}” (order {number}) arrived after the last seat had been taken, so there is no ticket for you.',
    'events.mail.soldOut.refund':
      'We have refunded the full amount. Depending on your bank, it may take a few days to appear on your account.',
    'events.mail.reminder.subject.24h': 'Tomorrow: {event}',
    'events.mail.reminder.subject.1h': 'In one hour: {event}',
    'events.mail.reminder.heading': 'See you soon',
    'events.mail.reminder.body.24h': 'A reminder: “{event}” starts tomorrow.',
    'events.mail.reminder.body.1h': 'A reminder: “{event}” starts in one hour.',
    'events.mail.moved.subject': 'New time: {event}',
    'events.mail.moved.heading': 'A session has moved',
    'events.mail.moved.body': 'A session of “{event}” has moved. Your ticket is valid for the new time:',
    'events.mail.moved.calendar': 'The attached update moves the entry in your calendar.',
    'events.mail.sessionCancelled.subject': 'Cancelled: {event} on {date}',
    'events.mail.sessionCancelled.heading': 'A session has been cancelled',
    'events.mail.sessionCancelled.body': 'We are sorry: this session of “{event}” has been cancelled:',
    'events.mail.sessionCancelled.calendar': 'The attached cancellation removes the entry from your calendar.',
    'events.mail.message.note': 'You receive this message because you have a ticket for “{event}”.',
  },
  {
    'events.mail.when': 'Wann:',
    'events.mail.where': 'Wo: {venue}',
    'events.mail.online':
      'Die Veranstaltung findet online statt. Den Link zur Teilnahme finden Sie 15 Minuten vor Beginn jedes Termins auf Ihrer Ticketseite.',
    'events.mail.openTicket': 'Ticket öffnen',
    'events.mail.calendar.online':
      'Online-Veranstaltung. Den Link zur Teilnahme finden Sie 15 Minuten vor Beginn auf Ihrer Ticketseite: {url}',
    'events.mail.calendar.onsite': 'Ihr Ticket mit dem Code für den Einlass: {url}',
    'events.mail.ticket.subject': 'Ihr Ticket: {event}',
    'events.mail.ticket.heading': 'Ihr Ticket',
    'events.mail.ticket.body': 'Vielen Dank! Ihr Ticket für „{event}“ ist bestätigt.',
    'events.mail.ticket.calendar': 'Mit der beigefügten Einladung übernehmen Sie die Termine in Ihren Kalender.',
    'events.mail.cancelled.subject': 'Ihr Ticket für {event} wurde storniert',
    'events.mail.cancelled.heading': 'Ihr Ticket wurde storniert',
    'events.mail.cancelled.body':
      'Ihr Ticket für „{event}“ ist nicht mehr gültig: Die Bestellung wurde erstattet, widerrufen oder beanstandet.',
    'events.mail.cancelled.calendar': 'Die beigefügte Absage entfernt die Termine aus Ihrem Kalender.',
    'events.mail.soldOut.subject': 'Ausverkauft: Ihre Zahlung für {event} wurde erstattet',
    'events.mail.soldOut.heading': 'Es tut uns leid: Die Veranstaltung ist ausverkauft',
    'events.mail.soldOut.body':
      'Ihre Zahlung für „{event}“ (Bestellung {number}) ging ein, nachdem der letzte Platz vergeben war. Ein Ticket können wir Ihnen daher nicht ausstellen.',
    'events.mail.soldOut.refund':
      'Wir haben Ihnen den vollen Betrag erstattet. Je nach Bank kann es einige Tage dauern, bis er auf Ihrem Konto erscheint.',
    'events.mail.reminder.subject.24h': 'Morgen: {event}',
    'events.mail.reminder.subject.1h': 'In einer Stunde: {event}',
    'events.mail.reminder.heading': 'Bis bald',
    'events.mail.reminder.body.24h': 'Zur Erinnerung: „{event}“ beginnt morgen.',
    'events.mail.reminder.body.1h': 'Zur Erinnerung: „{event}“ beginnt in einer Stunde.',
    'events.mail.moved.subject': 'Neuer Termin: {event}',
    'events.mail.moved.heading': 'Ein Termin wurde verlegt',
    'events.mail.moved.body': 'Ein Termin von „{event}“ wurde verlegt. Ihr Ticket gilt für die neue Zeit:',
    'events.mail.moved.calendar': 'Die beigefügte Aktualisierung verschiebt den Eintrag in Ihrem Kalender.',
    'events.mail.sessionCancelled.subject': 'Abgesagt: {event} am {date}',
    'events.mail.sessionCancelled.heading': 'Ein Termin wurde abgesagt',
    'events.mail.sessionCancelled.body': 'Es tut uns leid: Dieser Termin von „{event}“ wurde abgesagt:',
    'events.mail.sessionCancelled.calendar': 'Die beigefügte Absage entfernt den Eintrag aus Ihrem Kalender.',
    'events.mail.message.note': 'Sie erhalten diese Nachricht, weil Sie ein Ticket für „{event}“ haben.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    eventsMail: typeof eventsMailMessages;
  }
}
