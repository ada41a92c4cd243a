/**
 * A calendar invitation travels with its email as iCalendar text. Mail clients
 * show it as an invitation only when the MIME part names the same METHOD as
 * the text, so the part's method is read from the text itself (one source).
 */
export function calendarMethod(ics: string): string {
  return /^METHOD:([A-Z-]+)\r?$/m.exec(ics)?.[1] ?? 'PUBLISH';
}
