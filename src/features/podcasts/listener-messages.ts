import { defineMessages } from '../../web/i18n.js';

/** The listener's side: library, subscribe page, product page. */
export const podcastsListenerMessages = defineMessages(
  {
    'podcasts.library.title': 'Your podcasts',
    'podcasts.library.subscribe': 'Subscribe in your podcast app',
    'podcasts.library.paused': 'paused by the creator',

    'podcasts.subscribe.title': 'Subscribe to {show}',
    'podcasts.subscribe.back': 'Back to your library',
    'podcasts.subscribe.lead':
      'Add the show to your podcast app with your private feed. It lists every episode you have access to, and new ones arrive on their own.',
    'podcasts.subscribe.urlLabel': 'Your private feed URL',
    'podcasts.subscribe.copy': 'Copy',
    'podcasts.subscribe.copied': 'Copied',
    'podcasts.subscribe.personal':
      'This URL is personal. Please do not share it: anyone who has it hears your episodes, and a feed heard from many places may be paused.',
    'podcasts.subscribe.apps': 'Open in your app',
    'podcasts.subscribe.apple': 'Apple Podcasts',
    'podcasts.subscribe.overcast': 'Overcast',
    'podcasts.subscribe.pocketCasts': 'Pocket Casts',
    'podcasts.subscribe.qr': 'On your phone',
    'podcasts.subscribe.qrHint': "Point your phone's camera at the code to open the feed URL there.",
    'podcasts.subscribe.qrAlt': 'QR code of your private feed URL',
    'podcasts.subscribe.howTo': 'How to add the show',
    'podcasts.subscribe.howApple':
      'Tap the button above on your iPhone, iPad or Mac. Or open the Library, choose "Follow a Show by URL…" from the ⋯ menu and paste the URL.',
    'podcasts.subscribe.howOvercast':
      'Tap the button above. Or tap + at the top right, then "Add URL", and paste the URL.',
    'podcasts.subscribe.howPocketCasts':
      'Tap the button above. Or open Discover, paste the URL into the search field and tap Subscribe.',
    'podcasts.subscribe.otherApps': 'Other apps',
    'podcasts.subscribe.howOther':
      'Look for "Add a show by URL" (sometimes "Add podcast by RSS feed" or "Add private feed") and paste the URL.',
    'podcasts.subscribe.rotateTitle': 'A new URL',
    'podcasts.subscribe.rotateText':
      'If your URL got out, make a new one. The current URL stops working at once, and you subscribe again in each of your apps with the new one.',
    'podcasts.subscribe.rotate': 'Make a new URL',
    'podcasts.subscribe.rotated':
      'Your feed has a new URL. The old one no longer works: remove the show from your apps and subscribe again with the URL below.',
    'podcasts.subscribe.suspended':
      'The creator has paused your feed, so your apps get no episodes for now. Please contact the creator to open it again.',
    'podcasts.subscribe.endedTitle': 'Your access has ended',
    'podcasts.subscribe.ended':
      'Your feed now shows a single item that says so. Renew, and the same feed URL works again: nothing to change in your apps.',
    'podcasts.subscribe.notIncludedTitle': 'Not included',
    'podcasts.subscribe.notIncluded': 'Your membership does not include {show}.',
    'podcasts.subscribe.renew': 'See the memberships',
    'podcasts.subscribe.buy': 'Buy the show',

    'podcasts.product.episodes': 'Episodes',
    'podcasts.product.none': 'The first episode is coming soon.',
    'podcasts.product.listen': 'Listen to {title}',
    'podcasts.product.tiers': 'Members of these memberships hear every episode:',
    'podcasts.product.membership': 'See the memberships',
    'podcasts.product.publicFeed': 'Public feed with the trailer and free episodes:',
    'podcasts.product.listener': 'Already a listener? Subscribe in your podcast app',

    'podcasts.receipt.note': 'Sign in to your library with {email} to add the show to your podcast app.',
  },
  {
    'podcasts.library.title': 'Ihre Podcasts',
    'podcasts.library.subscribe': 'In Ihrer Podcast-App abonnieren',
    'podcasts.library.paused': 'vom Anbieter pausiert',

    'podcasts.subscribe.title': '{show} abonnieren',
    'podcasts.subscribe.back': 'Zurück zu Ihrer Bibliothek',
    'podcasts.subscribe.lead':
      'Fügen Sie die Sendung mit Ihrem privaten Feed zu Ihrer Podcast-App hinzu. Er enthält jede Folge, auf die Sie Zugriff haben; neue kommen von selbst.',
    'podcasts.subscribe.urlLabel': 'Ihre private Feed-Adresse',
    'podcasts.subscribe.copy': 'Kopieren',
    'podcasts.subscribe.copied': 'Kopiert',
    'podcasts.subscribe.personal':
      'Diese Adresse gehört nur Ihnen. Bitte geben Sie sie nicht weiter: Wer sie hat, hört Ihre Folgen, und ein Feed, der von vielen Orten abgerufen wird, kann pausiert werden.',
    'podcasts.subscribe.apps': 'In Ihrer App öffnen',
    'podcasts.subscribe.apple': 'Apple Podcasts',
    'podcasts.subscribe.overcast': 'Overcast',
    'podcasts.subscribe.pocketCasts': 'Pocket Casts',
    'podcasts.subscribe.qr': 'Auf dem Smartphone',
    'podcasts.subscribe.qrHint':
      'Richten Sie die Kamera Ihres Smartphones auf den Code, um die Feed-Adresse dort zu öffnen.',
    'podcasts.subscribe.qrAlt': 'QR-Code Ihrer privaten Feed-Adresse',
    'podcasts.subscribe.howTo': 'So fügen Sie die Sendung hinzu',
    'podcasts.subscribe.howApple':
      'Tippen Sie auf iPhone, iPad oder Mac auf die Schaltfläche oben. Oder öffnen Sie die Mediathek, wählen Sie im Menü ⋯ „Sendung per URL folgen …“ und fügen Sie die Adresse ein.',
    'podcasts.subscribe.howOvercast':
      'Tippen Sie auf die Schaltfläche oben. Oder tippen Sie oben rechts auf +, dann auf „Add URL“, und fügen Sie die Adresse ein.',
    'podcasts.subscribe.howPocketCasts':
      'Tippen Sie auf die Schaltfläche oben. Oder öffnen Sie „Entdecken“, fügen Sie die Adresse ins Suchfeld ein und tippen Sie auf „Abonnieren“.',
    'podcasts.subscribe.otherApps': 'Andere Apps',
    'podcasts.subscribe.howOther':
      'Suchen Sie nach „Sendung per URL hinzufügen“ (manchmal „Podcast per RSS-Feed hinzufügen“ oder „Privaten Feed hinzufügen“) und fügen Sie die Adresse ein.',
    'podcasts.subscribe.rotateTitle': 'Eine neue Adresse',
    'podcasts.subscribe.rotateText':
      'Falls Ihre Adresse in fremde Hände geraten ist, erstellen Sie eine neue. Die bisherige Adresse funktioniert dann sofort nicht mehr, und Sie abonnieren in jeder Ihrer Apps neu mit der neuen.',
    'podcasts.subscribe.rotate': 'Neue Adresse erstellen',
    'podcasts.subscribe.rotated':
      'Ihr Feed hat eine neue Adresse. Die alte funktioniert nicht mehr: Entfernen Sie die Sendung aus Ihren Apps und abonnieren Sie sie neu mit der Adresse unten.',
    'podcasts.subscribe.suspended':
      'Der Anbieter hat Ihren Feed pausiert; Ihre Apps erhalten vorerst keine Folgen. Bitte wenden Sie sich an den Anbieter, damit er ihn wieder öffnet.',
    'podcasts.subscribe.endedTitle': 'Ihr Zugang ist beendet',
    'podcasts.subscribe.ended':
      'Ihr Feed zeigt jetzt nur noch einen Eintrag, der darauf hinweist. Verlängern Sie, und dieselbe Feed-Adresse funktioniert wieder: In Ihren Apps ist nichts zu ändern.',
    'podcasts.subscribe.notIncludedTitle': 'Nicht enthalten',
    'podcasts.subscribe.notIncluded': 'Ihre Mitgliedschaft enthält {show} nicht.',
    'podcasts.subscribe.renew': 'Zu den Mitgliedschaften',
    'podcasts.subscribe.buy': 'Sendung kaufen',

    'podcasts.product.episodes': 'Folgen',
    'podcasts.product.none': 'Die erste Folge erscheint in Kürze.',
    'podcasts.product.listen': '{title} anhören',
    'podcasts.product.tiers': 'Mitglieder dieser Mitgliedschaften hören jede Folge:',
    'podcasts.product.membership': 'Zu den Mitgliedschaften',
    'podcasts.product.publicFeed': 'Öffentlicher Feed mit dem Trailer und den freien Folgen:',
    'podcasts.product.listener': 'Sie hören schon? In Ihrer Podcast-App abonnieren',

    'podcasts.receipt.note':
      'Melden Sie sich mit {email} in Ihrer Bibliothek an, um die Sendung Ihrer Podcast-App hinzuzufügen.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcastsListener: typeof podcastsListenerMessages;
  }
}
