import { styleText } from 'node:util';
import type { Services } from '../../services.js';
import type { DemoContent } from '../feature.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { ensureSetupCode } from './complete-setup.js';
import { setUpDemoStore } from './demo-store.js';

/** What the operator needs after start: where the store runs and the next step (demo login, set-up link, admin). */
export type StartUpNote = {
  url: string;
  database: string;
  email: string;
  adminUrl: string;
  next: { kind: 'demo'; login: string; password: string } | { kind: 'setup'; setupUrl: string } | { kind: 'admin' };
};

/** Prepares the demo store or the set-up code, and says what to do next. */
export async function startUpNote(services: Services, demoContent: readonly DemoContent[]): Promise<StartUpNote> {
  const { config, database } = services;
  const url = config.publicUrl;
  const base = { url, database: database.describe, email: services.mailer.kind, adminUrl: `${url}/admin` };
  if (config.demo) {
    const demo = await setUpDemoStore(services, { content: demoContent, locale: config.demo });
    return { ...base, next: { kind: 'demo', login: demo.email, password: demo.password } };
  }
  if (!(await getStoreSettings(database.db)).setupCompleted) {
    const code = await ensureSetupCode(database.db);
    return { ...base, next: { kind: 'setup', setupUrl: `${url}/setup?code=${code}` } };
  }
  return { ...base, next: { kind: 'admin' } };
}

/** The next step in one sentence: the message of the start-up log line (JSON logs, no terminal). */
export function startUpMessage(note: StartUpNote): string {
  const running = `Vielfach is running at ${note.url}.`;
  switch (note.next.kind) {
    case 'demo':
      return `${running} Demo store ready. Admin: ${note.adminUrl}  login: ${note.next.login}  password: ${note.next.password}`;
    case 'setup':
      return `${running} First start: set up your store at ${note.next.setupUrl}`;
    case 'admin':
      return `${running} Admin: ${note.adminUrl}`;
  }
}

/**
 * The same for a person at a terminal: a framed block printed after the
 * start-up logs, so the link or the login cannot be lost between log lines.
 * Colour only where the terminal takes it (styleText honours NO_COLOR).
 */
export function startUpBlock(note: StartUpNote): string {
  const rows: [string, string][] = [];
  let title: string;
  switch (note.next.kind) {
    case 'demo':
      title = 'Demo store ready — sign in:';
      rows.push(['Admin', note.adminUrl], ['Login', note.next.login], ['Password', note.next.password]);
      break;
    case 'setup':
      title = 'First start — open this link to set up your store:';
      rows.push(['Set-up', note.next.setupUrl]);
      break;
    case 'admin':
      title = 'Store ready:';
      rows.push(['Admin', note.adminUrl]);
      break;
  }
  const label = Math.max(...rows.map(([l]) => l.length)) + 2;
  const body = [
    `Vielfach is running at ${note.url}`,
    `Database: ${note.database} · Email: ${note.email}`,
    '',
    title,
    ...rows.map(([l, v]) => `  ${`${l}:`.padEnd(label)}${v}`),
  ];
  const width = Math.max(...body.map((l) => l.length));
  const bold = (s: string) => styleText('bold', s);
  const line = (s: string, n: number) => {
    const text = n === 0 || n === 3 ? bold(s) : n > 3 ? s.replace(/(\S+)$/, (v) => styleText('cyan', v)) : s;
    return `  │ ${text}${' '.repeat(width - s.length)} │`;
  };
  return ['', `  ┌${'─'.repeat(width + 2)}┐`, ...body.map(line), `  └${'─'.repeat(width + 2)}┘`, ''].join('\n');
}
