import { newId } from "~/lib/ids.server";
import type { DB, Trx } from "~db/schema";

/**
 * Failed sign-ins are rows in `login_attempts`, keyed by email and by client address, so that
 * every server process counts the same attempts (several processes may run on PostgreSQL).
 */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const addressKey = (ip: string) => `ip:${ip}`;

function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
}

async function countSince(db: Trx, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("key", "=", key)
    .where("attempted_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when this email or this address has failed too often in the window; checked before the password. */
export async function isSignInThrottled(db: DB, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = windowStart(now);
  const [byEmail, byAddress] = await Promise.all([countSince(db, emailKey(email), since), countSince(db, addressKey(ip), since)]);
  return byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS;
}

/** Counts one failure against the email and the address, and forgets their attempts older than the window. */
export async function recordSignInFailure(db: DB, email: string, ip: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const keys = [emailKey(email), addressKey(ip)];
  await db.deleteFrom("login_attempts").where("key", "in", keys).where("attempted_at", "<", windowStart(now)).execute();
  await db
    .insertInto("login_attempts")
    .values(keys.map((key) => ({ id: newId(), key, attempted_at: at })))
    .execute();
}

/** A successful sign-in clears the email's counter (the address keeps its count: one address, many accounts). */
export async function clearSignInFailures(db: DB, email: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("key", "=", emailKey(email)).execute();
}

/** A small per-key budget for mail that anyone may trigger (password resets), so no one can flood an inbox. */
export async function takeMailBudget(db: Trx, purpose: string, email: string, max: number, now = new Date()): Promise<boolean> {
  const key = `${purpose}:${email.toLowerCase()}`;
  if ((await countSince(db, key, windowStart(now))) >= max) return false;
  await db.insertInto("login_attempts").values({ id: newId(), key, attempted_at: now.toISOString() }).execute();
  return true;
}

/** Deletes counters older than a day, and emailed links a week past their use or expiry. */
export async function pruneAuthRecords(db: DB, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000).toISOString();
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60_000).toISOString();
  await db.deleteFrom("login_attempts").where("attempted_at", "<", dayAgo).execute();
  await db
    .deleteFrom("auth_tokens")
    .where((eb) => eb.or([eb("used_at", "<", weekAgo), eb("expires_at", "<", weekAgo)]))
    .execute();
}
