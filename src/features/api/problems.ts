import { AppError } from '../../web/errors.js';

/**
 * Refusals of the public API. Thrown, they reach the app's error handler,
 * which answers RFC 9457 problem+json for everything under /api/ (with any
 * header the hook set on the reply before, such as WWW-Authenticate).
 */
export const unauthenticated = () =>
  new AppError('unauthenticated', 401, 'A valid API token is required (Authorization: Bearer <token>)');

export const missingScope = (scope: string) =>
  new AppError('insufficient_scope', 403, `This token lacks the scope ${scope}`);

export const idempotencyKeyRequired = () =>
  new AppError('idempotency_key_required', 400, 'Idempotency-Key is required');

export const idempotencyKeyReused = () =>
  new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was used with a different request');

export const idempotencyKeyInFlight = () =>
  new AppError('idempotency_key_in_flight', 409, 'A request with this Idempotency-Key is still being answered');

export const unknownCursor = () => new AppError('invalid_cursor', 400, 'starting_after names no item of this list');
