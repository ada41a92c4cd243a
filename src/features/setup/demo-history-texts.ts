import type { EffortCategory } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';

/** The demo store's products, by role: three downloads, the plugin with licence keys, the paid membership, the online course. */
export type DemoProductKey = 'ebook' | 'bundle' | 'checklist' | 'plugin' | 'membership' | 'course';

/** The notes of the demo's work records: content the creator would have typed, in the store's language. */
type HistoryTexts = {
  effort: Record<DemoProductKey, Partial<Record<EffortCategory, readonly string[]>>>;
  clients: readonly string[];
  holiday: string;
};

export const HISTORY_TEXTS: Record<Locale, HistoryTexts> = {
  en: {
    effort: {
      ebook: {
        creation: [
          'Outline and first chapter',
          'Recipes and photos',
          'Troubleshooting chapter',
          'Layout and proofreading',
        ],
        support: ['Answered reader questions'],
      },
      checklist: { creation: ['Checklist draft and design'], support: ['Fixed a typo reported by a reader'] },
      bundle: {
        creation: ['Planning templates', 'Example content and instructions', 'Tested the templates with two creators'],
        support: ['Helped a buyer import the templates'],
      },
      plugin: {
        creation: ['Timer logic', 'Settings screen', 'Licence activation', 'Docs and screenshots'],
        update: ['Version 1.1: keyboard shortcuts'],
        support: ['Support emails'],
      },
      membership: {
        creation: ['Weekly letter and analysis', 'Set up the membership tiers'],
        support: ['Answered member emails'],
      },
      course: {
        creation: [
          'Course outline and lesson plan',
          'Filmed the plot walk for "Sun, shade and soil"',
          'Drew the example plans for the paths lesson',
          'Recorded the planting plan lesson',
          'Video editing and captions',
          'Plant list download, modules and release dates',
        ],
        support: ['Answered student questions about their plans'],
      },
    },
    clients: [
      'Website relaunch for a bakery',
      'Brand workshop for a dental practice',
      'Online shop for a florist',
      'Newsletter set-up for a yoga studio',
      'Consulting: pricing for an agency',
    ],
    holiday: 'Summer holiday',
  },
  de: {
    effort: {
      ebook: {
        creation: [
          'Gliederung und erstes Kapitel',
          'Rezepte und Fotos',
          'Kapitel zur Fehlersuche',
          'Satz und Korrektur',
        ],
        support: ['Fragen von Leserinnen beantwortet'],
      },
      checklist: {
        creation: ['Checkliste entworfen und gestaltet'],
        support: ['Tippfehler korrigiert, den ein Leser gemeldet hat'],
      },
      bundle: {
        creation: ['Planungsvorlagen', 'Beispielinhalte und Anleitung', 'Vorlagen mit zwei Kreativen getestet'],
        support: ['Einem Käufer beim Import der Vorlagen geholfen'],
      },
      plugin: {
        creation: ['Timer-Logik', 'Einstellungsseite', 'Lizenzaktivierung', 'Dokumentation und Screenshots'],
        update: ['Version 1.1: Tastenkürzel'],
        support: ['Support-E-Mails'],
      },
      membership: {
        creation: ['Wochenbrief und Analyse', 'Mitgliedsstufen eingerichtet'],
        support: ['E-Mails von Mitgliedern beantwortet'],
      },
      course: {
        creation: [
          'Kursgliederung und Lektionsplan',
          'Grundstücksrundgang für „Sonne, Schatten und Boden“ gefilmt',
          'Beispielpläne für die Lektion zu Wegen gezeichnet',
          'Lektion zum Pflanzplan aufgenommen',
          'Videoschnitt und Untertitel',
          'Pflanzenliste zum Herunterladen, Module und Freischaltung eingerichtet',
        ],
        support: ['Fragen von Teilnehmenden zu ihren Plänen beantwortet'],
      },
    },
    clients: [
      'Website-Relaunch für eine Bäckerei',
      'Markenworkshop für eine Zahnarztpraxis',
      'Onlineshop für ein Blumengeschäft',
      'Newsletter-Einrichtung für ein Yogastudio',
      'Beratung: Preisgestaltung für eine Agentur',
    ],
    holiday: 'Sommerurlaub',
  },
};
