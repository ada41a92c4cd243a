import { defineMessages } from '../../web/i18n.js';

export const eventsMessages = defineMessages(
  {
    'events.choice.free': 'free',
    'events.choice.closed': 'no longer bookable',
    'events.choice.none': 'No dates are open for booking at the moment.',
    'events.choice.soldOut': 'sold out',
    'events.choice.seatsLeft': '{n} seats left',
    'events.choice.waitlist': 'Join the waiting list',
    'events.product.dates': 'Dates',
    'events.product.zone': 'Times in {zone}.',
    'events.product.online':
      'Online. The link to join appears on your ticket page 15 minutes before the start; it is never sent by email.',
    'events.product.venue': 'Venue:',
    'events.product.allSessions': 'One ticket admits you to every date listed.',
    'events.effort.note': 'Live session {when}',
    'events.receipt.ticket': 'Your ticket',
    'events.receipt.note': 'Sign in to your library with this email address to see the ticket.',
    'events.ticket.title': 'Ticket: {event}',
    'events.ticket.back': 'Your library',
    'events.ticket.notValid': 'This ticket is no longer valid (refunded or cancelled).',
    'events.ticket.holder': 'Ticket holder: {name}',
    'events.ticket.venue': 'Venue:',
    'events.ticket.sessions': 'Dates',
    'events.ticket.cancelled': 'cancelled',
    'events.ticket.checkedIn': 'checked in {at}',
    'events.ticket.recording': 'Watch the recording',
    'events.ticket.join': 'Join the session now',
    'events.ticket.over': 'This session is over.',
    'events.ticket.linkLater': 'The link to join appears here from {at} (15 minutes before the start).',
    'events.ticket.qr': 'Check-in code',
    'events.ticket.qrHint': 'Show this code at the entrance.',
    'events.ticket.qrAlt': 'QR code of your ticket for the check-in',
    'events.library.title': 'Your tickets',
    'events.waitlist.title': 'Waiting list',
    'events.waitlist.intro':
      'This date is sold out. Leave your email address: when a seat becomes free, we hold it for you and send you a link to book it.',
    'events.waitlist.email': 'Email',
    'events.waitlist.name': 'Name (optional)',
    'events.waitlist.submit': 'Join the waiting list',
    'events.waitlist.joined': 'You are on the waiting list. We will email you as soon as a seat is free.',
    'events.waitlist.already': 'You are already on the waiting list for this date.',
    'events.waitlist.emailInvalid': 'Please enter a valid email address.',
    'events.waitlist.email.subject': 'A seat is free for you: {event}',
    'events.waitlist.email.heading': 'A seat is free',
    'events.waitlist.email.body':
      'A seat for {event} ({when}) has become free. We are holding it for you until {until}.',
    'events.waitlist.email.action': 'Book your seat',
    'events.waitlist.email.note':
      'You get this email because you joined the waiting list. If you no longer want the seat, simply ignore it.',
  },
  {
    'events.choice.free': 'kostenlos',
    'events.choice.closed': 'nicht mehr buchbar',
    'events.choice.none': 'Zurzeit sind keine Termine buchbar.',
    'events.choice.soldOut': 'ausgebucht',
    'events.choice.seatsLeft': 'noch {n} Plätze frei',
    'events.choice.waitlist': 'Auf die Warteliste setzen',
    'events.product.dates': 'Termine',
    'events.product.zone': 'Zeiten in {zone}.',
    'events.product.online':
      'Online. Der Link zur Teilnahme erscheint 15 Minuten vor Beginn auf Ihrer Ticketseite; er wird nie per E-Mail verschickt.',
    'events.product.venue': 'Veranstaltungsort:',
    'events.product.allSessions': 'Ein Ticket gilt für alle genannten Termine.',
    'events.effort.note': 'Live-Termin {when}',
    'events.receipt.ticket': 'Ihr Ticket',
    'events.receipt.note': 'Melden Sie sich mit dieser E-Mail-Adresse in Ihrer Bibliothek an, um das Ticket zu sehen.',
    'events.ticket.title': 'Ticket: {event}',
    'events.ticket.back': 'Ihre Bibliothek',
    'events.ticket.notValid': 'Dieses Ticket ist nicht mehr gültig (erstattet oder storniert).',
    'events.ticket.holder': 'Ticketinhaber/in: {name}',
    'events.ticket.venue': 'Veranstaltungsort:',
    'events.ticket.sessions': 'Termine',
    'events.ticket.cancelled': 'abgesagt',
    'events.ticket.checkedIn': 'eingecheckt {at}',
    'events.ticket.recording': 'Aufzeichnung ansehen',
    'events.ticket.join': 'Jetzt teilnehmen',
    'events.ticket.over': 'Dieser Termin ist vorbei.',
    'events.ticket.linkLater': 'Der Link zur Teilnahme erscheint hier ab {at} (15 Minuten vor Beginn).',
    'events.ticket.qr': 'Check-in-Code',
    'events.ticket.qrHint': 'Zeigen Sie diesen Code am Eingang vor.',
    'events.ticket.qrAlt': 'QR-Code Ihres Tickets für den Check-in',
    'events.library.title': 'Ihre Tickets',
    'events.waitlist.title': 'Warteliste',
    'events.waitlist.intro':
      'Dieser Termin ist ausgebucht. Hinterlassen Sie Ihre E-Mail-Adresse: Sobald ein Platz frei wird, halten wir ihn für Sie frei und senden Ihnen einen Link zum Buchen.',
    'events.waitlist.email': 'E-Mail-Adresse',
    'events.waitlist.name': 'Name (optional)',
    'events.waitlist.submit': 'Auf die Warteliste setzen',
    'events.waitlist.joined': 'Sie stehen auf der Warteliste. Wir schreiben Ihnen, sobald ein Platz frei ist.',
    'events.waitlist.already': 'Sie stehen für diesen Termin bereits auf der Warteliste.',
    'events.waitlist.emailInvalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    'events.waitlist.email.subject': 'Ein Platz ist für Sie frei: {event}',
    'events.waitlist.email.heading': 'Ein Platz ist frei',
    'events.waitlist.email.body':
      'Für {event} ({when}) ist ein Platz frei geworden. Wir halten ihn bis {until} für Sie frei.',
    'events.waitlist.email.action': 'Platz buchen',
    'events.waitlist.email.note':
      'Sie erhalten diese E-Mail, weil Sie sich auf die Warteliste gesetzt haben. Wenn Sie den Platz nicht mehr möchten, ignorieren Sie sie einfach.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    events: typeof eventsMessages;
  }
}
