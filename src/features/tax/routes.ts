import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { crossBorderB2cEur, netTurnoverEur } from '../invoices/queries.js';
import { EU_THRESHOLD_MINOR } from './place-of-supply.js';
import { smallBusinessStatus } from './small-business.js';
import { TaxPage, type TaxPageView } from './tax.page.js';
import {
  loadTaxSettings,
  loadTaxSettingsDraft,
  saveTaxSettings,
  taxSettingsFormSchema,
  xrechnungContactComplete,
} from './tax-settings.js';

export function registerTaxRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  async function view(values: Record<string, string>, extra: Partial<TaxPageView> = {}): Promise<TaxPageView> {
    const settings = await loadTaxSettings(db);
    const year = new Date().getUTCFullYear();
    const country = settings?.country ?? 'DE';
    const counters = {
      thisYear: await netTurnoverEur(db, year),
      lastYear: await netTurnoverEur(db, year - 1),
      crossThisYear: await crossBorderB2cEur(db, year, country),
      crossLastYear: await crossBorderB2cEur(db, year - 1, country),
    };
    const status = smallBusinessStatus({ lastYearMinor: counters.lastYear, thisYearMinor: counters.thisYear });
    return {
      values,
      counters,
      warnings: settings?.mode === 'regular' ? [] : status.warnings,
      ossCrossed: Math.max(counters.crossThisYear, counters.crossLastYear) > EU_THRESHOLD_MINOR,
      xrechnung: settings ? xrechnungContactComplete(settings) : undefined,
      ...extra,
    };
  }

  app.get('/admin/tax', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const notice = (req.query as { saved?: string }).saved ? ('saved' as const) : undefined;
    return sendPage(
      reply,
      TaxPage({ ctx, view: await view(await loadTaxSettingsDraft(db), notice ? { notice } : {}) }),
    );
  });

  app.post('/admin/tax', guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    values.ossOptIn = values.ossOptIn === '1' ? '1' : '0';
    const parsed = taxSettingsFormSchema.safeParse({ ...values, ossOptIn: values.ossOptIn === '1' });
    if (!parsed.success) {
      const errors: TaxPageView['errors'] = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] = errorKey(issue.message);
      const ctx = await adminPageContext(req, reply, services);
      return sendPage(reply, TaxPage({ ctx, view: await view(values, { errors, notice: 'invalid' }) }), 400);
    }
    await saveTaxSettings(db, parsed.data);
    await recordAudit(db, currentAdmin(req).user.email, 'tax.settings_saved', {
      mode: parsed.data.mode,
      country: parsed.data.country,
    });
    return reply.redirect('/admin/tax?saved=1', 303);
  });
}

const ERROR_KEYS = {
  vatId: 'tax.error.vatId',
  taxId: 'tax.error.taxId',
  email: 'tax.error.email',
  phone: 'tax.error.phone',
  url: 'tax.error.url',
  datev: 'tax.error.datev',
  prefix: 'tax.error.prefix',
} as const satisfies Record<string, MessageKey>;

function errorKey(message: string): MessageKey {
  return ERROR_KEYS[message as keyof typeof ERROR_KEYS] ?? 'tax.error.required';
}
