import type { ActivateResult } from './activate-license.js';
import type { DeactivateResult } from './deactivate-license.js';
import { GUMROAD_ERRORS, type GumroadBody, gumroadFailure, gumroadSuccess } from './gumroad-response.js';
import type { IssueLicenseFileResult } from './issue-license-file.js';
import { LEMON_ERRORS, type LemonBody, lemonBody, lemonFailure } from './lemon-response.js';
import type { LicenseDocument } from './license-file.js';
import type { ValidateResult } from './validate-license.js';
import type { VerifyGumroadResult } from './verify-gumroad-license.js';

/** Use-case results to status + body. Unknown and disabled keys share one answer; expired keys differ only in the message. */
export type Reply<B> = { status: number; body: B };

export function activateReply(r: ActivateResult, nowIso: string): Reply<LemonBody> {
  switch (r.kind) {
    case 'activated':
      return { status: 200, body: lemonBody('activated', true, r.license, nowIso, { instance: r.instance }) };
    case 'limit-reached':
      return { status: 400, body: lemonBody('activated', false, r.license, nowIso, { error: LEMON_ERRORS.limit }) };
    case 'expired':
      return { status: 400, body: lemonFailure('activated', LEMON_ERRORS.expired) };
    case 'unknown':
      return { status: 404, body: lemonFailure('activated', LEMON_ERRORS.notFound) };
  }
}

export function validateReply(r: ValidateResult, nowIso: string): Reply<LemonBody> {
  switch (r.kind) {
    case 'valid':
      return { status: 200, body: lemonBody('valid', true, r.license, nowIso, { instance: r.instance }) };
    case 'instance-not-found':
      return {
        status: 404,
        body: lemonBody('valid', false, r.license, nowIso, { error: LEMON_ERRORS.instanceNotFound }),
      };
    case 'expired':
      return { status: 400, body: lemonFailure('valid', LEMON_ERRORS.expired) };
    case 'unknown':
      return { status: 404, body: lemonFailure('valid', LEMON_ERRORS.notFound) };
  }
}

export function deactivateReply(r: DeactivateResult, nowIso: string): Reply<LemonBody> {
  switch (r.kind) {
    case 'deactivated':
      return { status: 200, body: lemonBody('deactivated', true, r.license, nowIso) };
    case 'instance-not-found':
      return {
        status: 404,
        body: lemonBody('deactivated', false, r.license, nowIso, { error: LEMON_ERRORS.instanceNotFound }),
      };
    case 'unknown':
      return { status: 404, body: lemonFailure('deactivated', LEMON_ERRORS.notFound) };
  }
}

export function verifyReply(r: VerifyGumroadResult, publicUrl: string): Reply<GumroadBody> {
  switch (r.kind) {
    case 'verified':
      return { status: 200, body: gumroadSuccess(r.license, r.uses, publicUrl) };
    case 'expired':
      return { status: 404, body: gumroadFailure(GUMROAD_ERRORS.expired) };
    case 'unknown':
      return { status: 404, body: gumroadFailure(GUMROAD_ERRORS.notFound) };
  }
}

export function licenseFileReply(r: IssueLicenseFileResult): Reply<LicenseDocument | { error: string }> {
  switch (r.kind) {
    case 'issued':
      return { status: 200, body: r.document };
    case 'instance-not-found':
      return { status: 404, body: { error: LEMON_ERRORS.instanceNotFound } };
    case 'expired':
      return { status: 400, body: { error: LEMON_ERRORS.expired } };
    case 'unknown':
      return { status: 404, body: { error: LEMON_ERRORS.notFound } };
  }
}
