import { defineMessages } from '../../web/i18n.js';

export const certificatesMessages = defineMessages(
  {
    'certificates.pdf.title': 'Certificate of Completion',
    'certificates.pdf.certifies': 'This certifies that',
    'certificates.pdf.completed': 'has successfully completed the online course',
    'certificates.pdf.on': 'on {date}',
    'certificates.pdf.hours': '{hours} hours of study',
    'certificates.pdf.issuedBy': 'Issued by {store}',
    'certificates.pdf.id': 'Certificate ID: {id}',
    'certificates.pdf.verify': 'Verify at {url}',
    'certificates.verify.title': 'Certificate {id}',
    'certificates.verify.valid': 'This certificate is valid.',
    'certificates.verify.revoked': 'This certificate was revoked on {date}. It no longer certifies the course.',
    'certificates.verify.student': 'Student',
    'certificates.verify.course': 'Course',
    'certificates.verify.date': 'Completed on',
    'certificates.verify.hours': 'Hours of study',
    'certificates.verify.hoursValue': '{hours} hours',
    'certificates.verify.id': 'Certificate ID',
    'certificates.verify.issuer': 'Issued by',
    'certificates.verify.status': 'Status',
    'certificates.verify.statusValid': 'Valid',
    'certificates.verify.statusRevoked': 'Revoked on {date}',
    'certificates.verify.explain':
      'This page is the record of the store that issued the certificate; the PDF’s QR code leads here.',
    'certificates.email.subject': 'You completed “{course}”',
    'certificates.email.heading': 'Congratulations!',
    'certificates.email.body': 'You have completed every lesson of “{course}”.',
    'certificates.email.certificate':
      'Your certificate has the ID {id}. Anyone can check it at the address below; the PDF is in your library.',
    'certificates.email.action': 'Download the certificate (PDF)',
    'certificates.email.verifyLink': 'Verification page',
    'certificates.email.noCertificate': 'Thank you for taking the course.',
    'certificates.email.note': 'You receive this email because you completed a course at our store.',
    'certificates.student.title': 'Your certificate',
    'certificates.student.download': 'Download the certificate (PDF)',
    'certificates.student.verify': 'Verification page ({id})',
    'certificates.student.revoked': 'Your certificate was revoked on {date}.',
  },
  {
    'certificates.pdf.title': 'Teilnahmezertifikat',
    'certificates.pdf.certifies': 'Hiermit wird bestätigt, dass',
    'certificates.pdf.completed': 'den Online-Kurs erfolgreich abgeschlossen hat',
    'certificates.pdf.on': 'am {date}',
    'certificates.pdf.hours': '{hours} Stunden Lernzeit',
    'certificates.pdf.issuedBy': 'Ausgestellt von {store}',
    'certificates.pdf.id': 'Zertifikats-ID: {id}',
    'certificates.pdf.verify': 'Prüfen unter {url}',
    'certificates.verify.title': 'Zertifikat {id}',
    'certificates.verify.valid': 'Dieses Zertifikat ist gültig.',
    'certificates.verify.revoked': 'Dieses Zertifikat wurde am {date} widerrufen. Es bescheinigt den Kurs nicht mehr.',
    'certificates.verify.student': 'Teilnehmer',
    'certificates.verify.course': 'Kurs',
    'certificates.verify.date': 'Abgeschlossen am',
    'certificates.verify.hours': 'Lernzeit',
    'certificates.verify.hoursValue': '{hours} Stunden',
    'certificates.verify.id': 'Zertifikats-ID',
    'certificates.verify.issuer': 'Ausgestellt von',
    'certificates.verify.status': 'Status',
    'certificates.verify.statusValid': 'Gültig',
    'certificates.verify.statusRevoked': 'Widerrufen am {date}',
    'certificates.verify.explain':
      'Diese Seite ist der Nachweis des Shops, der das Zertifikat ausgestellt hat; der QR-Code im PDF führt hierher.',
    'certificates.email.subject': 'Sie haben „{course}“ abgeschlossen',
    'certificates.email.heading': 'Herzlichen Glückwunsch!',
    'certificates.email.body': 'Sie haben alle Lektionen von „{course}“ abgeschlossen.',
    'certificates.email.certificate':
      'Ihr Zertifikat hat die ID {id}. Jeder kann es unter der Adresse unten prüfen; das PDF finden Sie in Ihrer Bibliothek.',
    'certificates.email.action': 'Zertifikat herunterladen (PDF)',
    'certificates.email.verifyLink': 'Prüfseite',
    'certificates.email.noCertificate': 'Vielen Dank, dass Sie den Kurs belegt haben.',
    'certificates.email.note': 'Sie erhalten diese E-Mail, weil Sie in unserem Shop einen Kurs abgeschlossen haben.',
    'certificates.student.title': 'Ihr Zertifikat',
    'certificates.student.download': 'Zertifikat herunterladen (PDF)',
    'certificates.student.verify': 'Prüfseite ({id})',
    'certificates.student.revoked': 'Ihr Zertifikat wurde am {date} widerrufen.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    certificates: typeof certificatesMessages;
  }
}
