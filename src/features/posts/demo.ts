import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PostVisibility } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';

const DEMO_CLAIM = 'demo.posts_added';

type DemoPost = { slug: string; title: string; excerpt: string; body: string; visibility: PostVisibility };

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
  ],
};

/** The demo store's posts: one public, one for paying members. Published, never emailed; runs once. */
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
