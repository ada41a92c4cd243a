import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PostVisibility } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';

const DEMO_CLAIM = 'demo.posts_added';

type DemoPost = { slug: string; title: string; excerpt: string; body: string; visibility: PostVisibility };

/** The demo posts by role; the demo history dates them and sends the analysis and the review as newsletters. */
export const DEMO_POST_SLUGS: Record<Locale, { welcome: string; analysis: string; review: string }> = {
  en: { welcome: 'welcome', analysis: 'week-48-analysis', review: 'a-year-of-selling-once' },
  de: { welcome: 'willkommen', analysis: 'kw-48-analyse', review: 'ein-jahr-einmal-verkaufen' },
};

const DEMO_POSTS: Record<Locale, DemoPost[]> = {
  en: [
    {
      slug: 'welcome',
      title: 'Welcome to the market letter',
      excerpt: 'What you will read here every week, and how the letter works.',
      body: 'Every Monday a short overview goes out to everyone on the list.\n\nMembers of the **Market letter** tier read each analysis in full — by email and here on the web.',
      visibility: 'public',
    },
    {
      slug: 'week-48-analysis',
      title: 'Week 48: three charts that matter',
      excerpt: 'Rates, energy prices and what they mean for the next quarter.',
      body: 'This analysis is for paying members only: the page shows it to them and to nobody else.\n\n1. Rates\n2. Energy prices\n3. The next quarter',
      visibility: 'paid',
    },
    {
      slug: 'a-year-of-selling-once',
      title: 'A year of selling once, many times',
      excerpt: 'Four products, one letter and three weeks off: what the numbers say after twelve months.',
      body: 'A year ago every euro I earned came from an hour I worked for a client.\n\nToday the e-book, the templates, the plugin and this letter sell while I sleep — and kept selling during three weeks of holiday without a single working hour.\n\nThe leverage dashboard shows it as one picture: the hours flatten, the 1:n income keeps climbing.',
      visibility: 'public',
    },
  ],
  de: [
    {
      slug: 'willkommen',
      title: 'Willkommen beim Marktbrief',
      excerpt: 'Was Sie hier jede Woche lesen und wie der Brief funktioniert.',
      body: 'Jeden Montag geht ein kurzer Überblick an alle auf der Liste.\n\nMitglieder der Stufe **Marktbrief** lesen jede Analyse vollständig — per E-Mail und hier im Web.',
      visibility: 'public',
    },
    {
      slug: 'kw-48-analyse',
      title: 'KW 48: drei Grafiken, auf die es ankommt',
      excerpt: 'Zinsen, Energiepreise und was sie für das nächste Quartal bedeuten.',
      body: 'Diese Analyse ist nur für zahlende Mitglieder: Die Seite zeigt sie ihnen und sonst niemandem.\n\n1. Zinsen\n2. Energiepreise\n3. Das nächste Quartal',
      visibility: 'paid',
    },
    {
      slug: 'ein-jahr-einmal-verkaufen',
      title: 'Ein Jahr: einmal gemacht, vielfach verkauft',
      excerpt: 'Vier Produkte, ein Brief und drei Wochen Urlaub: was die Zahlen nach zwölf Monaten sagen.',
      body: 'Vor einem Jahr kam jeder Euro, den ich verdient habe, aus einer Stunde Arbeit für Kunden.\n\nHeute verkaufen sich das E-Book, die Vorlagen, das Plugin und dieser Brief, während ich schlafe — auch in drei Wochen Urlaub ohne eine einzige Arbeitsstunde.\n\nDie Auswertung „Hebelwirkung“ zeigt es in einem Bild: Die Stunden flachen ab, die 1:n-Einnahmen steigen weiter.',
      visibility: 'public',
    },
  ],
};

/** The demo store's posts: two public, one for paying members. Published, not emailed (the demo history records the sends); runs once. */
export async function addDemoPosts(db: Kysely<DB>): Promise<{ added: number }> {
  const { locale } = await getStoreSettings(db);
  return db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, DEMO_CLAIM, isoNow()))) return { added: 0 };
    const now = isoNow();
    for (const post of DEMO_POSTS[locale]) {
      await trx
        .insertInto('posts')
        .values({
          id: randomUUID(),
          slug: post.slug,
          title: post.title,
          excerpt: post.excerpt,
          body_md: post.body,
          visibility: post.visibility,
          tier_ids: '[]',
          send_email: 0,
          status: 'published',
          publish_at: null,
          published_at: now,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
    }
    return { added: DEMO_POSTS[locale].length };
  });
}
