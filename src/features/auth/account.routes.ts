import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { LANG_COOKIE } from '../../web/context.js';
import { LOCALES } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { changePassword, confirmTotpEnrolment, disableTotp, setAdminLocale, startTotpEnrolment } from './account.js';
import { AccountPage, type AccountView } from './account.page.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
import { currentAdmin, requireAdmin } from './sessions.js';
import { totpQrDataUrl } from './totp.js';

const passwordForm = z.object({
  currentPassword: z.string().max(1000).default(''),
  newPassword: z.string().max(1000).default(''),
});
const codeForm = z.object({ code: z.string().max(20).default('') });
const disableForm = z.object({ password: z.string().max(1000).default(''), code: z.string().max(20).default('') });
const localeForm = z.object({ locale: z.enum(LOCALES) });

export function registerAccountRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  /** Renders the account page in its current state, plus whatever the last action said. */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<AccountView> & { noticeKey?: MessageKey } = {},
    status = 200,
  ) {
    const { user } = currentAdmin(req);
    const ctx = await adminPageContext(req, reply, services);
    if (extra.noticeKey) extra.notice = ctx.t(extra.noticeKey);
    const twoFactor =
      user.totp_enabled === 1 ? 'on' : extra.twoFactor === 'enrolling' && user.totp_secret ? 'enrolling' : 'off';
    const enrolment =
      twoFactor === 'enrolling' && user.totp_secret
        ? { secret: user.totp_secret, qrDataUrl: await totpQrDataUrl(user.totp_secret, user.email, ctx.storeName) }
        : undefined;
    return sendPage(reply, AccountPage({ ctx, view: { ...extra, locale: user.locale, twoFactor, enrolment } }), status);
  }

  app.get('/admin/account', guard, (req, reply) => show(req, reply, { noticeKey: noticeFrom(req) }));

  app.post('/admin/account/language', guard, async (req, reply) => {
    const { locale } = localeForm.parse(req.body ?? {});
    await setAdminLocale(db, currentAdmin(req).user, locale);
    reply.setCookie(LANG_COOKIE, locale, {
      path: '/',
      maxAge: 365 * 24 * 3600,
      sameSite: 'lax',
      httpOnly: true,
      secure: services.config.secureCookies,
    });
    return reply.redirect('/admin/account?done=language', 303);
  });

  app.post('/admin/account/password', guard, async (req, reply) => {
    const form = passwordForm.parse(req.body ?? {});
    const { user, token } = currentAdmin(req);
    const result = await changePassword(db, user, token, form.currentPassword, form.newPassword);
    if (result === 'ok') {
      await recordAudit(db, user.email, 'account.password_changed');
      return reply.redirect('/admin/account?done=password', 303);
    }
    const ctx = await adminPageContext(req, reply, services);
    const errors =
      result === 'wrong-password'
        ? { currentPassword: ctx.t('auth.account.password.wrong') }
        : { newPassword: ctx.t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH }) };
    return show(req, reply, { errors }, 400);
  });

  app.post('/admin/account/2fa/start', guard, async (req, reply) => {
    const { user } = currentAdmin(req);
    if (user.totp_enabled === 1) return reply.redirect('/admin/account', 303);
    const secret = await startTotpEnrolment(db, user);
    user.totp_secret = secret;
    return show(req, reply, { twoFactor: 'enrolling' });
  });

  app.post('/admin/account/2fa/confirm', guard, async (req, reply) => {
    const { code } = codeForm.parse(req.body ?? {});
    const { user } = currentAdmin(req);
    if (await confirmTotpEnrolment(db, user, code)) {
      await recordAudit(db, user.email, 'account.2fa_enabled');
      return reply.redirect('/admin/account?done=2fa-on', 303);
    }
    const ctx = await adminPageContext(req, reply, services);
    return show(req, reply, { twoFactor: 'enrolling', errors: { code: ctx.t('auth.2fa.invalid') } }, 400);
  });

  app.post('/admin/account/2fa/disable', guard, async (req, reply) => {
    const { password, code } = disableForm.parse(req.body ?? {});
    const { user } = currentAdmin(req);
    if (await disableTotp(db, user, password, code)) {
      await recordAudit(db, user.email, 'account.2fa_disabled');
      return reply.redirect('/admin/account?done=2fa-off', 303);
    }
    const ctx = await adminPageContext(req, reply, services);
    return show(req, reply, { errors: { disable: ctx.t('auth.2fa.invalid') } }, 400);
  });
}

const NOTICES = {
  language: 'auth.account.language.saved',
  password: 'auth.account.password.saved',
  '2fa-on': 'auth.account.2fa.enabled',
  '2fa-off': 'auth.account.2fa.disabled',
} as const;

function noticeFrom(req: FastifyRequest): MessageKey | undefined {
  const done = (req.query as { done?: string }).done;
  return done && Object.hasOwn(NOTICES, done) ? NOTICES[done as keyof typeof NOTICES] : undefined;
}
