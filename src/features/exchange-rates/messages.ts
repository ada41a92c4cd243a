import { defineMessages } from '../../web/i18n.js';

export const exchangeRatesMessages = defineMessages(
  {
    'rates.title': 'Exchange rates (ECB)',
    'rates.intro':
      'Sales in other currencies are converted at the euro reference rates of the European Central Bank. Import its files here: eurofxref-hist.csv (every day since 1999, inside eurofxref-hist.zip), eurofxref.csv or eurofxref-daily.xml.',
    'rates.none': 'No rates imported yet.',
    'rates.currency': 'Currency',
    'rates.latest': 'Latest day imported',
    'rates.fetch.on': 'The day’s ECB rates are downloaded automatically every working day from {url}.',
    'rates.fetch.off':
      'Rates are not downloaded automatically (only while the store sells in other currencies than EUR, unless EXCHANGE_RATES_FETCH=on): import them here.',
    'rates.file': 'ECB file (CSV or XML)',
    'rates.button': 'Import rates',
    'rates.imported':
      '{imported} of {total} rates imported ({currencies} currencies, {from} to {to}); the others were stored already.',
    'rates.conflicts': '{count} rates in the file differ from the stored ones; the stored values were kept:',
    'rates.conflict': '{currency} {date}: file {rate}, stored {stored}',
    'rates.error.noFile': 'Choose a file to import.',
    'rates.error.tooLarge': 'The file is larger than {mb} MB.',
    'rates.error.empty': 'The file holds no rates.',
    'rates.error.not-ecb':
      'This is not an ECB reference-rate file: expected the header “Date, USD, JPY, …” (CSV) or the ECB’s XML.',
    'rates.error.malformed': 'The file cannot be read: it is broken at line {line}.',
    'rates.error.problems':
      'Nothing was imported: {count} entries are not valid. Correct the file and upload it again.',
    'rates.place.line': 'Line {line}, {column}',
    'rates.problem.date': '{place}: “{value}” is not a date.',
    'rates.problem.rate': '{place}: “{value}” is not a rate.',
    'rates.problem.currency': '{place}: “{value}” is not a currency code.',
    'rates.problem.columns': '{place}: {value} rates, but the header names another number of currencies.',
    'rates.problem.duplicate': '{place}: a second, different rate ({value}) for the same day.',
    'rates.problem.more': '… and {count} more.',
  },
  {
    'rates.title': 'Wechselkurse (EZB)',
    'rates.intro':
      'Umsätze in anderen Währungen werden zu den Euro-Referenzkursen der Europäischen Zentralbank umgerechnet. Importieren Sie hier ihre Dateien: eurofxref-hist.csv (alle Tage seit 1999, in eurofxref-hist.zip), eurofxref.csv oder eurofxref-daily.xml.',
    'rates.none': 'Noch keine Kurse importiert.',
    'rates.currency': 'Währung',
    'rates.latest': 'Letzter importierter Tag',
    'rates.fetch.on': 'Die EZB-Kurse des Tages werden an jedem Arbeitstag automatisch von {url} geladen.',
    'rates.fetch.off':
      'Kurse werden nicht automatisch geladen (nur solange der Shop in anderen Währungen als EUR verkauft, außer mit EXCHANGE_RATES_FETCH=on): Importieren Sie sie hier.',
    'rates.file': 'EZB-Datei (CSV oder XML)',
    'rates.button': 'Kurse importieren',
    'rates.imported':
      '{imported} von {total} Kursen importiert ({currencies} Währungen, {from} bis {to}); die übrigen waren schon gespeichert.',
    'rates.conflicts':
      '{count} Kurse der Datei weichen von den gespeicherten ab; die gespeicherten Werte wurden behalten:',
    'rates.conflict': '{currency} {date}: Datei {rate}, gespeichert {stored}',
    'rates.error.noFile': 'Wählen Sie eine Datei zum Importieren.',
    'rates.error.tooLarge': 'Die Datei ist größer als {mb} MB.',
    'rates.error.empty': 'Die Datei enthält keine Kurse.',
    'rates.error.not-ecb':
      'Das ist keine Referenzkurs-Datei der EZB: erwartet wird die Kopfzeile „Date, USD, JPY, …“ (CSV) oder das XML der EZB.',
    'rates.error.malformed': 'Die Datei ist nicht lesbar: sie ist in Zeile {line} fehlerhaft.',
    'rates.error.problems':
      'Nichts wurde importiert: {count} Einträge sind ungültig. Korrigieren Sie die Datei und laden Sie sie erneut hoch.',
    'rates.place.line': 'Zeile {line}, {column}',
    'rates.problem.date': '{place}: „{value}“ ist kein Datum.',
    'rates.problem.rate': '{place}: „{value}“ ist kein Kurs.',
    'rates.problem.currency': '{place}: „{value}“ ist kein Währungscode.',
    'rates.problem.columns': '{place}: {value} Kurse, aber die Kopfzeile nennt eine andere Zahl von Währungen.',
    'rates.problem.duplicate': '{place}: ein zweiter, anderer Kurs ({value}) für denselben Tag.',
    'rates.problem.more': '… und {count} weitere.',
  },
);
