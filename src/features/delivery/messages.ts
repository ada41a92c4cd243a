import { defineMessages } from '../../web/i18n.js';

export const deliveryMessages = defineMessages(
  {
    'delivery.title': 'Delivery',
    'delivery.library': 'Open your library',
    'delivery.invalid.title': 'This download link is not valid',
    'delivery.invalid.text':
      'The link may have been shortened or changed on the way. Please open it exactly as it appears in your email, or get fresh links from your library.',
    'delivery.expired.title': 'This download link has expired',
    'delivery.expired.text':
      'Download links only work for a limited time. We can email fresh links to the address you used for your order.',
    'delivery.expired.submit': 'Email me a fresh link',
    'delivery.fresh.title': 'Please check your inbox',
    'delivery.fresh.text':
      'If this purchase is still active, we have emailed fresh download links to the address used for the order. It may take a minute to arrive; please also look in your spam folder.',
    'delivery.ended.title': 'Access to this download has ended',
    'delivery.ended.text':
      'This purchase is no longer active, for example because it was refunded. If you think this is a mistake, please contact the seller.',
    'delivery.limit.title': 'Download limit reached',
    'delivery.limit.text':
      'This purchase may be downloaded {limit} times, and that number has been reached. A fresh link does not reset the limit.',
    'delivery.limit.contact': 'If you need another download, please contact the seller and mention order {number}.',
    'delivery.limit.action': 'Contact the seller',
    'delivery.limit.subject': 'Another download for order {number}',
    'delivery.notFound.title': 'File not found',
    'delivery.notFound.text': 'This file is not part of the purchase, or the seller has removed it.',
    'delivery.email.fresh.subject': 'Your download links for {title}',
    'delivery.email.fresh.heading': 'Here are your fresh download links',
    'delivery.email.fresh.body': 'You asked for new links to "{title}". They work for {hours} hours.',
    'delivery.email.fresh.note':
      'You receive this email because fresh download links were requested on our website. If that was not you, you can ignore it.',
  },
  {
    'delivery.title': 'Auslieferung',
    'delivery.library': 'Zu Ihrer Bibliothek',
    'delivery.invalid.title': 'Dieser Download-Link ist ungültig',
    'delivery.invalid.text':
      'Der Link wurde unterwegs vielleicht gekürzt oder verändert. Bitte öffnen Sie ihn genau so, wie er in Ihrer E-Mail steht, oder holen Sie sich neue Links in Ihrer Bibliothek.',
    'delivery.expired.title': 'Dieser Download-Link ist abgelaufen',
    'delivery.expired.text':
      'Download-Links gelten nur für eine begrenzte Zeit. Wir können Ihnen neue Links an die E-Mail-Adresse Ihrer Bestellung schicken.',
    'delivery.expired.submit': 'Neuen Link per E-Mail senden',
    'delivery.fresh.title': 'Bitte sehen Sie in Ihr Postfach',
    'delivery.fresh.text':
      'Wenn dieser Kauf noch aktiv ist, haben wir neue Download-Links an die E-Mail-Adresse der Bestellung geschickt. Das kann einen Moment dauern; bitte sehen Sie auch im Spam-Ordner nach.',
    'delivery.ended.title': 'Der Zugang zu diesem Download ist beendet',
    'delivery.ended.text':
      'Dieser Kauf ist nicht mehr aktiv, zum Beispiel weil er erstattet wurde. Wenn Sie das für einen Irrtum halten, wenden Sie sich bitte an den Verkäufer.',
    'delivery.limit.title': 'Download-Limit erreicht',
    'delivery.limit.text':
      'Dieser Kauf darf {limit}-mal heruntergeladen werden, und diese Zahl ist erreicht. Ein neuer Link setzt das Limit nicht zurück.',
    'delivery.limit.contact':
      'Wenn Sie einen weiteren Download brauchen, wenden Sie sich bitte an den Verkäufer und nennen Sie die Bestellnummer {number}.',
    'delivery.limit.action': 'Verkäufer kontaktieren',
    'delivery.limit.subject': 'Weiterer Download für Bestellung {number}',
    'delivery.notFound.title': 'Datei nicht gefunden',
    'delivery.notFound.text': 'Diese Datei gehört nicht zu dem Kauf, oder der Verkäufer hat sie entfernt.',
    'delivery.email.fresh.subject': 'Ihre Download-Links für {title}',
    'delivery.email.fresh.heading': 'Hier sind Ihre neuen Download-Links',
    'delivery.email.fresh.body': 'Sie haben neue Links für „{title}“ angefordert. Sie gelten {hours} Stunden lang.',
    'delivery.email.fresh.note':
      'Sie erhalten diese E-Mail, weil auf unserer Website neue Download-Links angefordert wurden. Wenn Sie das nicht waren, können Sie diese Nachricht ignorieren.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    delivery: typeof deliveryMessages;
  }
}
