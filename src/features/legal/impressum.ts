import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import type { Translate } from '../../web/messages.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';

const IMPRESSUM_KEY = 'legal.impressum';

/** The § 5 DDG fields as a guided form; every one may be empty until the creator fills it in. */
export const impressumSchema = z.object({
  name: z.string().trim().max(200).default(''),
  address: z.string().trim().max(500).default(''),
  email: z.union([z.literal(''), z.email().max(320)]).default(''),
  phone: z.string().trim().max(60).default(''),
  contactForm: z.union([z.literal(''), z.url({ protocol: /^https$/ }).max(500)]).default(''),
  vatId: z.string().trim().max(40).default(''),
  register: z.string().trim().max(200).default(''),
  responsible: z.string().trim().max(300).default(''),
});

export type Impressum = z.infer<typeof impressumSchema>;
export const IMPRESSUM_FIELDS = Object.keys(impressumSchema.shape) as (keyof Impressum)[];

export async function readImpressum(db: Db): Promise<Impressum> {
  const raw = await readSetting(db, IMPRESSUM_KEY);
  try {
    const parsed = impressumSchema.safeParse(raw ? JSON.parse(raw) : {});
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the empty form
  }
  return impressumSchema.parse({});
}

export function writeImpressum(db: Db, value: Impressum): Promise<void> {
  return writeSetting(db, IMPRESSUM_KEY, JSON.stringify(value));
}

/** Required by § 5 DDG: who, where, and two fast ways to get in touch. */
export function missingImpressumFields(i: Impressum): (keyof Impressum)[] {
  const missing: (keyof Impressum)[] = [];
  for (const k of ['name', 'address', 'email'] as const) if (!i[k]) missing.push(k);
  if (!i.phone && !i.contactForm) missing.push('phone');
  return missing;
}

/** Markdown-escaped, so a name like "*Foo*" is shown as written. */
function esc(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** The public legal notice, built from the fields (only those filled in). */
export function impressumMarkdown(i: Impressum, t: Translate): string {
  const lines: string[] = [];
  if (i.name || i.address) lines.push([i.name, ...i.address.split(/\r?\n/)].filter(Boolean).map(esc).join('  \n'));
  const contact: string[] = [];
  if (i.email) contact.push(`${t('legal.impressum.emailLabel')}: <${i.email}>`);
  if (i.phone) contact.push(`${t('legal.impressum.phoneLabel')}: ${esc(i.phone)}`);
  if (i.contactForm) contact.push(`${t('legal.impressum.formLabel')}: <${i.contactForm}>`);
  if (contact.length) lines.push(`## ${t('legal.impressum.h.contact')}\n\n${contact.join('  \n')}`);
  if (i.vatId) lines.push(`## ${t('legal.impressum.h.vat')}\n\n${esc(i.vatId)}`);
  if (i.register) lines.push(`## ${t('legal.impressum.h.register')}\n\n${esc(i.register)}`);
  if (i.responsible) lines.push(`## ${t('legal.impressum.h.responsible')}\n\n${esc(i.responsible)}`);
  return lines.join('\n\n');
}

/** What a template shows where the legal notice is still empty, in the template's language. */
const GAPS = {
  de: { name: '[Name]', address: '[Anschrift]', email: '[E-Mail]' },
  en: { name: '[Name]', address: '[Address]', email: '[Email]' },
} as const;

/** Fills a template's placeholders from the legal notice and the store name. */
export function fillTemplate(template: string, i: Impressum, storeName: string, locale: 'en' | 'de' = 'en'): string {
  const gap = GAPS[locale];
  const values: Record<string, string> = {
    store: storeName,
    name: i.name || gap.name,
    address: i.address.replace(/\r?\n/g, ', ') || gap.address,
    email: i.email || gap.email,
  };
  return template.replace(/\{(store|name|address|email)\}/g, (_m, k: string) => values[k] ?? '');
}
