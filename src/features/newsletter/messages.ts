import { defineMessages } from '../../web/i18n.js';

export const newsletterMessages = defineMessages(
  {
    'newsletter.nav': 'Newsletter',
    'newsletter.consent.text':
      'Yes, I would like to receive the newsletter of {store} by email. I can unsubscribe at any time with the link in every email.',
    'newsletter.join.title': 'Subscribe to the newsletter',
    'newsletter.join.intro':
      'Free: new posts by email, and the members’ posts on the website. We will send you an email to confirm your address.',
    'newsletter.join.email': 'Email address',
    'newsletter.join.name': 'Name (optional)',
    'newsletter.join.submit': 'Subscribe',
    'newsletter.join.consentRequired': 'Please tick the box to agree to receiving the newsletter.',
    'newsletter.join.signIn': 'Already a member? Sign in',
    'newsletter.join.sentTitle': 'Please check your inbox',
    'newsletter.join.sentText':
      'Almost done: if this address is not subscribed yet, we have emailed you a link to confirm it (it works once, for 48 hours); if it is, a link that signs you in. Please also look in your spam folder.',
    'newsletter.confirm.title': 'Confirm your subscription',
    'newsletter.confirm.text': 'One click and your address is confirmed: you will receive new posts by email.',
    'newsletter.confirm.button': 'Confirm my subscription',
    'newsletter.confirm.invalidTitle': 'This confirmation link no longer works',
    'newsletter.confirm.invalidText':
      'Confirmation links work once and for 48 hours. Sign up again and we will send you a new one.',
    'newsletter.confirm.again': 'Sign up again',
    'newsletter.confirmed.title': 'You are subscribed',
    'newsletter.confirmed.text': 'Thank you! Your address is confirmed and you are signed in on this device.',
    'newsletter.confirmed.posts': 'Read the posts',
    'newsletter.unsubscribe.title': 'Unsubscribe from the newsletter',
    'newsletter.unsubscribe.text': 'No more newsletters to {email}? Click the button; no sign-in needed.',
    'newsletter.unsubscribe.button': 'Unsubscribe',
    'newsletter.unsubscribed.title': 'You are unsubscribed',
    'newsletter.unsubscribed.text': '{email} will receive no more newsletters. Your consent is marked as withdrawn.',
    'newsletter.unsubscribed.state': '{email} does not receive the newsletter.',
    'newsletter.resubscribe.button': 'Subscribe again',
    'newsletter.resubscribed.text': 'Welcome back: {email} receives the newsletter again.',
    'newsletter.email.confirm.subject': 'Please confirm your subscription to {store}',
    'newsletter.email.confirm.heading': 'Confirm your subscription',
    'newsletter.email.confirm.body':
      'Thank you for signing up to the newsletter of {store}. Please confirm your email address with the button; the link works once, for {hours} hours.',
    'newsletter.email.confirm.action': 'Confirm my subscription',
    'newsletter.email.confirm.note':
      'Someone entered this address on our sign-up form. If that was not you, ignore this email: without confirmation you will receive nothing.',
    'newsletter.email.greeting': 'Hello {name},',
    'newsletter.email.greetingAnon': 'Hello,',
    'newsletter.email.readOnline': 'Read it on the website',
    'newsletter.email.why': 'You receive this email because you subscribed to the newsletter of {store}.',
    'newsletter.email.unsubscribe': 'Unsubscribe',
    'newsletter.portal.freeBadge': 'Free',
    'newsletter.portal.freeText':
      'As a member you read the posts for members and, while subscribed, get new posts by email.',
    'newsletter.portal.posts': 'Read the posts',
    'newsletter.portal.upgrade': 'See paid memberships',
  },
  {
    'newsletter.nav': 'Newsletter',
    'newsletter.consent.text':
      'Ja, ich möchte den Newsletter von {store} per E-Mail erhalten. Ich kann ihn jederzeit über den Link in jeder E-Mail abbestellen.',
    'newsletter.join.title': 'Newsletter abonnieren',
    'newsletter.join.intro':
      'Kostenlos: neue Beiträge per E-Mail und die Mitgliederbeiträge auf der Website. Wir schicken Ihnen eine E-Mail, um Ihre Adresse zu bestätigen.',
    'newsletter.join.email': 'E-Mail-Adresse',
    'newsletter.join.name': 'Name (freiwillig)',
    'newsletter.join.submit': 'Abonnieren',
    'newsletter.join.consentRequired': 'Bitte setzen Sie das Häkchen, um dem Newsletter-Empfang zuzustimmen.',
    'newsletter.join.signIn': 'Schon Mitglied? Anmelden',
    'newsletter.join.sentTitle': 'Bitte sehen Sie in Ihr Postfach',
    'newsletter.join.sentText':
      'Fast geschafft: Falls diese Adresse noch nicht angemeldet ist, haben wir Ihnen einen Bestätigungslink geschickt (er funktioniert einmal, 48 Stunden lang); falls doch, einen Link, der Sie anmeldet. Bitte sehen Sie auch im Spam-Ordner nach.',
    'newsletter.confirm.title': 'Anmeldung bestätigen',
    'newsletter.confirm.text': 'Ein Klick, und Ihre Adresse ist bestätigt: Sie erhalten neue Beiträge per E-Mail.',
    'newsletter.confirm.button': 'Anmeldung bestätigen',
    'newsletter.confirm.invalidTitle': 'Dieser Bestätigungslink funktioniert nicht mehr',
    'newsletter.confirm.invalidText':
      'Bestätigungslinks funktionieren einmal und 48 Stunden lang. Melden Sie sich erneut an, dann schicken wir Ihnen einen neuen.',
    'newsletter.confirm.again': 'Erneut anmelden',
    'newsletter.confirmed.title': 'Sie sind angemeldet',
    'newsletter.confirmed.text': 'Vielen Dank! Ihre Adresse ist bestätigt und Sie sind auf diesem Gerät angemeldet.',
    'newsletter.confirmed.posts': 'Beiträge lesen',
    'newsletter.unsubscribe.title': 'Newsletter abbestellen',
    'newsletter.unsubscribe.text':
      'Keine Newsletter mehr an {email}? Klicken Sie auf die Schaltfläche; eine Anmeldung ist nicht nötig.',
    'newsletter.unsubscribe.button': 'Abbestellen',
    'newsletter.unsubscribed.title': 'Sie sind abgemeldet',
    'newsletter.unsubscribed.text':
      '{email} erhält keine Newsletter mehr. Ihre Einwilligung ist als widerrufen vermerkt.',
    'newsletter.unsubscribed.state': '{email} erhält den Newsletter nicht.',
    'newsletter.resubscribe.button': 'Wieder abonnieren',
    'newsletter.resubscribed.text': 'Willkommen zurück: {email} erhält den Newsletter wieder.',
    'newsletter.email.confirm.subject': 'Bitte bestätigen Sie Ihre Anmeldung bei {store}',
    'newsletter.email.confirm.heading': 'Anmeldung bestätigen',
    'newsletter.email.confirm.body':
      'Danke für Ihre Anmeldung zum Newsletter von {store}. Bitte bestätigen Sie Ihre E-Mail-Adresse mit der Schaltfläche; der Link funktioniert einmal, {hours} Stunden lang.',
    'newsletter.email.confirm.action': 'Anmeldung bestätigen',
    'newsletter.email.confirm.note':
      'Jemand hat diese Adresse in unser Anmeldeformular eingetragen. Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung erhalten Sie nichts.',
    'newsletter.email.greeting': 'Hallo {name},',
    'newsletter.email.greetingAnon': 'Hallo,',
    'newsletter.email.readOnline': 'Auf der Website lesen',
    'newsletter.email.why': 'Sie erhalten diese E-Mail, weil Sie den Newsletter von {store} abonniert haben.',
    'newsletter.email.unsubscribe': 'Abbestellen',
    'newsletter.portal.freeBadge': 'Kostenlos',
    'newsletter.portal.freeText':
      'Als Mitglied lesen Sie die Beiträge für Mitglieder und erhalten, solange Sie abonniert haben, neue Beiträge per E-Mail.',
    'newsletter.portal.posts': 'Zu den Beiträgen',
    'newsletter.portal.upgrade': 'Bezahlte Mitgliedschaften ansehen',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    newsletter: typeof newsletterMessages;
  }
}
