import { formatTimeRange, isLocale } from '../../web/i18n.js';
import type { Slot } from './slot-types.js';

/** "Tue, 8 Dec 2026, 10:00–11:00" (with `zone`: "… CET") on the given clock. */
export function slotLabel(slot: Slot, locale: string, timeZone: string, opts: { zone?: boolean } = {}): string {
  return formatTimeRange(slot.start, slot.end, isLocale(locale) ? locale : 'en', timeZone, opts);
}
