import type { Db } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import { LEGAL_LINKS, WITHDRAW_PATH } from './links.js';

/** Emails are rendered where no request is at hand: the app remembers its public address at start. */
const PUBLIC_URL_KEY = 'store.public_url';

export async function rememberPublicUrl(db: Db, publicUrl: string): Promise<void> {
  if ((await readSetting(db, PUBLIC_URL_KEY)) !== publicUrl) await writeSetting(db, PUBLIC_URL_KEY, publicUrl);
}

export type FooterLink = { label: string; url: string };

/** The legal pages and the withdrawal button, one click away in every email. */
export async function emailFooterLinks(db: Db, locale: Locale): Promise<FooterLink[]> {
  const base = await readSetting(db, PUBLIC_URL_KEY);
  if (!base) return [];
  const t = translator(locale);
  return [
    ...LEGAL_LINKS.map((l) => ({ label: t(l.label), url: `${base}${l.path}` })),
    { label: t('legal.withdrawButton'), url: `${base}${WITHDRAW_PATH}` },
  ];
}
