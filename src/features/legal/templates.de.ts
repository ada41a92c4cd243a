import type { LegalPageKind } from '../../db/schema.js';

/** German starting points; {name}, {address}, {email} and {store} come from the Impressum and the store settings. */
export const TEMPLATES_DE: Record<LegalPageKind, string> = {
  privacy: `## Verantwortlicher

{name}, {address}, E-Mail: {email}

## Welche Daten wir verarbeiten

- **Bestellungen:** E-Mail-Adresse, freiwillig Ihr Name, gekaufte Produkte, Preise und Zeitpunkte. Zweck: Vertragserfüllung (Art. 6 Abs. 1 lit. b DSGVO).
- **Rechnungen und Steuerunterlagen:** Wir bewahren sie so lange auf, wie das Gesetz es verlangt (8 Jahre für Rechnungen nach § 147 AO, 10 Jahre für Aufzeichnungen zum One-Stop-Shop), Art. 6 Abs. 1 lit. c DSGVO.
- **Downloads:** Zeitpunkt jedes Downloads, um Download-Grenzen durchzusetzen und Missbrauch zu erkennen (Art. 6 Abs. 1 lit. b und f DSGVO).
- **E-Mails:** Beleg, Download-Links und Anmelde-Links für Ihre Bibliothek.
- **Zahlungen:** Die Zahlung wickelt unser Zahlungsdienstleister ab; wir erhalten nur den Zahlungsstatus, keine Kartendaten.

## Keine Dritten, keine Tracker

Diese Website lädt keine Schriften, Skripte oder Bilder von anderen Servern und setzt keine Tracker, Analyse- oder Werbe-Cookies ein. Es werden nur technisch notwendige Cookies gesetzt (Sprache, Schutz von Formularen, Anmeldung in der Bibliothek). Deshalb brauchen wir kein Cookie-Banner (§ 25 Abs. 2 TDDDG).

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch (Art. 15–21 DSGVO). In Ihrer Bibliothek können Sie Ihre Daten jederzeit als Datei herunterladen und ihre Löschung verlangen. Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren.

## Speicherdauer

Kontodaten, Anmeldungen und E-Mail-Inhalte löschen wir, sobald Sie es verlangen oder sie nicht mehr gebraucht werden. Bestellungen und Rechnungen bleiben gesperrt bis zum Ende der gesetzlichen Aufbewahrungsfrist und werden danach automatisch gelöscht.
`,
  terms: `## § 1 Geltungsbereich

Diese Allgemeinen Geschäftsbedingungen gelten für alle Verträge, die Sie über den Shop „{store}“ mit {name}, {address} (im Folgenden „wir“) schließen.

## § 2 Vertragsschluss

Die Darstellung der Produkte ist kein bindendes Angebot. Mit dem Klick auf „Zahlungspflichtig bestellen“ geben Sie ein verbindliches Angebot ab. Der Vertrag kommt zustande, wenn wir die Bestellung per E-Mail bestätigen oder die Inhalte bereitstellen.

## § 3 Preise und Zahlung

Alle Preise sind Endpreise. Die Zahlung erfolgt über die im Bestellvorgang angebotenen Zahlungsarten.

## § 4 Bereitstellung digitaler Inhalte

Digitale Inhalte stellen wir nach Zahlungseingang als Download bereit; den Link erhalten Sie auch per E-Mail. In Ihrer Bibliothek können Sie Ihre Käufe erneut herunterladen.

## § 5 Nutzungsrechte

Sie erhalten ein einfaches, nicht übertragbares Recht, die Inhalte für eigene Zwecke zu nutzen. Eine Weitergabe oder Veröffentlichung ist nicht erlaubt, soweit beim Produkt nichts anderes angegeben ist.

## § 6 Widerrufsrecht

Verbraucherinnen und Verbrauchern steht ein Widerrufsrecht nach Maßgabe der [Widerrufsbelehrung](/widerruf) zu.

## § 7 Gewährleistung

Es gelten die gesetzlichen Vorschriften, für digitale Produkte insbesondere §§ 327 ff. BGB.
`,
  withdrawal: `## Widerrufsbelehrung

### Widerrufsrecht

Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen. Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag des Vertragsabschlusses.

Um Ihr Widerrufsrecht auszuüben, müssen Sie uns ({name}, {address}, E-Mail: {email}) mittels einer eindeutigen Erklärung (z. B. ein mit der Post versandter Brief oder eine E-Mail) über Ihren Entschluss, diesen Vertrag zu widerrufen, informieren. Sie können dafür das beigefügte Muster-Widerrufsformular verwenden, das jedoch nicht vorgeschrieben ist. Sie können den Widerruf auch über die Schaltfläche „[Vertrag widerrufen](/withdraw)“ im Fuß jeder Seite erklären.

Zur Wahrung der Widerrufsfrist reicht es aus, dass Sie die Mitteilung über die Ausübung des Widerrufsrechts vor Ablauf der Widerrufsfrist absenden.

### Folgen des Widerrufs

Wenn Sie diesen Vertrag widerrufen, haben wir Ihnen alle Zahlungen, die wir von Ihnen erhalten haben, unverzüglich und spätestens binnen vierzehn Tagen ab dem Tag zurückzuzahlen, an dem die Mitteilung über Ihren Widerruf dieses Vertrags bei uns eingegangen ist. Für diese Rückzahlung verwenden wir dasselbe Zahlungsmittel, das Sie bei der ursprünglichen Transaktion eingesetzt haben, es sei denn, mit Ihnen wurde ausdrücklich etwas anderes vereinbart; in keinem Fall werden Ihnen wegen dieser Rückzahlung Entgelte berechnet.

### Erlöschen des Widerrufsrechts

Bei Verträgen über digitale Inhalte, die nicht auf einem körperlichen Datenträger geliefert werden, erlischt das Widerrufsrecht, wenn wir mit der Bereitstellung begonnen haben, nachdem Sie ausdrücklich zugestimmt haben, dass wir vor Ablauf der Widerrufsfrist mit der Bereitstellung beginnen, und Sie Ihre Kenntnis davon bestätigt haben, dass Sie durch Ihre Zustimmung mit Beginn der Bereitstellung Ihr Widerrufsrecht verlieren, und wir Ihnen eine Bestätigung des Vertrags zur Verfügung gestellt haben (§ 356 Abs. 5 BGB).

## Muster-Widerrufsformular

(Wenn Sie den Vertrag widerrufen wollen, dann füllen Sie bitte dieses Formular aus und senden Sie es zurück.)

- An {name}, {address}, E-Mail: {email}
- Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag über den Kauf der folgenden Waren (*)/die Erbringung der folgenden Dienstleistung (*)
- Bestellt am (*)/erhalten am (*)
- Name des/der Verbraucher(s)
- Anschrift des/der Verbraucher(s)
- Unterschrift des/der Verbraucher(s) (nur bei Mitteilung auf Papier)
- Datum

(*) Unzutreffendes streichen.
`,
  accessibility: `## Erklärung zur Barrierefreiheit

{name} ist bemüht, den Shop „{store}“ im Einklang mit dem Barrierefreiheitsstärkungsgesetz (BFSG) barrierefrei zugänglich zu machen.

### Stand der Vereinbarkeit

Die Seiten werden auf dem Server erzeugt und funktionieren ohne JavaScript. Sie sind mit der Tastatur bedienbar, haben eine sichtbare Fokus-Markierung, eine Sprungmarke zum Inhalt, beschriftete Formularfelder und Fehlermeldungen, die Screenreader ansagen. Texte lassen sich vergrößern. Produktdateien (z. B. PDFs) stammen von uns; ihre Barrierefreiheit prüfen wir laufend.

### Feedback und Kontakt

Sind Ihnen Mängel aufgefallen? Schreiben Sie uns: {email}

### Marktüberwachung

Zuständig ist die Marktüberwachungsbehörde des Bundeslandes, in dem wir unseren Sitz haben.
`,
};
