import type { Locale } from '../../web/i18n.js';

/** The demo plugin's texts, in the store's language. */
export type DemoPluginText = {
  slug: string;
  title: string;
  summary: string;
  description: (publicUrl: string) => string;
  fileLabel: string;
  fileName: string;
  readme: (publicUrl: string) => string;
};

const curl = (url: string) =>
  `curl -X POST ${url}/api/v1/licenses/activate -d license_key=YOUR-KEY -d instance_name=laptop`;

export const DEMO_PLUGIN_TEXTS: Record<Locale, DemoPluginText> = {
  en: {
    slug: 'focus-timer-plugin',
    title: 'Focus Timer Plugin',
    summary: 'A small editor plugin that comes with a licence key for up to three computers.',
    description: (url) =>
      [
        'A calm pomodoro timer for your editor. **This product shows licence keys:** every purchase issues a key, shown on the thank-you page, in the receipt and in your library.',
        'The key can be activated on up to three computers. Try it with the licence API:',
        `\`${curl(url)}\``,
      ].join('\n\n'),
    fileLabel: 'Plugin (ZIP)',
    fileName: 'focus-timer-plugin.zip',
    readme: (url) =>
      [
        'Focus Timer Plugin (demo)',
        '',
        'Activate your licence key on this computer:',
        `  ${curl(url)}`,
        '',
        'Or run: node activate.mjs YOUR-KEY',
        '',
      ].join('\n'),
  },
  de: {
    slug: 'fokus-timer-plugin',
    title: 'Fokus-Timer-Plugin',
    summary: 'Ein kleines Editor-Plugin mit Lizenzschlüssel für bis zu drei Computer.',
    description: (url) =>
      [
        'Ein ruhiger Pomodoro-Timer für Ihren Editor. **Dieses Produkt zeigt Lizenzschlüssel:** Mit jedem Kauf wird ein Schlüssel ausgegeben, angezeigt auf der Danke-Seite, in der Kaufbestätigung und in Ihrer Bibliothek.',
        'Der Schlüssel lässt sich auf bis zu drei Computern aktivieren. Probieren Sie es mit der Lizenz-API:',
        `\`${curl(url)}\``,
      ].join('\n\n'),
    fileLabel: 'Plugin (ZIP)',
    fileName: 'fokus-timer-plugin.zip',
    readme: (url) =>
      [
        'Fokus-Timer-Plugin (Demo)',
        '',
        'Aktivieren Sie Ihren Lizenzschlüssel auf diesem Computer:',
        `  ${curl(url)}`,
        '',
        'Oder: node activate.mjs IHR-SCHLUESSEL',
        '',
      ].join('\n'),
  },
};

/** A tiny client for the licence API, shipped inside the demo ZIP. */
export function activateScript(publicUrl: string): string {
  return `// Activates a licence key against ${publicUrl} (Node 18+).
import { hostname } from 'node:os';

const key = process.argv[2];
if (!key) throw new Error('usage: node activate.mjs YOUR-KEY');
const res = await fetch('${publicUrl}/api/v1/licenses/activate', {
  method: 'POST',
  headers: { accept: 'application/json' },
  body: new URLSearchParams({ license_key: key, instance_name: hostname() }),
});
const body = await res.json();
console.log(body.activated ? \`Activated: instance \${body.instance.id}\` : \`Not activated: \${body.error}\`);
`;
}
