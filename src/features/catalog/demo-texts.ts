import type { Locale } from '../../web/i18n.js';
import type { PdfPage, ZipEntry } from './demo-files.js';

/** What a demo product says, in one language; content rather than interface text. */
export type DemoText = {
  slug: string;
  title: string;
  summary: string;
  description: string;
  label: string;
  fileLabel: string;
  fileName: string;
  pages?: PdfPage[];
  zip?: ZipEntry[];
};

type DemoSet = { ebook: DemoText; bundle: DemoText; checklist: DemoText };

const CALENDAR_EN =
  'date,channel,topic,status\n2026-03-02,Newsletter,Behind the scenes,idea\n2026-03-05,Blog,How I price my work,draft\n';
const CALENDAR_DE =
  'Datum;Kanal;Thema;Status\n02.03.2026;Newsletter;Blick hinter die Kulissen;Idee\n05.03.2026;Blog;So kalkuliere ich meine Preise;Entwurf\n';

export const DEMO_TEXTS: Record<Locale, DemoSet> = {
  en: {
    ebook: {
      slug: 'sourdough-handbook',
      title: 'The Sourdough Handbook',
      summary: 'From starter to crusty loaf in seven days — a practical e-book for beginners.',
      description: [
        'Bake bread you are proud of, with nothing but flour, water, salt and patience.',
        '',
        '## What is inside',
        '',
        '- Day-by-day plan for your own starter',
        '- Three tried recipes, from a simple country loaf to rye',
        '- A troubleshooting chapter for flat, dense or sour loaves',
        '',
        '*PDF, 3 chapters. This is demo content of your new Vielfach store — edit or delete it in the admin.*',
      ].join('\n'),
      label: 'E-book',
      fileLabel: 'The Sourdough Handbook (PDF)',
      fileName: 'sourdough-handbook.pdf',
      pages: [
        {
          heading: 'Chapter 1 — Your starter',
          paragraphs: [
            'A sourdough starter is flour and water in which wild yeasts and lactic acid bacteria live. Mix 50 g wholemeal flour with 50 g water, cover loosely and keep it warm.',
            'Feed it every day: discard half, add 50 g flour and 50 g water. After five to seven days it doubles within a few hours of feeding. Now it is ready.',
          ],
        },
        {
          heading: 'Chapter 2 — The country loaf',
          paragraphs: [
            '500 g bread flour, 350 g water, 100 g active starter, 10 g salt. Mix, rest for an hour, add the salt, then fold four times every 30 minutes.',
            'Shape, proof overnight in the fridge and bake at 250 °C in a covered pot: 20 minutes with the lid, 25 minutes without.',
          ],
        },
        {
          heading: 'Chapter 3 — When things go wrong',
          paragraphs: [
            'Flat loaf? The dough proofed too long or the starter was weak. Dense crumb? Too short a proof. Too sour? Use a younger starter and a shorter cold proof.',
          ],
        },
      ],
    },
    bundle: {
      slug: 'creator-planning-templates',
      title: 'Creator Planning Templates',
      summary: 'Content calendar, launch checklist and budget sheet — pay what you want.',
      description: [
        'Plan a month of content and your next launch in one afternoon.',
        '',
        '## Included',
        '',
        '- Content calendar (CSV, opens in any spreadsheet)',
        '- Launch checklist (Markdown)',
        '- Simple budget sheet (CSV)',
        '',
        'Pay what you think it is worth. *Demo content — edit or delete it in the admin.*',
      ].join('\n'),
      label: 'Templates',
      fileLabel: 'Template bundle (ZIP)',
      fileName: 'creator-planning-templates.zip',
      zip: [
        { name: 'README.txt', content: 'Creator Planning Templates\n\nOpen the CSV files in any spreadsheet app.\n' },
        { name: 'content-calendar.csv', content: CALENDAR_EN },
        {
          name: 'launch-checklist.md',
          content:
            '# Launch checklist\n\n- [ ] Product page written\n- [ ] Cover image\n- [ ] Test purchase\n- [ ] Announcement email\n',
        },
        { name: 'budget.csv', content: 'item,cost\nHosting,5\nDomain,1\nEmail,0\n' },
      ],
    },
    checklist: {
      slug: 'launch-checklist',
      title: 'The Launch Checklist',
      summary: 'Twelve steps to launch your first digital product — free.',
      description: [
        'A one-page checklist to take you from idea to first sale. Free — just tell us where to send it.',
        '',
        '*Demo content — edit or delete it in the admin.*',
      ].join('\n'),
      label: 'Free',
      fileLabel: 'Checklist (PDF)',
      fileName: 'launch-checklist.pdf',
      pages: [
        {
          heading: 'The Launch Checklist',
          paragraphs: [
            '1. Name the one problem your product solves. 2. Write the product page first. 3. Make a cover. 4. Set a price. 5. Upload the files. 6. Make a test purchase.',
            '7. Tell ten people personally. 8. Send an announcement email. 9. Share it where your readers are. 10. Collect questions. 11. Improve the page. 12. Thank your first buyers.',
          ],
        },
      ],
    },
  },
  de: {
    ebook: {
      slug: 'sauerteig-handbuch',
      title: 'Das Sauerteig-Handbuch',
      summary: 'Vom Ansatz zum knusprigen Laib in sieben Tagen – ein praktisches E-Book für Einsteiger.',
      description: [
        'Backen Sie Brot, auf das Sie stolz sind – mit nichts als Mehl, Wasser, Salz und Geduld.',
        '',
        '## Das steht drin',
        '',
        '- Ein Tag-für-Tag-Plan für Ihren eigenen Sauerteig',
        '- Drei erprobte Rezepte, vom einfachen Landbrot bis zum Roggenbrot',
        '- Ein Kapitel zur Fehlersuche bei flachen, dichten oder sauren Broten',
        '',
        '*PDF, 3 Kapitel. Dies ist Beispielinhalt Ihres neuen Vielfach-Shops – bearbeiten oder löschen Sie ihn in der Verwaltung.*',
      ].join('\n'),
      label: 'E-Book',
      fileLabel: 'Das Sauerteig-Handbuch (PDF)',
      fileName: 'sauerteig-handbuch.pdf',
      pages: [
        {
          heading: 'Kapitel 1 – Ihr Sauerteig',
          paragraphs: [
            'Ein Sauerteig ist Mehl und Wasser, in dem wilde Hefen und Milchsäurebakterien leben. Verrühren Sie 50 g Vollkornmehl mit 50 g Wasser, decken Sie es locker ab und stellen Sie es warm.',
            'Füttern Sie ihn täglich: Die Hälfte wegnehmen, 50 g Mehl und 50 g Wasser dazugeben. Nach fünf bis sieben Tagen verdoppelt er sich wenige Stunden nach dem Füttern. Jetzt ist er bereit.',
          ],
        },
        {
          heading: 'Kapitel 2 – Das Landbrot',
          paragraphs: [
            '500 g Brotmehl, 350 g Wasser, 100 g aktiver Sauerteig, 10 g Salz. Mischen, eine Stunde ruhen lassen, Salz zugeben und viermal im Abstand von 30 Minuten dehnen und falten.',
            'Formen, über Nacht im Kühlschrank gehen lassen und bei 250 °C im geschlossenen Topf backen: 20 Minuten mit Deckel, 25 Minuten ohne.',
          ],
        },
        {
          heading: 'Kapitel 3 – Wenn etwas schiefgeht',
          paragraphs: [
            'Flaches Brot? Der Teig ist zu lange gegangen oder der Sauerteig war zu schwach. Dichte Krume? Zu kurze Gare. Zu sauer? Nehmen Sie einen jüngeren Sauerteig und eine kürzere kalte Gare.',
          ],
        },
      ],
    },
    bundle: {
      slug: 'planungsvorlagen-fuer-kreative',
      title: 'Planungsvorlagen für Kreative',
      summary: 'Redaktionsplan, Checkliste für den Start und Budgetblatt – zum Wunschpreis.',
      description: [
        'Planen Sie einen Monat Inhalte und Ihren nächsten Produktstart an einem Nachmittag.',
        '',
        '## Enthalten',
        '',
        '- Redaktionsplan (CSV, öffnet sich in jeder Tabellenkalkulation)',
        '- Checkliste für den Produktstart (Markdown)',
        '- Einfaches Budgetblatt (CSV)',
        '',
        'Zahlen Sie, was es Ihnen wert ist. *Beispielinhalt – bearbeiten oder löschen Sie ihn in der Verwaltung.*',
      ].join('\n'),
      label: 'Vorlagen',
      fileLabel: 'Vorlagenpaket (ZIP)',
      fileName: 'planungsvorlagen.zip',
      zip: [
        {
          name: 'LIESMICH.txt',
          content: 'Planungsvorlagen für Kreative\n\nÖffnen Sie die CSV-Dateien in einer Tabellenkalkulation.\n',
        },
        { name: 'redaktionsplan.csv', content: CALENDAR_DE },
        {
          name: 'checkliste-produktstart.md',
          content:
            '# Checkliste für den Produktstart\n\n- [ ] Produktseite geschrieben\n- [ ] Titelbild\n- [ ] Testkauf\n- [ ] Ankündigungs-E-Mail\n',
        },
        { name: 'budget.csv', content: 'Posten;Kosten\nHosting;5\nDomain;1\nE-Mail;0\n' },
      ],
    },
    checklist: {
      slug: 'checkliste-produktstart',
      title: 'Die Checkliste für den Produktstart',
      summary: 'Zwölf Schritte zu Ihrem ersten digitalen Produkt – kostenlos.',
      description: [
        'Eine Checkliste auf einer Seite, von der Idee bis zum ersten Verkauf. Kostenlos – sagen Sie uns einfach, wohin wir sie schicken sollen.',
        '',
        '*Beispielinhalt – bearbeiten oder löschen Sie ihn in der Verwaltung.*',
      ].join('\n'),
      label: 'Gratis',
      fileLabel: 'Checkliste (PDF)',
      fileName: 'checkliste-produktstart.pdf',
      pages: [
        {
          heading: 'Die Checkliste für den Produktstart',
          paragraphs: [
            '1. Benennen Sie das eine Problem, das Ihr Produkt löst. 2. Schreiben Sie zuerst die Produktseite. 3. Gestalten Sie ein Titelbild. 4. Legen Sie einen Preis fest. 5. Laden Sie die Dateien hoch. 6. Machen Sie einen Testkauf.',
            '7. Erzählen Sie zehn Menschen persönlich davon. 8. Verschicken Sie eine Ankündigung. 9. Teilen Sie es dort, wo Ihre Leser sind. 10. Sammeln Sie Fragen. 11. Verbessern Sie die Seite. 12. Danken Sie Ihren ersten Käufern.',
          ],
        },
      ],
    },
  },
};

/** The demo store's welcome on its home page (what the store intro editor saves). */
export const DEMO_INTRO: Record<Locale, { headline: string; text: string }> = {
  en: {
    headline: 'Bread, plans and tools, made once for many',
    text: [
      'Hello! I bake, write and build small tools. Here you find what I made once and share with many:',
      'e-books, templates and a plugin, and a membership with a new recipe every month.',
      '',
      '*Demo content: write your own welcome in the admin under “Store home”.*',
    ].join('\n'),
  },
  de: {
    headline: 'Brot, Pläne und Werkzeuge, einmal gemacht für viele',
    text: [
      'Hallo! Ich backe, schreibe und baue kleine Werkzeuge. Hier finden Sie, was ich einmal gemacht habe',
      'und mit vielen teile: E-Books, Vorlagen und ein Plugin, dazu eine Mitgliedschaft mit einem neuen',
      'Rezept jeden Monat.',
      '',
      '*Demo-Inhalt: Ihre eigene Begrüßung schreiben Sie im Admin unter „Shop-Startseite“.*',
    ].join('\n'),
  },
};
