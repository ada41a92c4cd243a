import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { demoPrice } from '../catalog/demo-products.js';
import { claimSetting, clearSettingsCache, getStoreSettings } from '../settings/store-settings.js';
import { saveTier } from './save-tier.js';
import type { TierValues } from './tiers.js';

const DEMO_CLAIM = 'demo.memberships_added';

type DemoTier = Omit<TierValues, 'monthlyMinor' | 'yearlyMinor' | 'isFree' | 'position' | 'active'>;

/** The market letter of the product brief: a free weekly letter and a paid one with the full analyses. */
const DEMO_TIERS: Record<Locale, { free: DemoTier; paid: DemoTier }> = {
  en: {
    free: {
      name: 'Weekly letter',
      slug: 'weekly-letter',
      descriptionMd: 'The weekly overview, free by email.',
      benefits: ['The weekly overview by email', 'Public posts in the archive'],
    },
    paid: {
      name: 'Market letter',
      slug: 'market-letter',
      descriptionMd: 'Every analysis in full, by email and on the web.',
      benefits: ['Every analysis in full', 'The whole archive', 'Cancel any time to the end of the period'],
    },
  },
  de: {
    free: {
      name: 'Wochenbrief',
      slug: 'wochenbrief',
      descriptionMd: 'Der Wochenüberblick, kostenlos per E-Mail.',
      benefits: ['Der Wochenüberblick per E-Mail', 'Öffentliche Beiträge im Archiv'],
    },
    paid: {
      name: 'Marktbrief',
      slug: 'marktbrief',
      descriptionMd: 'Jede Analyse vollständig, per E-Mail und im Web.',
      benefits: ['Jede Analyse vollständig', 'Das ganze Archiv', 'Jederzeit zum Ende des Zeitraums kündbar'],
    },
  },
};

/**
 * The demo store's memberships: a free tier and a paid tier (monthly and
 * yearly). Runs once: the claim is taken first, so concurrent starts add
 * the tiers at most once.
 */
export async function addDemoMemberships(services: Services): Promise<{ added: boolean }> {
  const { db } = services.database;
  if (!(await claimSetting(db, DEMO_CLAIM, isoNow()))) return { added: false };
  clearSettingsCache();
  const { locale, currency } = await getStoreSettings(db);
  const texts = DEMO_TIERS[locale];
  const common = { descriptionMd: '', active: true, monthlyMinor: null, yearlyMinor: null };
  await saveTier(db, {
    id: null,
    values: { ...common, ...texts.free, isFree: true, position: 0 },
    currency,
    actor: 'demo',
  });
  await saveTier(db, {
    id: null,
    values: {
      ...common,
      ...texts.paid,
      isFree: false,
      position: 1,
      monthlyMinor: demoPrice(9, currency),
      yearlyMinor: demoPrice(90, currency),
    },
    currency,
    actor: 'demo',
  });
  return { added: true };
}
