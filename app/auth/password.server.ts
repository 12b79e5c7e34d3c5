import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export { PASSWORD_MIN_LENGTH } from "./password-rules";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, OPTIONS);
  } catch {
    return false;
  }
}

// A hash of a secret nobody knows, made once per process, with the same parameters as real ones.
let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the account's hash, or, when there is none (unknown email, no password yet,
 * disabled), against a dummy one and answers false: both paths cost one Argon2 verification, so
 * the time of the answer does not tell who has an account.
 */
export async function verifyPasswordOrDummy(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword(crypto.randomBytes(32).toString("base64url"));
  await verifyPassword(await dummyHash, password);
  return false;
}
