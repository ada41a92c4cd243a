import { defineMessages } from '../../web/i18n.js';

export const checkoutMessages = defineMessages(
  {
    'checkout.title': 'Checkout',
    'checkout.summary': 'Your order',
    'checkout.subtotal': 'Price',
    'checkout.discount': 'Discount',
    'checkout.total': 'Total',
    'checkout.discountWithCode': 'Discount ({code})',
    'checkout.price.button': 'Apply code',
    'checkout.price.applied': 'Your code is applied: you pay {total}.',
    'checkout.price.check': 'Your code is applied: you pay {total}. Please check the total and place the order again.',
    'checkout.email': 'Email address',
    'checkout.email.hint': 'Your receipt and download links are sent here.',
    'checkout.email.hintCourse': 'Your receipt is sent here; with this address you open the course in your library.',
    'checkout.email.hintEvent':
      'Your receipt and ticket are sent here; with this address you see the ticket in your library.',
    'checkout.email.hintBooking':
      'Your receipt and the calendar invitation are sent here, with a link to reschedule or cancel.',
    'checkout.email.hintPodcast':
      'Your receipt is sent here; with this address you find your private feed in your library.',
    'checkout.name': 'Name (optional)',
    'checkout.amount': 'Your price ({currency})',
    'checkout.amount.hint': 'Pay what you want, at least {min}.',
    'checkout.discountCode': 'Discount code (optional)',
    'checkout.submit': 'Buy now — payment required',
    'checkout.submitFree': 'Get it for free',
    'checkout.secure': 'The price is calculated on our server; you pay on the next page.',
    'checkout.error.consent-missing':
      'Please tick the box for the digital content: without your consent to immediate delivery we cannot complete the order.',
    'checkout.error.service-consent-missing':
      'Please tick the box on the start of the service: without your request to begin before the withdrawal period ends we cannot complete the order.',
    'checkout.error.product-unavailable': 'This product is not available.',
    'checkout.error.choice-missing': 'Please choose a date and ticket.',
    'checkout.error.choice-unavailable': 'This date or ticket can no longer be booked. Please choose another one.',
    'checkout.error.sold-out':
      'Sorry, the last seats for this date have just gone. Please choose another date or join the waiting list.',
    'checkout.error.slot-taken':
      'Sorry, this time was booked by someone else a moment ago. Please choose another time.',
    'checkout.error.answers-missing': 'Please answer the questions marked as required.',
    'checkout.choice.legend': 'Date and ticket',
    'checkout.choice.continue': 'Continue to checkout',
    'checkout.choice.change': 'Change date or ticket',
    'checkout.error.email-invalid': 'Please enter a valid email address.',
    'checkout.error.amount-invalid': 'Please enter an amount like 12 or 12.50.',
    'checkout.error.amount-below-minimum': 'The amount is below the minimum of {min}.',
    'checkout.error.amount-too-large': 'That amount is too large.',
    'checkout.error.discount-unknown': 'This discount code does not exist.',
    'checkout.error.discount-inactive': 'This discount code is no longer active.',
    'checkout.error.discount-expired': 'This discount code has expired.',
    'checkout.error.discount-used-up': 'This discount code has been used up.',
    'checkout.error.discount-wrong-product': 'This discount code is not valid for this product.',
    'checkout.error.discount-wrong-currency': 'This discount code is for another currency.',
    'checkout.error.provider-unavailable':
      'The payment service is not reachable right now. Please try again in a few minutes.',
    'checkout.country': 'Country',
    'checkout.country.choose': 'Choose your country',
    'checkout.country.hint': 'Where you live or your business is based: it decides the VAT.',
    'checkout.business': 'Buying for a business? (optional)',
    'checkout.vatId': 'VAT ID',
    'checkout.vatId.hint':
      'With a valid VAT ID from another EU country no VAT is charged (reverse charge). We check it with the EU (VIES).',
    'checkout.address.legend': 'Billing address for the invoice (optional; needed with a VAT ID above 250 EUR)',
    'checkout.address.name': 'Name or company',
    'checkout.address.street': 'Street and number',
    'checkout.address.postcode': 'Postcode',
    'checkout.address.city': 'City',
    'checkout.vat.included': 'incl. {tax} VAT ({rate}, {country})',
    'checkout.vat.rateOnly': 'incl. {rate} VAT ({country})',
    'checkout.vat.none': 'No VAT is charged for {country}.',
    'checkout.vat.smallBusiness': 'No VAT is charged (§ 19 UStG).',
    'checkout.vat.reverseCharge': 'With a valid VAT ID from another EU country: no VAT (reverse charge).',
    'checkout.error.country-unknown': 'Please choose a country from the list.',
    'checkout.error.country-conflict':
      'Your connection appears to be from {ipCountry}, but you chose {country} as billing country. Please confirm your country.',
    'checkout.country.confirm': 'I confirm my billing country: {country}',
    'checkout.country.confirmHint': 'Or choose another country above.',
    'checkout.error.tax-unavailable':
      'The VAT for this country cannot be determined right now. Please contact us; nothing was charged.',
    'checkout.error.vat-id-malformed':
      'This is not a valid VAT ID (like DE123456789). Leave it empty to buy as a consumer.',
    'checkout.error.vat-id-invalid':
      'The EU VAT register (VIES) does not know this VAT ID. Please check it, or leave it empty to buy with VAT.',
    'checkout.error.vat-id-country': 'The VAT ID belongs to another country than the one chosen.',
    'checkout.error.vat-id-unconfigured': 'This store cannot check VAT IDs yet. Leave the field empty to buy with VAT.',
    'checkout.error.address-required':
      'For a business invoice over 250 EUR, please give name, street, postcode and city.',
    'checkout.order.vat.unverified':
      'Your VAT ID {vatId} could not be checked (the EU VAT register was not reachable), so VAT was charged. Ask us for a corrected invoice once it can be confirmed.',
    'checkout.order.vat.reverseCharge': 'No VAT was charged: reverse charge, VAT ID {vatId}.',
    'checkout.order.vat.included': 'Included VAT: {tax}',
    'checkout.order.title': 'Order {number}',
    'checkout.order.pending.heading': 'Confirming your payment',
    'checkout.order.pending.text':
      'Paid already? The confirmation usually arrives within seconds, and this page refreshes by itself. You are not charged twice.',
    'checkout.order.pending.pay': 'Not paid yet? Back to the payment page',
    'checkout.order.pending.startOver': 'Cancelled the payment? Start again',
    'checkout.order.disputed.heading': 'This payment is disputed',
    'checkout.order.disputed.text':
      'The payment was disputed with your bank, so access to the files is paused until the dispute is resolved.',
    'checkout.order.paid.heading': 'Thank you for your purchase!',
    'checkout.order.paid.text': 'Your downloads are ready. We also emailed the receipt with the links to {email}.',
    'checkout.order.paid.preparing': 'Your downloads are being prepared. This page refreshes by itself.',
    'checkout.order.paid.textNoFiles': 'We emailed the receipt to {email}.',
    'checkout.order.given': 'What you bought',
    'checkout.order.failed.heading': 'The payment did not go through',
    'checkout.order.failed.text': 'Nothing was charged. You can try again.',
    'checkout.order.expired.heading': 'This order has expired',
    'checkout.order.expired.text': 'It was not paid in time. You can start a new order at any time.',
    'checkout.order.refunded.heading': 'This order was refunded',
    'checkout.order.refunded.text': 'The payment was returned and access to the files has ended.',
    'checkout.order.tryAgain': 'Try again',
    'checkout.order.summary.caption': 'Order {number} of {date}',
    'checkout.order.summary.discount': 'Discount',
    'checkout.order.summary.discountCode': 'Discount (code {code})',
    'checkout.order.summary.total': 'Total',
    'checkout.order.membership.heading': 'Your {tier} membership is active',
    'checkout.order.membership.renewsOn':
      'It renews automatically on {date}. You can cancel at any time, to the end of the period, in your library.',
    'checkout.order.membership.endsOn': 'It is canceled and ends on {date}.',
    'checkout.order.membership.renewsEachPeriod':
      'It renews automatically at the end of each period. You can cancel at any time, to the end of the period, in your library.',
    'checkout.order.membership.receipt': 'We emailed the receipt to {email}.',
    'checkout.order.membership.includes': 'What your membership includes',
    'checkout.order.membership.whereToRead':
      'Members’ posts are on this site: sign in with the email address you paid with (we email you a link) and every post of your membership opens. New posts also come by email.',
    'checkout.order.membership.posts': 'Read the posts',
    'checkout.order.membership.manage': 'Manage your membership',
    'checkout.order.downloads': 'Your downloads',
    'checkout.order.library': 'All your purchases are also in your library.',
    'checkout.order.notFound': 'Order not found.',
    'checkout.email.receipt.subject': 'Your order {number}: {title}',
    'checkout.email.receipt.heading': 'Thank you for your purchase',
    'checkout.email.receipt.intro': 'Here is your receipt for order {number}. Your files are ready to download:',
    'checkout.email.receipt.introReady': 'Here is your receipt for order {number}. Your purchase is ready:',
    'checkout.email.receipt.library': 'Your library lists everything you bought, at any time.',
    'checkout.email.receipt.total': 'Total paid: {total}',
    'checkout.email.receipt.links':
      'Download links work for {hours} hours. You can always get fresh links from your library.',
    'checkout.email.receipt.action': 'Open your library',
  },
  {
    'checkout.title': 'Kasse',
    'checkout.summary': 'Ihre Bestellung',
    'checkout.subtotal': 'Preis',
    'checkout.discount': 'Rabatt',
    'checkout.total': 'Gesamt',
    'checkout.discountWithCode': 'Rabatt ({code})',
    'checkout.price.button': 'Code einlösen',
    'checkout.price.applied': 'Ihr Code ist berücksichtigt: Sie zahlen {total}.',
    'checkout.price.check':
      'Ihr Code ist berücksichtigt: Sie zahlen {total}. Bitte prüfen Sie den Gesamtpreis und bestellen Sie dann erneut.',
    'checkout.email': 'E-Mail-Adresse',
    'checkout.email.hint': 'Hierhin senden wir Beleg und Download-Links.',
    'checkout.email.hintCourse':
      'Hierhin senden wir den Beleg; mit dieser Adresse öffnen Sie den Kurs in Ihrer Bibliothek.',
    'checkout.email.hintEvent':
      'Hierhin senden wir Beleg und Ticket; mit dieser Adresse sehen Sie das Ticket in Ihrer Bibliothek.',
    'checkout.email.hintBooking':
      'Hierhin senden wir den Beleg und die Kalendereinladung, mit einem Link zum Verschieben oder Absagen.',
    'checkout.email.hintPodcast':
      'Hierhin senden wir den Beleg; mit dieser Adresse finden Sie Ihren privaten Feed in Ihrer Bibliothek.',
    'checkout.name': 'Name (freiwillig)',
    'checkout.amount': 'Ihr Preis ({currency})',
    'checkout.amount.hint': 'Zahlen Sie, was Sie möchten, mindestens {min}.',
    'checkout.discountCode': 'Rabattcode (freiwillig)',
    'checkout.submit': 'Zahlungspflichtig bestellen',
    'checkout.submitFree': 'Kostenlos erhalten',
    'checkout.secure': 'Der Preis wird auf unserem Server berechnet; bezahlt wird auf der nächsten Seite.',
    'checkout.error.consent-missing':
      'Bitte setzen Sie das Häkchen bei den digitalen Inhalten: Ohne Ihre Zustimmung zur sofortigen Bereitstellung können wir die Bestellung nicht abschließen.',
    'checkout.error.service-consent-missing':
      'Bitte setzen Sie das Häkchen beim Beginn der Dienstleistung: Ohne Ihr Verlangen, vor Ablauf der Widerrufsfrist zu beginnen, können wir die Bestellung nicht abschließen.',
    'checkout.error.product-unavailable': 'Dieses Produkt ist nicht verfügbar.',
    'checkout.error.choice-missing': 'Bitte wählen Sie einen Termin und ein Ticket.',
    'checkout.error.choice-unavailable':
      'Dieser Termin oder dieses Ticket ist nicht mehr buchbar. Bitte wählen Sie einen anderen.',
    'checkout.error.sold-out':
      'Leider sind die letzten Plätze für diesen Termin gerade vergeben worden. Bitte wählen Sie einen anderen Termin oder tragen Sie sich in die Warteliste ein.',
    'checkout.error.slot-taken':
      'Leider wurde dieser Termin gerade von jemand anderem gebucht. Bitte wählen Sie eine andere Zeit.',
    'checkout.error.answers-missing': 'Bitte beantworten Sie die als Pflichtfeld markierten Fragen.',
    'checkout.choice.legend': 'Termin und Ticket',
    'checkout.choice.continue': 'Weiter zur Kasse',
    'checkout.choice.change': 'Termin oder Ticket ändern',
    'checkout.error.email-invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    'checkout.error.amount-invalid': 'Bitte geben Sie einen Betrag wie 12 oder 12,50 ein.',
    'checkout.error.amount-below-minimum': 'Der Betrag liegt unter dem Mindestpreis von {min}.',
    'checkout.error.amount-too-large': 'Dieser Betrag ist zu hoch.',
    'checkout.error.discount-unknown': 'Diesen Rabattcode gibt es nicht.',
    'checkout.error.discount-inactive': 'Dieser Rabattcode ist nicht mehr aktiv.',
    'checkout.error.discount-expired': 'Dieser Rabattcode ist abgelaufen.',
    'checkout.error.discount-used-up': 'Dieser Rabattcode ist aufgebraucht.',
    'checkout.error.discount-wrong-product': 'Dieser Rabattcode gilt nicht für dieses Produkt.',
    'checkout.error.discount-wrong-currency': 'Dieser Rabattcode gilt für eine andere Währung.',
    'checkout.error.provider-unavailable':
      'Der Zahlungsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten erneut.',
    'checkout.country': 'Land',
    'checkout.country.choose': 'Bitte Land wählen',
    'checkout.country.hint': 'Wo Sie wohnen oder Ihr Unternehmen sitzt: danach richtet sich die Umsatzsteuer.',
    'checkout.business': 'Kauf für ein Unternehmen? (freiwillig)',
    'checkout.vatId': 'USt-IdNr.',
    'checkout.vatId.hint':
      'Mit einer gültigen USt-IdNr. aus einem anderen EU-Land wird keine Umsatzsteuer berechnet (Reverse Charge). Wir prüfen sie bei der EU (VIES).',
    'checkout.address.legend': 'Rechnungsanschrift (freiwillig; mit USt-IdNr. über 250 EUR nötig)',
    'checkout.address.name': 'Name oder Firma',
    'checkout.address.street': 'Straße und Hausnummer',
    'checkout.address.postcode': 'Postleitzahl',
    'checkout.address.city': 'Ort',
    'checkout.vat.included': 'inkl. {tax} MwSt. ({rate}, {country})',
    'checkout.vat.rateOnly': 'inkl. {rate} MwSt. ({country})',
    'checkout.vat.none': 'Für {country} wird keine Umsatzsteuer berechnet.',
    'checkout.vat.smallBusiness': 'Keine Umsatzsteuer (§ 19 UStG).',
    'checkout.vat.reverseCharge':
      'Mit gültiger USt-IdNr. aus einem anderen EU-Land: keine Umsatzsteuer (Reverse Charge).',
    'checkout.error.country-unknown': 'Bitte wählen Sie ein Land aus der Liste.',
    'checkout.error.country-conflict':
      'Ihre Verbindung scheint aus {ipCountry} zu kommen, Sie haben aber {country} als Rechnungsland gewählt. Bitte bestätigen Sie Ihr Land.',
    'checkout.country.confirm': 'Ich bestätige mein Rechnungsland: {country}',
    'checkout.country.confirmHint': 'Oder wählen Sie oben ein anderes Land.',
    'checkout.error.tax-unavailable':
      'Die Umsatzsteuer für dieses Land lässt sich gerade nicht bestimmen. Bitte kontaktieren Sie uns; es wurde nichts berechnet.',
    'checkout.error.vat-id-malformed':
      'Das ist keine gültige USt-IdNr. (etwa DE123456789). Lassen Sie das Feld leer, um als Verbraucher zu kaufen.',
    'checkout.error.vat-id-invalid':
      'Das EU-Register (VIES) kennt diese USt-IdNr. nicht. Bitte prüfen Sie sie oder lassen Sie das Feld leer, um mit Umsatzsteuer zu kaufen.',
    'checkout.error.vat-id-country': 'Die USt-IdNr. gehört zu einem anderen Land als dem gewählten.',
    'checkout.error.vat-id-unconfigured':
      'Dieser Shop kann USt-IdNrn. noch nicht prüfen. Lassen Sie das Feld leer, um mit Umsatzsteuer zu kaufen.',
    'checkout.error.address-required':
      'Für eine Firmenrechnung über 250 EUR geben Sie bitte Name, Straße, Postleitzahl und Ort an.',
    'checkout.order.vat.unverified':
      'Ihre USt-IdNr. {vatId} konnte nicht geprüft werden (das EU-Register war nicht erreichbar), daher wurde Umsatzsteuer berechnet. Fragen Sie uns nach einer berichtigten Rechnung, sobald sie bestätigt werden kann.',
    'checkout.order.vat.reverseCharge': 'Keine Umsatzsteuer berechnet: Reverse Charge, USt-IdNr. {vatId}.',
    'checkout.order.vat.included': 'Enthaltene Umsatzsteuer: {tax}',
    'checkout.order.title': 'Bestellung {number}',
    'checkout.order.pending.heading': 'Ihre Zahlung wird bestätigt',
    'checkout.order.pending.text':
      'Schon bezahlt? Die Bestätigung kommt meist in wenigen Sekunden, diese Seite aktualisiert sich von selbst. Es wird nichts doppelt abgebucht.',
    'checkout.order.pending.pay': 'Noch nicht bezahlt? Zurück zur Zahlungsseite',
    'checkout.order.pending.startOver': 'Zahlung abgebrochen? Neu beginnen',
    'checkout.order.disputed.heading': 'Diese Zahlung wird beanstandet',
    'checkout.order.disputed.text':
      'Die Zahlung wurde bei Ihrer Bank beanstandet. Bis zur Klärung ist der Zugang zu den Dateien pausiert.',
    'checkout.order.paid.heading': 'Vielen Dank für Ihren Kauf!',
    'checkout.order.paid.text':
      'Ihre Downloads sind bereit. Den Beleg mit den Links haben wir auch an {email} geschickt.',
    'checkout.order.paid.preparing': 'Ihre Downloads werden vorbereitet. Diese Seite aktualisiert sich von selbst.',
    'checkout.order.paid.textNoFiles': 'Wir haben den Beleg an {email} geschickt.',
    'checkout.order.given': 'Ihr Kauf',
    'checkout.order.failed.heading': 'Die Zahlung hat nicht geklappt',
    'checkout.order.failed.text': 'Es wurde nichts abgebucht. Sie können es noch einmal versuchen.',
    'checkout.order.expired.heading': 'Diese Bestellung ist abgelaufen',
    'checkout.order.expired.text': 'Sie wurde nicht rechtzeitig bezahlt. Sie können jederzeit neu bestellen.',
    'checkout.order.refunded.heading': 'Diese Bestellung wurde erstattet',
    'checkout.order.refunded.text': 'Die Zahlung wurde zurückerstattet, der Zugang zu den Dateien ist beendet.',
    'checkout.order.tryAgain': 'Noch einmal versuchen',
    'checkout.order.summary.caption': 'Bestellung {number} vom {date}',
    'checkout.order.summary.discount': 'Rabatt',
    'checkout.order.summary.discountCode': 'Rabatt (Code {code})',
    'checkout.order.summary.total': 'Gesamt',
    'checkout.order.membership.heading': 'Ihre Mitgliedschaft „{tier}“ ist aktiv',
    'checkout.order.membership.renewsOn':
      'Sie verlängert sich am {date} automatisch. Kündigen können Sie jederzeit zum Ende des Zeitraums in Ihrer Bibliothek.',
    'checkout.order.membership.endsOn': 'Sie ist gekündigt und endet am {date}.',
    'checkout.order.membership.renewsEachPeriod':
      'Sie verlängert sich am Ende jedes Zeitraums automatisch. Kündigen können Sie jederzeit zum Ende des Zeitraums in Ihrer Bibliothek.',
    'checkout.order.membership.receipt': 'Den Beleg haben wir an {email} geschickt.',
    'checkout.order.membership.includes': 'Das gehört zu Ihrer Mitgliedschaft',
    'checkout.order.membership.whereToRead':
      'Die Beiträge für Mitglieder stehen auf dieser Website: Melden Sie sich mit der E-Mail-Adresse an, mit der Sie bezahlt haben (wir schicken Ihnen einen Link), dann öffnet sich jeder Beitrag Ihrer Mitgliedschaft. Neue Beiträge kommen auch per E-Mail.',
    'checkout.order.membership.posts': 'Zu den Beiträgen',
    'checkout.order.membership.manage': 'Mitgliedschaft verwalten',
    'checkout.order.downloads': 'Ihre Downloads',
    'checkout.order.library': 'Alle Ihre Käufe finden Sie auch in Ihrer Bibliothek.',
    'checkout.order.notFound': 'Bestellung nicht gefunden.',
    'checkout.email.receipt.subject': 'Ihre Bestellung {number}: {title}',
    'checkout.email.receipt.heading': 'Vielen Dank für Ihren Kauf',
    'checkout.email.receipt.intro':
      'Hier ist Ihr Beleg für Bestellung {number}. Ihre Dateien stehen zum Download bereit:',
    'checkout.email.receipt.introReady': 'Hier ist Ihr Beleg für Bestellung {number}. Ihr Kauf steht bereit:',
    'checkout.email.receipt.library': 'Ihre Bibliothek zeigt jederzeit alles, was Sie gekauft haben.',
    'checkout.email.receipt.total': 'Bezahlt: {total}',
    'checkout.email.receipt.links':
      'Die Download-Links gelten {hours} Stunden. Frische Links erhalten Sie jederzeit in Ihrer Bibliothek.',
    'checkout.email.receipt.action': 'Zur Bibliothek',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    checkout: typeof checkoutMessages;
  }
}
