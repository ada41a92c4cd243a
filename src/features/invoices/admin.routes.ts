import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Invoice } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, readCapped, takeUpload } from '../catalog/multipart.js';
import { rateFetchWanted } from '../exchange-rates/fetch-rates.job.js';
import { importRates } from '../exchange-rates/import-rates.js';
import { latestRates } from '../exchange-rates/rates.js';
import type { RatesSectionView } from '../exchange-rates/rates-section.js';
import { CSV_BOM } from '../orders/csv.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { datevCsv, invoicesCsv, ossCsv } from './exports.js';
import { invoiceFileParams, parseInvoiceFile, sendInvoiceDocument } from './invoice-download.js';
import { InvoicesPage } from './invoices.page.js';
import { loadOssReport } from './oss-report.js';
import { periodOf } from './period.js';
import { findInvoice, invoicesIssuedBetween, type ListedInvoice } from './queries.js';
import { invoicesZip } from './zip.js';

/** eurofxref-hist.csv (every day since 1999) is about 2 MB. */
const RATES_MAX_BYTES = 16 * 1024 * 1024;

/** The creator's invoices: the list with the OSS report, the documents, the exports, ECB rate files. */
export function registerInvoicesAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  async function renderPage(
    req: FastifyRequest,
    reply: FastifyReply,
    query: Record<string, unknown>,
    opts: { status?: number; result?: RatesSectionView['result'] } = {},
  ) {
    const p = periodOf(query);
    const invoices = await invoicesIssuedBetween(db, p.fromIso, p.toIso);
    const ctx = await adminPageContext(req, reply, services);
    const configured = (await loadTaxSettings(db)) !== undefined;
    const fetching = await rateFetchWanted(db, services.config);
    const rates: RatesSectionView = {
      latest: await latestRates(db),
      fetchUrl: fetching ? services.config.exchangeRatesUrl : undefined,
      result: opts.result,
      from: p.from,
      to: p.to,
    };
    const oss = await loadOssReport(db, invoices, p.to);
    const list = pageOfInvoices(invoices, query.page);
    const view = { from: p.from, to: p.to, quarter: p.quarter, ...list, oss, configured, rates };
    return sendPage(reply, InvoicesPage({ ctx, view }), opts.status ?? 200);
  }

  app.get('/admin/invoices', guard, async (req, reply) => renderPage(req, reply, req.query as Record<string, unknown>));

  // ECB reference-rate files: imported all or nothing, the outcome shown on the invoices page.
  fastify.register(async (scoped) => {
    acceptMultipartForms(scoped, RATES_MAX_BYTES);
    scoped.post('/admin/invoices/exchange-rates', guard, async (req, reply) => {
      const { fields, upload } = takeUpload(req);
      const mb = RATES_MAX_BYTES / 1024 / 1024;
      if (!upload) return renderPage(req, reply, fields, { status: 400, result: { ok: false, error: 'noFile', mb } });
      const bytes = await readCapped(upload.stream, RATES_MAX_BYTES);
      if (!bytes) return renderPage(req, reply, fields, { status: 400, result: { ok: false, error: 'tooLarge', mb } });
      const result = await importRates(db, {
        text: bytes.toString('utf8'),
        source: 'upload',
        actor: currentAdmin(req).user.email,
      });
      return renderPage(req, reply, fields, { status: result.ok ? 200 : 400, result });
    });
  });

  app.get('/admin/invoices/:file', { ...guard, schema: { params: invoiceFileParams } }, async (req, reply) => {
    const { id, format } = parseInvoiceFile(req.params.file);
    return sendInvoiceDocument(services, reply, await findInvoice(db, id), format);
  });

  const exportOf = (
    name: string,
    type: string,
    make: (invoices: Invoice[], p: ReturnType<typeof periodOf>) => Promise<Buffer | string>,
  ) =>
    app.get(`/admin/invoices/${name}`, guard, async (req, reply) => {
      const p = periodOf(req.query as Record<string, unknown>);
      const body = await make(await invoicesIssuedBetween(db, p.fromIso, p.toIso), p);
      const [base, ext] = name.split('.');
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${base}-${p.from}-${p.to}.${ext}"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    });
  exportOf('export.zip', 'application/zip', (inv) => invoicesZip(services, inv, invoicesCsv(inv)));
  exportOf('export.csv', 'text/csv; charset=utf-8', async (inv) => CSV_BOM + invoicesCsv(inv));
  exportOf(
    'oss.csv',
    'text/csv; charset=utf-8',
    async (inv, p) => CSV_BOM + ossCsv(await loadOssReport(db, inv, p.to)),
  );
  exportOf('datev.csv', 'text/csv; charset=utf-8', async (inv, p) => {
    const s = await loadTaxSettings(db);
    return datevCsv(inv, {
      from: p.from,
      to: p.to,
      consultant: s?.datevConsultant ?? '',
      client: s?.datevClient ?? '',
    });
  });
}

const INVOICES_PER_PAGE = 50;

/** The period's invoices newest first, one page of them: the whole period still feeds the OSS report and the exports. */
function pageOfInvoices(invoices: ListedInvoice[], pageParam: unknown) {
  const pages = Math.max(1, Math.ceil(invoices.length / INVOICES_PER_PAGE));
  const asked = typeof pageParam === 'string' && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 1;
  const page = Math.min(Math.max(asked, 1), pages);
  const start = (page - 1) * INVOICES_PER_PAGE;
  const newestFirst = [...invoices].reverse();
  return {
    invoices: newestFirst.slice(start, start + INVOICES_PER_PAGE),
    total: invoices.length,
    page,
    hasNext: page < pages,
  };
}
