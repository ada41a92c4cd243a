import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { safeLocalPath, sendPage } from '../../web/render.js';
import { recordAudit } from '../admin/audit.js';
import { ChoosePasswordPage, LoginPage, RequestResetPage, SecondFactorPage } from './auth.pages.js';
import { attemptLogin } from './login.js';
import { isResetTokenUsable, requestPasswordReset, resetPassword } from './password-reset.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
import {
  clearSessionCookie,
  endSession,
  markSessionVerified,
  readSession,
  SESSION_COOKIE,
  setSessionCookie,
  startSession,
} from './sessions.js';
import { verifyTotp } from './totp.js';

const loginBody = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().max(2000).optional(),
});
const codeBody = z.object({ code: z.string().max(20).default('') });
const emailBody = z.object({ email: z.string().trim().pipe(z.email().max(320)) });
const passwordBody = z.object({ password: z.string().max(1000).default('') });
const tokenParams = z.object({ token: z.string().min(10).max(200) });

/** Login and password reset are the targets of guessing: limited per IP. */
const LOGIN_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export function registerAuthRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const ctxOf = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, services);

  app.get('/admin/login', async (req, reply) => {
    const session = await readSession(db, req.cookies[SESSION_COOKIE]);
    if (session?.verified) return reply.redirect('/admin', 303);
    const { next, reset } = req.query as { next?: string; reset?: string };
    const ctx = await ctxOf(req, reply);
    return sendPage(
      reply,
      LoginPage({ ctx, next: safeLocalPath(next, ''), notice: reset ? ctx.t('auth.reset.done') : undefined }),
    );
  });

  app.post('/admin/login', { config: LOGIN_LIMIT }, async (req, reply) => {
    const body = loginBody.parse(req.body ?? {});
    const ctx = await ctxOf(req, reply);
    const result = await attemptLogin(db, {
      email: body.email,
      password: body.password,
      ip: req.ip,
      maxAttempts: services.config.loginMaxAttempts,
      lockMinutes: services.config.loginLockMinutes,
    });
    if (result.kind !== 'ok') {
      const error =
        result.kind === 'locked'
          ? ctx.t('auth.login.locked', { time: formatDateTime(result.until, ctx.locale, ctx.timeZone, { zone: true }) })
          : ctx.t('auth.login.invalid');
      await recordAudit(db, body.email, 'login.failed', { reason: result.kind, ip: req.ip });
      return sendPage(
        reply,
        LoginPage({ ctx, email: body.email, error, next: safeLocalPath(body.next, '') }),
        result.kind === 'locked' ? 429 : 401,
      );
    }
    const token = await startSession(db, result.user.id, !result.needsSecondFactor);
    setSessionCookie(reply, token, services.config);
    if (result.needsSecondFactor) return reply.redirect('/admin/login/2fa', 303);
    await recordAudit(db, result.user.email, 'login', { ip: req.ip });
    return reply.redirect(safeLocalPath(body.next, '/admin'), 303);
  });

  app.get('/admin/login/2fa', async (req, reply) => {
    const session = await readSession(db, req.cookies[SESSION_COOKIE]);
    if (!session) return reply.redirect('/admin/login', 303);
    if (session.verified) return reply.redirect('/admin', 303);
    return sendPage(reply, SecondFactorPage({ ctx: await ctxOf(req, reply) }));
  });

  app.post('/admin/login/2fa', { config: LOGIN_LIMIT }, async (req, reply) => {
    const session = await readSession(db, req.cookies[SESSION_COOKIE]);
    if (!session) return reply.redirect('/admin/login', 303);
    const { code } = codeBody.parse(req.body ?? {});
    if (!session.user.totp_secret || !verifyTotp(session.user.totp_secret, code)) {
      await recordAudit(db, session.user.email, 'login.2fa_failed', { ip: req.ip });
      const ctx = await ctxOf(req, reply);
      return sendPage(reply, SecondFactorPage({ ctx, error: ctx.t('auth.2fa.invalid') }), 401);
    }
    await markSessionVerified(db, session.token);
    await recordAudit(db, session.user.email, 'login', { ip: req.ip, twoFactor: true });
    return reply.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (req, reply) => {
    await endSession(db, req.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply);
    return reply.redirect('/admin/login', 303);
  });

  app.get('/admin/password-reset', async (req, reply) =>
    sendPage(reply, RequestResetPage({ ctx: await ctxOf(req, reply) })),
  );

  app.post('/admin/password-reset', { config: LOGIN_LIMIT }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const parsed = emailBody.safeParse(req.body ?? {});
    if (!parsed.success) return sendPage(reply, RequestResetPage({ ctx, error: ctx.t('form.email') }), 400);
    await requestPasswordReset(db, parsed.data.email, services.config.publicUrl);
    services.nudgeWorker();
    return sendPage(reply, RequestResetPage({ ctx, sent: true }));
  });

  app.get('/admin/password-reset/:token', { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const usable = await isResetTokenUsable(db, req.params.token);
    return sendPage(reply, ChoosePasswordPage({ ctx, token: req.params.token, invalid: !usable }), usable ? 200 : 410);
  });

  app.post(
    '/admin/password-reset/:token',
    { schema: { params: tokenParams }, config: LOGIN_LIMIT },
    async (req, reply) => {
      const { password } = passwordBody.parse(req.body ?? {});
      const result = await resetPassword(db, req.params.token, password);
      if (result === 'ok') return reply.redirect('/admin/login?reset=1', 303);
      const ctx = await ctxOf(req, reply);
      const page =
        result === 'weak-password'
          ? ChoosePasswordPage({
              ctx,
              token: req.params.token,
              error: ctx.t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH }),
            })
          : ChoosePasswordPage({ ctx, token: req.params.token, invalid: true });
      return sendPage(reply, page, result === 'weak-password' ? 400 : 410);
    },
  );
}
