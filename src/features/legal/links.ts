import type { MessageKey } from '../../web/messages.js';

/** The public legal pages; each has an English path and a German alias. */
export const LEGAL_LINKS: { kind: LegalLinkKind; path: string; alias: string; label: MessageKey }[] = [
  { kind: 'impressum', path: '/impressum', alias: '/legal-notice', label: 'legal.page.impressum' },
  { kind: 'privacy', path: '/privacy', alias: '/datenschutz', label: 'legal.page.privacy' },
  { kind: 'terms', path: '/terms', alias: '/agb', label: 'legal.page.terms' },
  { kind: 'withdrawal', path: '/withdrawal', alias: '/widerruf', label: 'legal.page.withdrawal' },
  { kind: 'accessibility', path: '/accessibility', alias: '/barrierefreiheit', label: 'legal.page.accessibility' },
];

export type LegalLinkKind = 'impressum' | 'privacy' | 'terms' | 'withdrawal' | 'accessibility';

/** The § 356a BGB withdrawal button's target: always one click away, without login. */
export const WITHDRAW_PATH = '/withdraw';
