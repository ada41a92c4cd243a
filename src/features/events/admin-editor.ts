import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { findProductById } from '../catalog/queries.js';
import { EventEditorPage, type FailedForm } from './admin-event.pages.js';
import { listSessionRows } from './attendees.js';
import type { FormErrors } from './event-input.js';

/** The event editor's page, shared by the routes of its sections (details, ticket types, sessions). */

export const eventParams = z.object({ id: z.uuid() });

/** What the event editor shows after a refused form, or with a notice. */
export type EditorExtra = { failed?: FailedForm; notice?: string };

/** Loads the event (a product of kind 'event') and renders its editor. */
export function eventEditor(services: Services) {
  const { db } = services.database;
  const eventOr404 = async (id: string) => {
    const [product, event] = await Promise.all([
      findProductById(db, id),
      db.selectFrom('events').selectAll().where('product_id', '=', id).executeTakeFirst(),
    ]);
    if (product?.kind !== 'event' || !event) throw notFound('Event not found');
    return { product, event };
  };
  const show = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: EditorExtra = {}, status = 200) => {
    const { product, event } = await eventOr404(id);
    const [ctx, ticketTypes, sessions] = await Promise.all([
      adminPageContext(req, reply, services),
      db.selectFrom('event_ticket_types').selectAll().where('product_id', '=', id).orderBy('position').execute(),
      listSessionRows(db, id),
    ]);
    return sendPage(reply, EventEditorPage({ ctx, product, event, ticketTypes, sessions, ...extra }), status);
  };
  /** Re-renders the editor with form `form` refused (400): its typed values and field errors. */
  const refuse = (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: string,
    values: Record<string, string | undefined>,
    errors: FormErrors,
  ) => {
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
    return show(req, reply, id, { failed: { form, values: typed, errors } }, 400);
  };
  return { eventOr404, show, refuse };
}
