import type { Locale } from '../../web/i18n.js';

/** What the demo show says, in the store's language; content rather than interface text. */

export type DemoEpisodeKey = 'trailer' | 'e1' | 'e2' | 'e3' | 'next';

export type DemoEpisodeText = { title: string; summary: string; notes: string };

export type DemoShowText = {
  title: string;
  summary: string;
  description: string;
  author: string;
  chapters: [string, string, string];
  episodes: Record<DemoEpisodeKey, DemoEpisodeText>;
};

export const DEMO_SHOW: Record<Locale, DemoShowText> = {
  en: {
    title: 'Studio notes',
    summary: 'A short weekly podcast from the studio: how the work gets made, for members of the market letter.',
    description:
      'Every week, a few minutes from the studio: what I am working on, what went wrong, and what I would do differently. Members of the market letter hear every episode in their own podcast app; the trailer is free for everyone.',
    author: 'Vielfach Demo',
    chapters: ['Hello', 'The idea', 'Next week'],
    episodes: {
      trailer: {
        title: 'Welcome to Studio notes',
        summary: 'What this podcast is about, in under a minute.',
        notes: 'A short welcome. *This is demo content of your new Vielfach store — edit or delete it in the admin.*',
      },
      e1: {
        title: 'Starting from an empty page',
        summary: 'How a new product begins: a notebook, a walk and one question.',
        notes: '- The question I ask before anything else\n- Why the first draft is always too long',
      },
      e2: {
        title: 'Pricing without fear',
        summary: 'Three prices I tried, and what the numbers said.',
        notes: 'The leverage figures of the store show which products earn beyond the hours put in.',
      },
      e3: {
        title: 'What the members asked',
        summary: 'Answers to this month’s questions, with chapters.',
        notes: 'Chapters: hello, the idea, next week.',
      },
      next: {
        title: 'A look behind the launch',
        summary: 'The week before a launch, hour by hour.',
        notes: 'Out next week.',
      },
    },
  },
  de: {
    title: 'Atelier-Notizen',
    summary:
      'Ein kurzer wöchentlicher Podcast aus dem Atelier: wie die Arbeit entsteht, für Mitglieder des Marktbriefs.',
    description:
      'Jede Woche ein paar Minuten aus dem Atelier: woran ich arbeite, was schiefging und was ich anders machen würde. Mitglieder des Marktbriefs hören jede Folge in ihrer eigenen Podcast-App; der Trailer ist für alle frei.',
    author: 'Vielfach Demo',
    chapters: ['Hallo', 'Die Idee', 'Nächste Woche'],
    episodes: {
      trailer: {
        title: 'Willkommen bei den Atelier-Notizen',
        summary: 'Worum es in diesem Podcast geht, in weniger als einer Minute.',
        notes:
          'Eine kurze Begrüßung. *Dies ist Demo-Inhalt Ihres neuen Vielfach-Shops — bearbeiten oder löschen Sie ihn im Admin-Bereich.*',
      },
      e1: {
        title: 'Mit einer leeren Seite anfangen',
        summary: 'Wie ein neues Produkt beginnt: ein Notizbuch, ein Spaziergang und eine Frage.',
        notes: '- Die Frage, die ich mir zuerst stelle\n- Warum der erste Entwurf immer zu lang ist',
      },
      e2: {
        title: 'Preise ohne Angst',
        summary: 'Drei Preise, die ich ausprobiert habe, und was die Zahlen sagten.',
        notes: 'Die Hebel-Zahlen des Shops zeigen, welche Produkte mehr einbringen als die Stunden, die hineinflossen.',
      },
      e3: {
        title: 'Was die Mitglieder fragten',
        summary: 'Antworten auf die Fragen dieses Monats, mit Kapiteln.',
        notes: 'Kapitel: Hallo, die Idee, nächste Woche.',
      },
      next: {
        title: 'Ein Blick hinter den Start',
        summary: 'Die Woche vor einem Produktstart, Stunde für Stunde.',
        notes: 'Erscheint nächste Woche.',
      },
    },
  },
};
