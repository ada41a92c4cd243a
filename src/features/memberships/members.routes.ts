import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, readCapped, takeUpload } from '../catalog/multipart.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { endSubscriptionNow } from './cancel-subscription.js';
import { importMembers } from './import-members.js';
import { MemberDetailPage, MembersPage } from './members.page.js';
import { csvLine, type SkippedRow } from './members-csv.js';
import { listMembers, loadMemberDetail, memberFilterQuery, membersForExport } from './members-queries.js';
import { listTiers } from './tiers.js';

const idParams = z.object({ id: z.uuid() });
const subParams = z.object({ id: z.uuid(), sub: z.uuid() });
const noticeQuery = z.object({ notice: z.enum(['ended']).optional().catch(undefined) });
/** A CSV of members: 10 MB is some 100,000 rows. */
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const EXPORT_HEADER = [
  'email',
  'name',
  'email_status',
  'source',
  'signed_up_at',
  'confirmed_at',
  'subscriptions',
  'consent_purpose',
  'consent_given_at',
  'consent_confirmed_at',
  'consent_ip',
  'consent_text_version',
  'consent_text',
];

/** Admin: members list with filters, detail, CSV export and import. */
export function registerMembersAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/members', { ...guard, schema: { querystring: memberFilterQuery } }, async (req, reply) => {
    const [ctx, list, tiers] = await Promise.all([
      adminPageContext(req, reply, services),
      listMembers(db, req.query),
      listTiers(db),
    ]);
    return sendPage(reply, MembersPage({ ctx, list, filters: req.query, tiers }));
  });

  app.get('/admin/members/export.csv', { ...guard, schema: { querystring: memberFilterQuery } }, async (req, reply) => {
    const filters = req.query;
    async function* lines() {
      yield `\uFEFF${csvLine(EXPORT_HEADER)}`;
      for await (const batch of membersForExport(db, filters)) {
        let chunk = '';
        for (const { member: m, consent: c, subs } of batch) {
          chunk += csvLine([
            m.email,
            m.name,
            m.email_status,
            m.source,
            m.created_at,
            m.confirmed_at,
            subs.map((s) => `${s.name}:${s.status}`).join('; '),
            c?.purpose,
            c?.given_at,
            c?.confirmed_at,
            c?.ip,
            c?.text_version,
            c?.text,
          ]);
        }
        yield chunk;
      }
    }
    const { Readable } = await import('node:stream');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="members.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });

  fastify.register(async (scoped) => {
    acceptMultipartForms(scoped, IMPORT_MAX_BYTES);
    scoped.post('/admin/members/import', guard, async (req, reply) => {
      const { upload } = takeUpload(req);
      const [ctx, tiers, settings] = await Promise.all([
        adminPageContext(req, reply, services),
        listTiers(db),
        getStoreSettings(db),
      ]);
      const filters = memberFilterQuery.parse({});
      const page = async (
        status: number,
        view: { importError?: string; report?: { imported: number; skipped: SkippedRow[] } },
      ) => sendPage(reply, MembersPage({ ctx, list: await listMembers(db, filters), filters, tiers, ...view }), status);
      if (!upload) return page(400, { importError: ctx.t('memberships.import.noFile') });
      const bytes = await readCapped(upload.stream, IMPORT_MAX_BYTES);
      if (!bytes) return page(400, { importError: ctx.t('memberships.import.tooLarge') });
      const report = await importMembers(db, {
        csv: bytes,
        locale: settings.locale,
        actor: currentAdmin(req).user.email,
      });
      if (!report.ok)
        return page(400, {
          importError: ctx.t(report.error === 'empty' ? 'memberships.import.empty' : 'memberships.import.noEmail'),
        });
      return page(200, { report });
    });
  });

  app.get(
    '/admin/members/:id',
    { ...guard, schema: { params: idParams, querystring: noticeQuery } },
    async (req, reply) => {
      const detail = await loadMemberDetail(db, req.params.id);
      if (!detail) throw notFound('Member not found');
      const ctx = await adminPageContext(req, reply, services);
      const notice = req.query.notice ? ctx.t('memberships.members.ended') : undefined;
      return sendPage(reply, MemberDetailPage({ ctx, detail, notice }));
    },
  );

  app.post(
    '/admin/members/:id/subscriptions/:sub/end',
    { ...guard, schema: { params: subParams } },
    async (req, reply) => {
      const detail = await loadMemberDetail(db, req.params.id);
      if (!detail?.subscriptions.some((s) => s.id === req.params.sub)) throw notFound('Subscription not found');
      await endSubscriptionNow(services, req.params.sub, currentAdmin(req).user.email);
      return reply.redirect(`/admin/members/${req.params.id}?notice=ended`, 303);
    },
  );
}
