import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { eventEditor, eventParams } from './admin-editor.js';
import { addSession, deleteSession, setCapacity, setRecordingUrl } from './edit-event.js';
import {
  cancelForm,
  capacityForm,
  checkMove,
  checkSession,
  MAX_CAPACITY,
  moveForm,
  readCount,
  readUrl,
  recordingForm,
  sessionForm,
} from './event-input.js';
import { createReplay } from './replay.js';
import { cancelSession, moveSession } from './session-changes.js';

const sessionParams = eventParams.extend({ sessionId: z.uuid() });

/** An event's sessions: add (one or a weekly series), capacity, move, cancel, recording link, delete. */
export function registerSessionAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
  const { eventOr404, refuse } = eventEditor(services);
  const timeZone = async (req: FastifyRequest, reply: Parameters<typeof adminPageContext>[1]) =>
    (await adminPageContext(req, reply, services)).timeZone;

  const sessionOr404 = async (id: string, sessionId: string) => {
    await eventOr404(id);
    const s = await db
      .selectFrom('event_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .where('product_id', '=', id)
      .executeTakeFirst();
    if (!s) throw notFound('Session not found');
    return s;
  };

  app.post('/admin/events/:id/sessions', { ...guard, schema: { params: eventParams } }, async (req, reply) => {
    await eventOr404(req.params.id);
    const form = sessionForm.parse(req.body ?? {});
    const checked = checkSession(form, await timeZone(req, reply));
    if (!checked.ok) return refuse(req, reply, req.params.id, 'session-new', form, checked.errors);
    for (const s of checked.value.sessions)
      await addSession(db, req.params.id, { ...s, capacity: checked.value.capacity });
    return reply.redirect(`/admin/events/${req.params.id}?done=added&n=${checked.value.sessions.length}`, 303);
  });

  app.post(
    '/admin/events/:id/sessions/:sessionId/capacity',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      const form = capacityForm.parse(req.body ?? {});
      const capacity = readCount(form.capacity, 1, MAX_CAPACITY);
      const formId = `capacity-${sessionId}`;
      if (capacity === undefined)
        return refuse(req, reply, id, formId, form, { capacity: 'events.admin.error.capacity' });
      if ((await setCapacity(db, sessionId, capacity)) === 'below-taken')
        return refuse(req, reply, id, formId, form, { capacity: 'events.admin.error.belowTaken' });
      return reply.redirect(`/admin/events/${id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/events/:id/sessions/:sessionId/move',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      const form = moveForm.parse(req.body ?? {});
      const formId = `move-${sessionId}`;
      const checked = checkMove(form, await timeZone(req, reply));
      if (!checked.ok) return refuse(req, reply, id, formId, form, checked.errors);
      const r = await moveSession(services, sessionId, checked.value.startsAt, checked.value.endsAt, actor(req));
      if (r === 'not-found') throw notFound('Session not found');
      if (r === 'cancelled')
        return refuse(req, reply, id, formId, form, { startsAt: 'events.admin.error.isCancelled' });
      if (r === 'invalid-range')
        return refuse(req, reply, id, formId, form, { endsAt: 'events.admin.error.endBeforeStart' });
      return reply.redirect(`/admin/events/${id}?done=moved`, 303);
    },
  );

  app.post(
    '/admin/events/:id/sessions/:sessionId/cancel',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      const { refund } = cancelForm.parse(req.body ?? {});
      const r = await cancelSession(services, sessionId, { refund: refund === 'yes' }, actor(req));
      if (r === 'not-found') throw notFound('Session not found');
      if (r === 'already-cancelled')
        return refuse(req, reply, id, `session-${sessionId}`, {}, { session: 'events.admin.error.isCancelled' });
      return reply.redirect(`/admin/events/${id}?done=cancelled`, 303);
    },
  );

  app.post(
    '/admin/events/:id/sessions/:sessionId/recording',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      const form = recordingForm.parse(req.body ?? {});
      const url = form.recordingUrl ? readUrl(form.recordingUrl) : null;
      if (url === undefined)
        return refuse(req, reply, id, `recording-${sessionId}`, form, { recordingUrl: 'events.admin.error.url' });
      await setRecordingUrl(db, sessionId, url);
      return reply.redirect(`/admin/events/${id}?done=saved`, 303);
    },
  );

  // The recording as a course: opens its lesson editor, where the video is uploaded.
  app.post(
    '/admin/events/:id/sessions/:sessionId/replay',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      const r = await createReplay(db, id, sessionId, actor(req));
      if (r === 'not-found') throw notFound('Session not found');
      if (r === 'not-started')
        return refuse(req, reply, id, `session-${sessionId}`, {}, { session: 'events.admin.error.notStarted' });
      return reply.redirect(`/admin/courses/${r.courseId}/lessons/${r.lessonId}`, 303);
    },
  );

  app.post(
    '/admin/events/:id/sessions/:sessionId/delete',
    { ...guard, schema: { params: sessionParams } },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessionOr404(id, sessionId);
      if ((await deleteSession(db, sessionId)) === 'has-tickets')
        return refuse(req, reply, id, `session-${sessionId}`, {}, { session: 'events.admin.error.hasTickets' });
      return reply.redirect(`/admin/events/${id}?done=deleted`, 303);
    },
  );
}
