import { defineMessages } from '../../web/i18n.js';

export const emailMessages = defineMessages(
  {
    'email.passwordReset.subject': 'Reset your password',
    'email.passwordReset.heading': 'Reset your password',
    'email.passwordReset.body':
      'Someone (hopefully you) asked to reset the password of your store admin account. The link is valid for {minutes} minutes and works once.',
    'email.passwordReset.action': 'Choose a new password',
    'email.passwordReset.note': 'If you did not ask for this, ignore this email: your password stays unchanged.',
    'email.test.subject': 'Test message from {store}',
    'email.test.heading': 'Email works',
    'email.test.body': 'This test message shows that {store} can send email.',
  },
  {
    'email.passwordReset.subject': 'Passwort zurücksetzen',
    'email.passwordReset.heading': 'Passwort zurücksetzen',
    'email.passwordReset.body':
      'Jemand (hoffentlich Sie) möchte das Passwort Ihres Shop-Admin-Kontos zurücksetzen. Der Link ist {minutes} Minuten gültig und funktioniert einmal.',
    'email.passwordReset.action': 'Neues Passwort wählen',
    'email.passwordReset.note':
      'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
    'email.test.subject': 'Testnachricht von {store}',
    'email.test.heading': 'E-Mail funktioniert',
    'email.test.body': 'Diese Testnachricht zeigt, dass {store} E-Mails versenden kann.',
  },
);
