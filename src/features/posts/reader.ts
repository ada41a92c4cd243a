import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { CUSTOMER_COOKIE, readCustomerSession } from '../library/sessions.js';
import { loadMemberAccess, type MemberAccess } from '../memberships/access.js';

/** The reader's access: the customer library session's email (signed in by link), else a stranger. */
export async function readerAccess(req: FastifyRequest, services: Services, now = new Date()): Promise<MemberAccess> {
  const { db } = services.database;
  const session = await readCustomerSession(db, req.cookies[CUSTOMER_COOKIE]);
  return loadMemberAccess(db, session?.email ?? null, now);
}
