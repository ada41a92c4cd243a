/**
 * Apple Podcasts' categories and subcategories, spelt exactly as Apple lists
 * them (itunes:category text attributes; "&" is written as such and escaped by
 * the XML writer). Source: Apple Podcasts Connect, "Podcast categories".
 */
export const APPLE_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Arts: ['Books', 'Design', 'Fashion & Beauty', 'Food', 'Performing Arts', 'Visual Arts'],
  Business: ['Careers', 'Entrepreneurship', 'Investing', 'Management', 'Marketing', 'Non-Profit'],
  Comedy: ['Comedy Interviews', 'Improv', 'Stand-Up'],
  Education: ['Courses', 'How To', 'Language Learning', 'Self-Improvement'],
  Fiction: ['Comedy Fiction', 'Drama', 'Science Fiction'],
  Government: [],
  History: [],
  'Health & Fitness': ['Alternative Health', 'Fitness', 'Medicine', 'Mental Health', 'Nutrition', 'Sexuality'],
  'Kids & Family': ['Education for Kids', 'Parenting', 'Pets & Animals', 'Stories for Kids'],
  Leisure: [
    'Animation & Manga',
    'Automotive',
    'Aviation',
    'Crafts',
    'Games',
    'Hobbies',
    'Home & Garden',
    'Video Games',
  ],
  Music: ['Music Commentary', 'Music History', 'Music Interviews'],
  News: [
    'Business News',
    'Daily News',
    'Entertainment News',
    'News Commentary',
    'Politics',
    'Sports News',
    'Tech News',
  ],
  'Religion & Spirituality': ['Buddhism', 'Christianity', 'Hinduism', 'Islam', 'Judaism', 'Religion', 'Spirituality'],
  Science: [
    'Astronomy',
    'Chemistry',
    'Earth Sciences',
    'Life Sciences',
    'Mathematics',
    'Natural Sciences',
    'Nature',
    'Physics',
    'Social Sciences',
  ],
  'Society & Culture': ['Documentary', 'Personal Journals', 'Philosophy', 'Places & Travel', 'Relationships'],
  Sports: [
    'Baseball',
    'Basketball',
    'Cricket',
    'Fantasy Sports',
    'Football',
    'Golf',
    'Hockey',
    'Rugby',
    'Running',
    'Soccer',
    'Swimming',
    'Tennis',
    'Volleyball',
    'Wilderness',
    'Wrestling',
  ],
  Technology: [],
  'True Crime': [],
  'TV & Film': ['After Shows', 'Film History', 'Film Interviews', 'Film Reviews', 'TV Reviews'],
};

/** The select's value for a category with an optional subcategory: "Arts" or "Arts/Design". */
export function categoryChoice(category: string, subcategory: string | null): string {
  return subcategory ? `${category}/${subcategory}` : category;
}

/** Reads a select value back into Apple's pair; undefined for anything not on Apple's list. */
export function parseCategoryChoice(value: string): { category: string; subcategory: string | null } | undefined {
  const slash = value.indexOf('/');
  const category = slash < 0 ? value : value.slice(0, slash);
  const sub = slash < 0 ? null : value.slice(slash + 1);
  const subs = Object.hasOwn(APPLE_CATEGORIES, category) ? APPLE_CATEGORIES[category] : undefined;
  if (!subs) return undefined;
  if (sub !== null && !subs.includes(sub)) return undefined;
  return { category, subcategory: sub };
}

/** Every choice in Apple's order: each category, then its subcategories. */
export function categoryChoices(): { value: string; category: string; subcategory: string | null }[] {
  return Object.entries(APPLE_CATEGORIES).flatMap(([category, subs]) => [
    { value: category, category, subcategory: null },
    ...subs.map((s) => ({ value: `${category}/${s}`, category, subcategory: s })),
  ]);
}

/** The languages a show may declare (BCP 47), in the order the editor offers them. */
export const SHOW_LANGUAGES = ['de', 'de-AT', 'de-CH', 'en', 'en-GB', 'en-US', 'fr', 'es', 'it', 'nl'] as const;
