import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { forbidden, notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { CUSTOMER_COOKIE, endCustomerSession, setCustomerCookie } from '../library/sessions.js';
import { confirmSignUp, isConfirmLinkUsable } from './confirm-sign-up.js';
import { ConfirmedPage, ConfirmPage, type JoinForm, JoinPage, UnsubscribePage } from './join.pages.js';
import { signUp } from './sign-up.js';
import { findMember, resubscribeMember, unsubscribeMember } from './unsubscribe.js';
import { checkUnsubscribeSignature, unsubscribePath } from './unsubscribe-links.js';

const joinBody = z.object({
  email: z.string().max(320).default(''),
  name: z.string().max(1000).default(''),
  consent: z.string().max(10).default(''),
});
const email = z.string().trim().max(320).pipe(z.email());
const tokenParams = z.object({ token: z.string().max(200) });
const memberParams = z.object({ member: z.string().regex(/^[0-9a-f-]{36}$/) });
const signedQuery = z.object({ s: z.string().max(100).default('') });
const consentBody = z.object({ consent: z.string().max(10).default('') });

/** Each sign-up may send an email: limited per IP. */
const SIGNUP_LIMIT = { rateLimit: { max: 10, timeWindow: '10 minutes' } };

/** Free sign-up with double opt-in, confirmation, unsubscribe (also RFC 8058 one-click) and resubscribe. */
export function registerNewsletterRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const secret = services.config.sessionSecret;
  const ctxOf = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, services);

  app.get('/join', async (req, reply) => sendPage(reply, JoinPage({ ctx: await ctxOf(req, reply) })));

  app.post('/join', { config: SIGNUP_LIMIT }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const raw = joinBody.safeParse(req.body ?? {});
    const form: JoinForm = raw.success
      ? {
          email: raw.data.email.slice(0, 320),
          name: raw.data.name.trim().slice(0, 200),
          consent: raw.data.consent === 'yes',
        }
      : { email: '', name: '', consent: false };
    const errors: FieldErrors = {};
    const address = email.safeParse(form.email);
    if (!address.success) errors.email = ctx.t('form.email');
    if (!form.consent) errors.consent = ctx.t('newsletter.join.consentRequired');
    if (!address.success || !form.consent) return sendPage(reply, JoinPage({ ctx, form, errors }), 400);
    const result = await signUp(db, {
      email: address.data,
      name: form.name,
      locale: ctx.locale,
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      publicUrl: services.config.publicUrl,
    });
    if (result === 'confirmation-sent') services.nudgeWorker();
    // The same answer for new, pending and subscribed addresses.
    return sendPage(reply, JoinPage({ ctx, sent: true }));
  });

  app.get('/join/confirm/:token', { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const usable = await isConfirmLinkUsable(db, req.params.token);
    return sendPage(
      reply,
      ConfirmPage({ ctx, token: req.params.token, state: usable ? 'ask' : 'invalid' }),
      usable ? 200 : 410,
    );
  });

  app.post(
    '/join/confirm/:token',
    { schema: { params: tokenParams }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const ctx = await ctxOf(req, reply);
      const session = await confirmSignUp(db, req.params.token);
      if (!session) return sendPage(reply, ConfirmPage({ ctx, token: req.params.token, state: 'invalid' }), 410);
      await endCustomerSession(db, req.cookies[CUSTOMER_COOKIE]);
      setCustomerCookie(reply, session, services.config);
      return sendPage(reply, ConfirmedPage({ ctx }));
    },
  );

  const signedMember = async (member: string, s: string) => {
    if (!checkUnsubscribeSignature(secret, member, s)) throw forbidden('Invalid unsubscribe link');
    const found = await findMember(db, member);
    if (!found) throw notFound('Unknown subscriber');
    return found;
  };

  app.get(
    '/unsubscribe/:member',
    { schema: { params: memberParams, querystring: signedQuery } },
    async (req, reply) => {
      const member = await signedMember(req.params.member, req.query.s);
      return sendPage(
        reply,
        UnsubscribePage({
          ctx: await ctxOf(req, reply),
          action: unsubscribePath(secret, member.id),
          email: member.email,
          subscribed: member.email_status === 'subscribed' || member.email_status === 'pending',
        }),
      );
    },
  );

  // Also the RFC 8058 one-click POST (`List-Unsubscribe=One-Click`, no cookies): exempt from the CSRF
  // check in app.ts; the signature is the authorisation. Mail providers may send the body as
  // multipart/form-data (or anything else): its content does not matter, so it is read and dropped.
  app.register(async (scope) => {
    scope.addContentTypeParser(['multipart/form-data', '*'], (_req, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', (err) => done(err));
    });
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/unsubscribe/:member',
        { schema: { params: memberParams, querystring: signedQuery } },
        async (req, reply) => {
          const member = await signedMember(req.params.member, req.query.s);
          await unsubscribeMember(db, member.id);
          return sendPage(
            reply,
            UnsubscribePage({
              ctx: await ctxOf(req, reply),
              action: unsubscribePath(secret, member.id),
              email: member.email,
              subscribed: false,
              done: 'unsubscribed',
            }),
          );
        },
      );
  });

  app.post(
    '/unsubscribe/:member/resubscribe',
    { schema: { params: memberParams, querystring: signedQuery } },
    async (req, reply) => {
      const member = await signedMember(req.params.member, req.query.s);
      const ctx = await ctxOf(req, reply);
      const page = { ctx, action: unsubscribePath(secret, member.id), email: member.email };
      const body = consentBody.safeParse(req.body ?? {});
      if (!body.success || body.data.consent !== 'yes') {
        const subscribed = member.email_status === 'subscribed';
        return sendPage(
          reply,
          UnsubscribePage({ ...page, subscribed, consentError: ctx.t('newsletter.join.consentRequired') }),
          400,
        );
      }
      await resubscribeMember(db, {
        memberId: member.id,
        locale: ctx.locale,
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      });
      return sendPage(reply, UnsubscribePage({ ...page, subscribed: true, done: 'resubscribed' }));
    },
  );
}
