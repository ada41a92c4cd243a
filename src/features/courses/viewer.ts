import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { readSession, SESSION_COOKIE } from '../auth/sessions.js';
import { CUSTOMER_COOKIE, readCustomerSession } from '../library/sessions.js';
import type { Viewer } from './access.js';

/** Who is looking: the signed-in customer (the library's session) and whether an admin previews. */
export async function viewerOf(req: FastifyRequest, services: Pick<Services, 'database'>): Promise<Viewer> {
  const { db } = services.database;
  const [customer, admin] = await Promise.all([
    readCustomerSession(db, req.cookies[CUSTOMER_COOKIE]),
    readSession(db, req.cookies[SESSION_COOKIE]),
  ]);
  return { email: customer?.email ?? null, admin: admin?.verified === true };
}
