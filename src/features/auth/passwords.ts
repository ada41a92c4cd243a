import type { Algorithm } from '@node-rs/argon2';

/** The native argon2 module, loaded with the first login or password change, not at start. */
const argon2 = () => import('@node-rs/argon2');

/** Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const { verify } = await argon2(); // outside the try: a missing module is an error, not a wrong password
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody uses, made with OPTIONS above: a login for an
 * address that has no account verifies against it, so it costs as much time as
 * a wrong password for a real one (a test keeps its parameters equal to OPTIONS).
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Dbhafwq+Rc4BgPBDi7o74g$qx37/n8mtNAiQqK4ewi2J2KAmVMoEuAdeOx4Mf3nCXQ';
