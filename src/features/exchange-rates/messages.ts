import { defineMessages } from '../../web/i18n.js';

export const exchangeRatesMessages = defineMessages(
  {
    'exchangeRates.title': 'Exchange rates (ECB)',
    'exchangeRates.intro':
      'Sales in other currencies are converted at the euro reference rates of the European Central Bank. Import its files here: eurofxref-hist.csv (every day since 1999, inside eurofxref-hist.zip), eurofxref.csv or eurofxref-daily.xml.',
    'exchangeRates.none': 'No rates imported yet.',
    'exchangeRates.currency': 'Currency',
    'exchangeRates.latest': 'Latest day imported',
    'exchangeRates.fetch.on': 'The day’s ECB rates are downloaded automatically every working day from {url}.',
    'exchangeRates.fetch.off':
      'Rates are not downloaded automatically (only while the store sells in other currencies than EUR, unless EXCHANGE_RATES_FETCH=on): import them here.',
    'exchangeRates.file': 'ECB file (CSV or XML)',
    'exchangeRates.button': 'Import rates',
    'exchangeRates.imported':
      '{imported} of {total} rates imported ({currencies} currencies, {from} to {to}); the others were stored already.',
    'exchangeRates.conflicts': '{count} rates in the file differ from the stored ones; the stored values were kept:',
    'exchangeRates.conflict': '{currency} {date}: file {rate}, stored {stored}',
    'exchangeRates.error.noFile': 'Choose a file to import.',
    'exchangeRates.error.tooLarge': 'The file is larger than {mb} MB.',
    'exchangeRates.error.empty': 'The file holds no rates.',
    'exchangeRates.error.not-ecb':
      'This is not an ECB reference-rate file: expected the header “Date, USD, JPY, …” (CSV) or the ECB’s XML.',
    'exchangeRates.error.malformed': 'The file cannot be read: it is broken at line {line}.',
    'exchangeRates.error.problems':
      'Nothing was imported: {count} entries are not valid. Correct the file and upload it again.',
    'exchangeRates.place.line': 'Line {line}, {column}',
    'exchangeRates.problem.date': '{place}: “{value}” is not a date.',
    'exchangeRates.problem.rate': '{place}: “{value}” is not a rate.',
    'exchangeRates.problem.currency': '{place}: “{value}” is not a currency code.',
    'exchangeRates.problem.columns': '{place}: {value} rates, but the header names another number of currencies.',
    'exchangeRates.problem.duplicate': '{place}: a second, different rate ({value}) for the same day.',
    'exchangeRates.problem.more': '… and {count} more.',
  },
  {
    'exchangeRates.title': 'Wechselkurse (EZB)',
    'exchangeRates.intro':
      'Umsätze in anderen Währungen werden zu den Euro-Referenzkursen der Europäischen Zentralbank umgerechnet. Importieren Sie hier die Dateien der EZB: eurofxref-hist.csv (alle Tage seit 1999, in eurofxref-hist.zip), eurofxref.csv oder eurofxref-daily.xml.',
    'exchangeRates.none': 'Noch keine Kurse importiert.',
    'exchangeRates.currency': 'Währung',
    'exchangeRates.latest': 'Letzter importierter Tag',
    'exchangeRates.fetch.on': 'Die EZB-Kurse des Tages werden an jedem Arbeitstag automatisch von {url} geladen.',
    'exchangeRates.fetch.off':
      'Kurse werden nicht automatisch geladen (nur solange der Shop in anderen Währungen als EUR verkauft, außer mit EXCHANGE_RATES_FETCH=on): Importieren Sie sie hier.',
    'exchangeRates.file': 'EZB-Datei (CSV oder XML)',
    'exchangeRates.button': 'Kurse importieren',
    'exchangeRates.imported':
      '{imported} von {total} Kursen importiert ({currencies} Währungen, {from} bis {to}); die übrigen waren schon gespeichert.',
    'exchangeRates.conflicts':
      '{count} Kurse der Datei weichen von den gespeicherten ab; die gespeicherten Werte wurden behalten:',
    'exchangeRates.conflict': '{currency} {date}: Datei {rate}, gespeichert {stored}',
    'exchangeRates.error.noFile': 'Wählen Sie eine Datei zum Importieren.',
    'exchangeRates.error.tooLarge': 'Die Datei ist größer als {mb} MB.',
    'exchangeRates.error.empty': 'Die Datei enthält keine Kurse.',
    'exchangeRates.error.not-ecb':
      'Das ist keine Referenzkurs-Datei der EZB: erwartet wird die Kopfzeile „Date, USD, JPY, …“ (CSV) oder das XML der EZB.',
    'exchangeRates.error.malformed': 'Die Datei ist nicht lesbar: sie ist in Zeile {line} fehlerhaft.',
    'exchangeRates.error.problems':
      'Nichts wurde importiert: {count} Einträge sind ungültig. Korrigieren Sie die Datei und laden Sie sie erneut hoch.',
    'exchangeRates.place.line': 'Zeile {line}, {column}',
    'exchangeRates.problem.date': '{place}: „{value}“ ist kein Datum.',
    'exchangeRates.problem.rate': '{place}: „{value}“ ist kein Kurs.',
    'exchangeRates.problem.currency': '{place}: „{value}“ ist kein Währungscode.',
    'exchangeRates.problem.columns': '{place}: {value} Kurse, aber die Kopfzeile nennt eine andere Zahl von Währungen.',
    'exchangeRates.problem.duplicate': '{place}: ein zweiter, anderer Kurs ({value}) für denselben Tag.',
    'exchangeRates.problem.more': '… und {count} weitere.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    exchangeRates: typeof exchangeRatesMessages;
  }
}
