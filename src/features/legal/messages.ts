import { defineMessages } from '../../web/i18n.js';

/** Checkout wording, withdrawal (§ 356a BGB) and the legal pages, in English and German. */
export const legalMessages = defineMessages(
  {
    'legal.nav': 'Legal',
    'legal.footer.label': 'Legal information',
    'legal.page.impressum': 'Legal notice',
    'legal.page.privacy': 'Privacy policy',
    'legal.page.terms': 'Terms and conditions',
    'legal.page.withdrawal': 'Right of withdrawal',
    'legal.page.accessibility': 'Accessibility statement',
    'legal.withdrawButton': 'Withdraw from contract',
    'legal.template.notice': 'Template text: the store has not reviewed this page yet.',
    'legal.checkout.summary.incVat': 'Total price incl. VAT: {total}',
    'legal.checkout.summary.discount': 'Before discount {before}; code {code} takes off {discount}.',
    'legal.checkout.summary.smallBusiness': 'Total price: {total}. No VAT is charged under § 19 UStG (small business).',
    'legal.checkout.summary.pwyw': 'You choose the price (at least {min}); the total includes VAT.',
    'legal.checkout.summary.pwywSmallBusiness':
      'You choose the price (at least {min}); no VAT is charged under § 19 UStG.',
    'legal.checkout.summary.noVat': 'Total price (no VAT is charged for {country}): {total}',
    'legal.checkout.summary.pwywNoVat': 'You choose the price (at least {min}); no VAT is charged for {country}.',
    'legal.checkout.summary.item': 'You are buying: {title} (digital download)',
    'legal.checkout.summary.course': 'You are buying: {title} (online course)',
    'legal.checkout.summary.podcast': 'You are buying: {title} (podcast, heard through a private feed)',
    'legal.checkout.consent.digital':
      'I expressly agree that you begin delivering the digital content before the withdrawal period ends. I am aware that I thereby lose my right of withdrawal once delivery has begun.',
    'legal.checkout.consent.legend': 'Digital content',
    'legal.checkout.summary.itemOther': 'You are buying: {title}',
    'legal.checkout.consent.serviceLegend': 'Start of the service',
    'legal.checkout.consent.service':
      'I expressly request that you begin the service before the withdrawal period ends. I am aware that my right of withdrawal ends once you have fully performed the service, and that if I withdraw after the service has begun I must pay an amount in proportion to what has been provided until I inform you of the withdrawal.',
    'legal.checkout.event.noWithdrawal':
      'There is no right of withdrawal for this purchase: it is a service related to a leisure activity on a specific date (§ 312g (2) no. 9 BGB).',
    'legal.receipt.serviceConsent': 'Your request of {date}: “{text}”',
    'legal.checkout.legalLinks': 'Please read our {terms}, the {withdrawal} and the {privacy}.',
    'legal.checkout.legalLinks.terms': 'terms and conditions',
    'legal.checkout.legalLinks.withdrawal': 'withdrawal instructions',
    'legal.checkout.legalLinks.privacy': 'privacy policy',
    'legal.consent.given': 'On {date} you agreed: “{text}”',
    'legal.receipt.consent': 'Your consent of {date}: “{text}”',
    'legal.receipt.legal': 'Terms: {terms} · Withdrawal instructions: {withdrawal} · Privacy: {privacy}',
    'legal.withdraw.title': 'Withdraw from contract',
    'legal.withdraw.intro':
      'Here you can declare the withdrawal from a purchase. Give the order number and the email address used for the order. We confirm the receipt at once by email to the address stored with the order; that email has the button that carries out the withdrawal (refund, end of access).',
    'legal.withdraw.number': 'Order number',
    'legal.withdraw.email': 'Email address used for the order',
    'legal.withdraw.missing': 'Please give the order number and the email address used for the order.',
    'legal.withdraw.received.title': 'Your withdrawal has been received',
    'legal.withdraw.received.text':
      'We received your declaration of withdrawal for order number {number} on {date}. Please save or print this page.',
    'legal.withdraw.received.next':
      'If this number and email address belong to an order, a confirmation of receipt is on its way to the email address stored with the order. If the order can be withdrawn, the email has the button "Carry out withdrawal now": the payment is then refunded and access to the content ends. The time above counts for the withdrawal period.',
    'legal.withdraw.received.none':
      'No email within the next hour? Please check the order number and email address and send the form again, or write to us: our contact details are in the {impressum}.',
    'legal.withdraw.link.title': 'Carry out your withdrawal',
    'legal.withdraw.link.text':
      'We received your withdrawal from this order on {date}. With the button below it is carried out: the payment is refunded to your original payment method and access to the content ends.',
    'legal.withdraw.link.button': 'Carry out withdrawal now',
    'legal.withdraw.link.invalidTitle': 'This link cannot be used',
    'legal.withdraw.link.invalid':
      'The link is incomplete, was changed or has expired. Please declare the withdrawal again on the withdrawal page; you will receive a new link by email. Your first declaration keeps its time of receipt.',
    'legal.withdraw.link.again': 'To the withdrawal page',
    'legal.withdraw.confirm.title': 'Confirm the withdrawal',
    'legal.withdraw.confirm.order': 'Order {number} of {date}: {titles}, {total}',
    'legal.withdraw.confirm.text':
      'By confirming you withdraw from this contract. You will receive a confirmation by email with the time we received your withdrawal.',
    'legal.withdraw.confirm.button': 'Confirm withdrawal',
    'legal.withdraw.reason.waived':
      'This order can no longer be withdrawn: you agreed that delivery of the digital content starts before the withdrawal period ends and acknowledged that your right of withdrawal ends with it (§ 356 (5) BGB). The content has been delivered.',
    'legal.withdraw.reason.expired': 'The 14-day withdrawal period for this order ended on {date}.',
    'legal.withdraw.reason.free':
      'This order was free of charge: there is no right of withdrawal for contracts without payment.',
    'legal.withdraw.reason.ended':
      'This order is not active any more (it was not paid, or it has already been refunded).',
    'legal.withdraw.reason.excluded':
      'There is no right of withdrawal for this order: it is a ticket for a leisure event on a specific date (§ 312g (2) no. 9 BGB), as stated at checkout.',
    'legal.withdraw.reason.contact': 'Questions? Write to us, our contact details are in the {impressum}.',
    'legal.withdraw.done.title': 'Your withdrawal has been received',
    'legal.withdraw.done.text':
      'We received your withdrawal from order {number} on {date}. A confirmation is on its way to {email}. Please save or print this page.',
    'legal.withdraw.done.refunded': 'The payment of {total} is being refunded to your original payment method.',
    'legal.withdraw.done.failed':
      'The refund of {total} could not be started automatically; the store will refund you within 14 days.',
    'legal.withdraw.done.none': 'Nothing was charged for this order, so there is nothing to refund.',
    'legal.withdraw.invalid': 'This link is not valid any more. Please identify your order again.',
    'legal.withdraw.link': 'Withdraw from this contract',
    'legal.withdraw.email.subject': 'Withdrawal received: order {number}',
    'legal.withdraw.email.heading': 'We have received your withdrawal',
    'legal.withdraw.email.body': 'We received your withdrawal from order {number} ({titles}) on {date}.',
    'legal.withdraw.email.refund':
      'Any payment for this order is refunded to your original payment method within 14 days.',
    'legal.withdraw.email.note': 'This email confirms your withdrawal. Please keep it.',
    'legal.withdraw.email.declared.counts':
      'This email confirms the receipt of your withdrawal; the time of receipt counts for the withdrawal period.',
    'legal.withdraw.email.declared.click':
      'To carry out the withdrawal, please press the button below: the payment is refunded to your original payment method and access to the content ends.',
    'legal.withdraw.email.declared.action': 'Carry out withdrawal now',
    'legal.withdraw.email.declared.note':
      'The button works for {days} days. If you did not declare this withdrawal, you can ignore this email: without the button nothing changes.',
    'legal.withdraw.email.notPossible.heading': 'We have received your declaration',
    'legal.withdraw.email.notPossible.body':
      'We received a declaration of withdrawal from order {number} ({titles}) on {date}.',
    'legal.withdraw.email.notPossible.contact': 'Questions? Our contact details are in the legal notice linked below.',
    'legal.withdraw.email.notPossible.note': 'If you did not make this declaration, you can ignore this email.',
    'legal.email.footer': 'Legal notice · Privacy · Terms · Withdrawal',
    'legal.admin.title': 'Legal pages',
    'legal.admin.intro':
      'These pages are linked in the footer of every page and in every email. Start from the templates, then adapt them to your business; have them checked if you are unsure.',
    'legal.admin.page': 'Page',
    'legal.admin.state': 'State',
    'legal.admin.template': 'Template (not edited)',
    'legal.admin.edited': 'Edited {date}',
    'legal.admin.edit': 'Edit',
    'legal.admin.view': 'View',
    'legal.admin.body': 'Text (Markdown)',
    'legal.admin.save': 'Save page',
    'legal.admin.saved': 'Saved.',
    'legal.admin.language': 'Language of this version: {language}',
    'legal.admin.back': 'Back to legal pages',
    'legal.admin.withdrawals': 'Withdrawals',
    'legal.admin.withdrawals.none': 'No withdrawals yet.',
    'legal.admin.withdrawals.received': 'Received',
    'legal.admin.withdrawals.order': 'Order',
    'legal.admin.withdrawals.refund': 'Refund',
    'legal.admin.refund.refunded': 'Refunded',
    'legal.admin.refund.none': 'Nothing to refund',
    'legal.admin.refund.failed': 'Failed — please refund by hand',
    'legal.admin.refund.awaiting': 'Waiting for the buyer to confirm by the emailed link',
    'legal.admin.error.body': 'Please enter the page text (at most 100,000 characters).',
    'legal.impressum.title': 'Legal notice (§ 5 DDG)',
    'legal.impressum.intro': 'The legal notice is built from these details; every field you fill in is shown.',
    'legal.impressum.name': 'Name (person or company with legal form)',
    'legal.impressum.address': 'Postal address (no P.O. box)',
    'legal.impressum.email': 'Email address',
    'legal.impressum.phone': 'Phone number',
    'legal.impressum.contactForm': 'Or: address of a contact form (https://…)',
    'legal.impressum.fastContact': 'A second fast way to reach you is required: a phone number or a contact form.',
    'legal.impressum.vatId': 'VAT ID (§ 27a UStG)',
    'legal.impressum.register': 'Register court and number (e.g. Amtsgericht Hamburg HRB 12345)',
    'legal.impressum.responsible': 'Responsible for content (§ 18 (2) MStV)',
    'legal.impressum.save': 'Save legal notice',
    'legal.impressum.missing': 'Not filled in yet: {fields}',
    'legal.impressum.error.email': 'Please enter a valid email address.',
    'legal.impressum.error.url': 'Please enter an address starting with https://',
    'legal.impressum.h.contact': 'Contact',
    'legal.impressum.h.vat': 'VAT ID',
    'legal.impressum.h.register': 'Register entry',
    'legal.impressum.h.responsible': 'Responsible for content',
    'legal.impressum.phoneLabel': 'Phone',
    'legal.impressum.emailLabel': 'Email',
    'legal.impressum.formLabel': 'Contact form',
    'legal.fernusg.title': 'Distance learning (FernUSG)',
    'legal.fernusg.flag': 'This product is distance learning that needs a licence under the FernUSG',
    'legal.fernusg.flagHint':
      'Courses with learning goals whose progress is monitored (e.g. feedback on assignments) usually need approval by the ZFU.',
    'legal.fernusg.licence': 'ZFU licence number',
    'legal.fernusg.save': 'Save',
    'legal.fernusg.warning':
      'Warning: “{title}” is marked as licensed distance learning but has no ZFU licence number. Do not publish it before it has one.',
    'legal.fernusg.link': 'Legal flags',
  },
  {
    'legal.nav': 'Rechtliches',
    'legal.footer.label': 'Rechtliche Informationen',
    'legal.page.impressum': 'Impressum',
    'legal.page.privacy': 'Datenschutzerklärung',
    'legal.page.terms': 'AGB',
    'legal.page.withdrawal': 'Widerrufsbelehrung',
    'legal.page.accessibility': 'Erklärung zur Barrierefreiheit',
    'legal.withdrawButton': 'Vertrag widerrufen',
    'legal.template.notice': 'Vorlage: Der Shop hat diesen Text noch nicht geprüft.',
    'legal.checkout.summary.incVat': 'Gesamtpreis inkl. MwSt.: {total}',
    'legal.checkout.summary.discount': 'Vor Rabatt {before}; der Code {code} zieht {discount} ab.',
    'legal.checkout.summary.smallBusiness': 'Gesamtpreis: {total}. Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    'legal.checkout.summary.pwyw': 'Sie wählen den Preis (mindestens {min}); der Betrag enthält die MwSt.',
    'legal.checkout.summary.pwywSmallBusiness':
      'Sie wählen den Preis (mindestens {min}); gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    'legal.checkout.summary.noVat': 'Gesamtpreis (für {country} wird keine Umsatzsteuer berechnet): {total}',
    'legal.checkout.summary.pwywNoVat':
      'Sie wählen den Preis (mindestens {min}); für {country} wird keine Umsatzsteuer berechnet.',
    'legal.checkout.summary.item': 'Sie kaufen: {title} (digitaler Download)',
    'legal.checkout.summary.course': 'Sie kaufen: {title} (Online-Kurs)',
    'legal.checkout.summary.podcast': 'Sie kaufen: {title} (Podcast, zu hören über einen privaten Feed)',
    'legal.checkout.consent.digital':
      'Ich stimme ausdrücklich zu, dass Sie mit der Bereitstellung der digitalen Inhalte vor Ablauf der Widerrufsfrist beginnen. Mir ist bekannt, dass ich dadurch mein Widerrufsrecht mit Beginn der Bereitstellung verliere.',
    'legal.checkout.consent.legend': 'Digitale Inhalte',
    'legal.checkout.summary.itemOther': 'Sie kaufen: {title}',
    'legal.checkout.consent.serviceLegend': 'Beginn der Dienstleistung',
    'legal.checkout.consent.service':
      'Ich verlange ausdrücklich, dass Sie vor Ablauf der Widerrufsfrist mit der Ausführung der Dienstleistung beginnen. Mir ist bekannt, dass mein Widerrufsrecht erlischt, sobald Sie die Dienstleistung vollständig erbracht haben, und dass ich bei einem Widerruf nach Beginn der Ausführung einen Betrag zu zahlen habe, der dem Anteil der bis zur Unterrichtung über den Widerruf erbrachten Leistungen entspricht.',
    'legal.checkout.event.noWithdrawal':
      'Für diesen Kauf besteht kein Widerrufsrecht: Es handelt sich um eine Dienstleistung im Zusammenhang mit einer Freizeitbetätigung zu einem bestimmten Termin (§ 312g Abs. 2 Nr. 9 BGB).',
    'legal.receipt.serviceConsent': 'Ihr Verlangen vom {date}: „{text}“',
    'legal.checkout.legalLinks': 'Bitte lesen Sie unsere {terms}, die {withdrawal} und die {privacy}.',
    'legal.checkout.legalLinks.terms': 'AGB',
    'legal.checkout.legalLinks.withdrawal': 'Widerrufsbelehrung',
    'legal.checkout.legalLinks.privacy': 'Datenschutzerklärung',
    'legal.consent.given': 'Am {date} haben Sie zugestimmt: „{text}“',
    'legal.receipt.consent': 'Ihre Zustimmung vom {date}: „{text}“',
    'legal.receipt.legal': 'AGB: {terms} · Widerrufsbelehrung: {withdrawal} · Datenschutz: {privacy}',
    'legal.withdraw.title': 'Vertrag widerrufen',
    'legal.withdraw.intro':
      'Hier können Sie den Widerruf eines Kaufs erklären. Nennen Sie die Bestellnummer und die E-Mail-Adresse der Bestellung. Wir bestätigen den Eingang sofort per E-Mail an die bei der Bestellung gespeicherte Adresse; diese E-Mail enthält die Schaltfläche, mit der der Widerruf ausgeführt wird (Erstattung, Ende des Zugangs).',
    'legal.withdraw.number': 'Bestellnummer',
    'legal.withdraw.email': 'E-Mail-Adresse der Bestellung',
    'legal.withdraw.missing': 'Bitte nennen Sie die Bestellnummer und die E-Mail-Adresse der Bestellung.',
    'legal.withdraw.received.title': 'Ihr Widerruf ist eingegangen',
    'legal.withdraw.received.text':
      'Ihre Widerrufserklärung zur Bestellnummer {number} ist am {date} bei uns eingegangen. Bitte speichern oder drucken Sie diese Seite.',
    'legal.withdraw.received.next':
      'Gehören Bestellnummer und E-Mail-Adresse zu einer Bestellung, ist eine Eingangsbestätigung an die bei der Bestellung gespeicherte E-Mail-Adresse unterwegs. Kann die Bestellung widerrufen werden, enthält sie die Schaltfläche „Widerruf jetzt ausführen“: Dann wird die Zahlung erstattet und der Zugang zu den Inhalten endet. Für die Widerrufsfrist zählt der oben genannte Zeitpunkt.',
    'legal.withdraw.received.none':
      'Keine E-Mail innerhalb der nächsten Stunde? Bitte prüfen Sie Bestellnummer und E-Mail-Adresse und senden Sie das Formular erneut, oder schreiben Sie uns: Unsere Kontaktdaten stehen im {impressum}.',
    'legal.withdraw.link.title': 'Widerruf ausführen',
    'legal.withdraw.link.text':
      'Ihr Widerruf dieser Bestellung ist am {date} bei uns eingegangen. Mit der Schaltfläche unten wird er ausgeführt: Die Zahlung wird auf Ihr ursprüngliches Zahlungsmittel erstattet und der Zugang zu den Inhalten endet.',
    'legal.withdraw.link.button': 'Widerruf jetzt ausführen',
    'legal.withdraw.link.invalidTitle': 'Dieser Link kann nicht verwendet werden',
    'legal.withdraw.link.invalid':
      'Der Link ist unvollständig, wurde verändert oder ist abgelaufen. Bitte erklären Sie den Widerruf noch einmal auf der Widerrufsseite; Sie erhalten dann einen neuen Link per E-Mail. Ihre erste Erklärung behält ihren Eingangszeitpunkt.',
    'legal.withdraw.link.again': 'Zur Widerrufsseite',
    'legal.withdraw.confirm.title': 'Widerruf bestätigen',
    'legal.withdraw.confirm.order': 'Bestellung {number} vom {date}: {titles}, {total}',
    'legal.withdraw.confirm.text':
      'Mit der Bestätigung widerrufen Sie diesen Vertrag. Sie erhalten eine Bestätigung per E-Mail mit dem Zeitpunkt, zu dem Ihr Widerruf bei uns eingegangen ist.',
    'legal.withdraw.confirm.button': 'Widerruf bestätigen',
    'legal.withdraw.reason.waived':
      'Diese Bestellung kann nicht mehr widerrufen werden: Sie haben zugestimmt, dass wir vor Ablauf der Widerrufsfrist mit der Bereitstellung der digitalen Inhalte beginnen, und bestätigt, dass Ihr Widerrufsrecht damit erlischt (§ 356 Abs. 5 BGB). Die Inhalte wurden bereitgestellt.',
    'legal.withdraw.reason.expired': 'Die 14-tägige Widerrufsfrist für diese Bestellung ist am {date} abgelaufen.',
    'legal.withdraw.reason.free':
      'Diese Bestellung war kostenlos: Für Verträge ohne Zahlung besteht kein Widerrufsrecht.',
    'legal.withdraw.reason.ended':
      'Diese Bestellung ist nicht mehr aktiv (sie wurde nicht bezahlt oder bereits erstattet).',
    'legal.withdraw.reason.excluded':
      'Für diese Bestellung besteht kein Widerrufsrecht: Es ist ein Ticket für eine Freizeitveranstaltung zu einem bestimmten Termin (§ 312g Abs. 2 Nr. 9 BGB), wie beim Kauf angegeben.',
    'legal.withdraw.reason.contact': 'Fragen? Schreiben Sie uns, unsere Kontaktdaten stehen im {impressum}.',
    'legal.withdraw.done.title': 'Ihr Widerruf ist eingegangen',
    'legal.withdraw.done.text':
      'Ihr Widerruf der Bestellung {number} ist am {date} bei uns eingegangen. Eine Bestätigung ist unterwegs an {email}. Bitte speichern oder drucken Sie diese Seite.',
    'legal.withdraw.done.refunded': 'Die Zahlung von {total} wird auf Ihr ursprüngliches Zahlungsmittel erstattet.',
    'legal.withdraw.done.failed':
      'Die Erstattung von {total} konnte nicht automatisch gestartet werden; der Shop erstattet Ihnen den Betrag innerhalb von 14 Tagen.',
    'legal.withdraw.done.none': 'Für diese Bestellung wurde nichts berechnet, es gibt also nichts zu erstatten.',
    'legal.withdraw.invalid': 'Dieser Link ist nicht mehr gültig. Bitte nennen Sie Ihre Bestellung noch einmal.',
    'legal.withdraw.link': 'Diesen Vertrag widerrufen',
    'legal.withdraw.email.subject': 'Widerruf eingegangen: Bestellung {number}',
    'legal.withdraw.email.heading': 'Ihr Widerruf ist bei uns eingegangen',
    'legal.withdraw.email.body': 'Ihr Widerruf der Bestellung {number} ({titles}) ist am {date} bei uns eingegangen.',
    'legal.withdraw.email.refund':
      'Eine Zahlung für diese Bestellung erstatten wir innerhalb von 14 Tagen auf Ihr ursprüngliches Zahlungsmittel.',
    'legal.withdraw.email.note': 'Diese E-Mail bestätigt Ihren Widerruf. Bitte bewahren Sie sie auf.',
    'legal.withdraw.email.declared.counts':
      'Diese E-Mail bestätigt den Eingang Ihres Widerrufs; für die Widerrufsfrist zählt der Zeitpunkt des Eingangs.',
    'legal.withdraw.email.declared.click':
      'Um den Widerruf auszuführen, drücken Sie bitte die Schaltfläche unten: Die Zahlung wird auf Ihr ursprüngliches Zahlungsmittel erstattet und der Zugang zu den Inhalten endet.',
    'legal.withdraw.email.declared.action': 'Widerruf jetzt ausführen',
    'legal.withdraw.email.declared.note':
      'Die Schaltfläche funktioniert {days} Tage lang. Haben Sie diesen Widerruf nicht erklärt, können Sie diese E-Mail ignorieren: Ohne die Schaltfläche ändert sich nichts.',
    'legal.withdraw.email.notPossible.heading': 'Ihre Erklärung ist bei uns eingegangen',
    'legal.withdraw.email.notPossible.body':
      'Am {date} ist bei uns eine Widerrufserklärung zur Bestellung {number} ({titles}) eingegangen.',
    'legal.withdraw.email.notPossible.contact': 'Fragen? Unsere Kontaktdaten stehen im unten verlinkten Impressum.',
    'legal.withdraw.email.notPossible.note':
      'Haben Sie diese Erklärung nicht abgegeben, können Sie diese E-Mail ignorieren.',
    'legal.email.footer': 'Impressum · Datenschutz · AGB · Widerruf',
    'legal.admin.title': 'Rechtstexte',
    'legal.admin.intro':
      'Diese Seiten sind im Fuß jeder Seite und in jeder E-Mail verlinkt. Beginnen Sie mit den Vorlagen und passen Sie sie an Ihr Geschäft an; lassen Sie sie im Zweifel prüfen.',
    'legal.admin.page': 'Seite',
    'legal.admin.state': 'Stand',
    'legal.admin.template': 'Vorlage (nicht bearbeitet)',
    'legal.admin.edited': 'Bearbeitet am {date}',
    'legal.admin.edit': 'Bearbeiten',
    'legal.admin.view': 'Ansehen',
    'legal.admin.body': 'Text (Markdown)',
    'legal.admin.save': 'Seite speichern',
    'legal.admin.saved': 'Gespeichert.',
    'legal.admin.language': 'Sprache dieser Fassung: {language}',
    'legal.admin.back': 'Zurück zu den Rechtstexten',
    'legal.admin.withdrawals': 'Widerrufe',
    'legal.admin.withdrawals.none': 'Noch keine Widerrufe.',
    'legal.admin.withdrawals.received': 'Eingegangen',
    'legal.admin.withdrawals.order': 'Bestellung',
    'legal.admin.withdrawals.refund': 'Erstattung',
    'legal.admin.refund.refunded': 'Erstattet',
    'legal.admin.refund.none': 'Nichts zu erstatten',
    'legal.admin.refund.failed': 'Fehlgeschlagen – bitte von Hand erstatten',
    'legal.admin.refund.awaiting': 'Wartet auf die Bestätigung der Käuferin oder des Käufers per E-Mail-Link',
    'legal.admin.error.body': 'Bitte geben Sie den Text der Seite ein (höchstens 100.000 Zeichen).',
    'legal.impressum.title': 'Impressum (§ 5 DDG)',
    'legal.impressum.intro': 'Das Impressum entsteht aus diesen Angaben; jedes ausgefüllte Feld wird angezeigt.',
    'legal.impressum.name': 'Name (Person oder Firma mit Rechtsform)',
    'legal.impressum.address': 'Postanschrift (kein Postfach)',
    'legal.impressum.email': 'E-Mail-Adresse',
    'legal.impressum.phone': 'Telefonnummer',
    'legal.impressum.contactForm': 'Oder: Adresse eines Kontaktformulars (https://…)',
    'legal.impressum.fastContact':
      'Ein zweiter schneller Kontaktweg ist Pflicht: eine Telefonnummer oder ein Kontaktformular.',
    'legal.impressum.vatId': 'Umsatzsteuer-Identifikationsnummer (§ 27a UStG)',
    'legal.impressum.register': 'Registergericht und Registernummer (z. B. Amtsgericht Hamburg HRB 12345)',
    'legal.impressum.responsible': 'Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)',
    'legal.impressum.save': 'Impressum speichern',
    'legal.impressum.missing': 'Noch nicht ausgefüllt: {fields}',
    'legal.impressum.error.email': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    'legal.impressum.error.url': 'Bitte geben Sie eine Adresse ein, die mit https:// beginnt.',
    'legal.impressum.h.contact': 'Kontakt',
    'legal.impressum.h.vat': 'Umsatzsteuer-ID',
    'legal.impressum.h.register': 'Registereintrag',
    'legal.impressum.h.responsible': 'Verantwortlich für den Inhalt',
    'legal.impressum.phoneLabel': 'Telefon',
    'legal.impressum.emailLabel': 'E-Mail',
    'legal.impressum.formLabel': 'Kontaktformular',
    'legal.fernusg.title': 'Fernunterricht (FernUSG)',
    'legal.fernusg.flag': 'Dieses Produkt ist zulassungspflichtiger Fernunterricht nach dem FernUSG',
    'legal.fernusg.flagHint':
      'Kurse mit Lernzielen, deren Erfolg überwacht wird (z. B. Rückmeldung zu Aufgaben), brauchen meist eine Zulassung der ZFU.',
    'legal.fernusg.licence': 'Zulassungsnummer der ZFU',
    'legal.fernusg.save': 'Speichern',
    'legal.fernusg.warning':
      'Achtung: „{title}“ ist als zulassungspflichtiger Fernunterricht markiert, hat aber keine ZFU-Zulassungsnummer. Veröffentlichen Sie es erst mit Zulassung.',
    'legal.fernusg.link': 'Rechtliche Angaben',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    legal: typeof legalMessages;
  }
}
