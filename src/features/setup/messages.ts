import { defineMessages } from '../../web/i18n.js';

export const setupMessages = defineMessages(
  {
    'setup.title': 'Set up your store',
    'setup.intro': 'Welcome to Vielfach. A few details and your store is ready to sell.',
    'setup.code': 'Set-up code',
    'setup.code.hint':
      'Printed in the console where Vielfach was started. It keeps strangers from claiming a new store.',
    'setup.code.invalid': 'This set-up code is not right. Copy it from the console output.',
    'setup.ownerEmail': 'Your email address (admin login)',
    'setup.password': 'Choose a password',
    'setup.storeName': 'Store name',
    'setup.storeName.placeholder': 'My Store',
    'setup.language': 'Store language',
    'setup.currency': 'Currency',
    'setup.demo': 'Add demo content, so I can try everything at once',
    'setup.submit': 'Create my store',
    'setup.done': 'Set-up is complete.',
    'setup.storeName.invalid': 'Please enter a store name (up to 80 characters).',
  },
  {
    'setup.title': 'Shop einrichten',
    'setup.intro': 'Willkommen bei Vielfach. Ein paar Angaben, und Ihr Shop ist bereit zum Verkaufen.',
    'setup.code': 'Einrichtungscode',
    'setup.code.hint':
      'Steht in der Konsole, in der Vielfach gestartet wurde. So kann niemand Fremdes einen neuen Shop übernehmen.',
    'setup.code.invalid': 'Dieser Einrichtungscode stimmt nicht. Bitte kopieren Sie ihn aus der Konsolenausgabe.',
    'setup.ownerEmail': 'Ihre E-Mail-Adresse (Admin-Anmeldung)',
    'setup.password': 'Passwort wählen',
    'setup.storeName': 'Name des Shops',
    'setup.storeName.placeholder': 'Mein Shop',
    'setup.language': 'Sprache des Shops',
    'setup.currency': 'Währung',
    'setup.demo': 'Demo-Inhalte anlegen, damit ich gleich alles ausprobieren kann',
    'setup.submit': 'Meinen Shop anlegen',
    'setup.done': 'Die Einrichtung ist abgeschlossen.',
    'setup.storeName.invalid': 'Bitte geben Sie einen Shop-Namen ein (bis zu 80 Zeichen).',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    setup: typeof setupMessages;
  }
}
