import { recordAudit } from "~/audit/audit-log.server";
import type { DB, Trx } from "~db/schema";
import { clearAttempts, pruneAttempts, refundAttempt, takeAttempt, type ThrottlePolicy } from "./counters.server";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Wrong passwords are counted per account at one client address: a stranger elsewhere can slow
 * only their own guesses, never lock the owner out (decision record 0006).
 */
export const ACCOUNT_AT_ADDRESS: ThrottlePolicy = { free: 5, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE, forgetAfterMs: DAY };
/** One address guessing across many accounts. */
export const ADDRESS: ThrottlePolicy = { free: 20, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE, forgetAfterMs: 15 * MINUTE };
/** Mail anyone may trigger (resets, confirmations): three, then one per quarter hour. */
const MAIL: ThrottlePolicy = { free: 3, baseDelayMs: 15 * MINUTE, maxDelayMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE };

export const accountAtAddressKey = (email: string, ip: string) => `password:${email.toLowerCase()}|${ip}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export type PasswordPurpose = "login" | "password_change";
export type Guarded<T> = { kind: "throttled"; retryAfterSeconds: number } | { kind: "failed" } | { kind: "ok"; value: T };

/**
 * Checks a password under the throttle, for sign-in and for the current password when changing it.
 * The attempt is taken from both counters before `check` runs, so concurrent guesses never exceed
 * the limits; a success gives it back. Refusals and failures go to the audit log.
 */
export async function guardPassword<T>(
  db: DB,
  who: { email: string; ip: string; actorId: string | null; purpose: PasswordPurpose },
  check: () => Promise<T | null>,
  now = new Date()
): Promise<Guarded<T>> {
  const pairKey = accountAtAddressKey(who.email, who.ip);
  const byAddress = await takeAttempt(db, addressKey(who.ip), ADDRESS, now);
  const byPair = byAddress.ok ? await takeAttempt(db, pairKey, ACCOUNT_AT_ADDRESS, now) : byAddress;
  if (byAddress.ok && !byPair.ok) await refundAttempt(db, addressKey(who.ip));
  const audit = (outcome: "failed" | "throttled") =>
    db.transaction().execute((trx) =>
      recordAudit(trx, {
        actorId: who.actorId,
        actorLabel: who.email,
        action: `auth.${who.purpose}_${outcome}`,
        entityType: "user",
        entityId: who.actorId,
        ip: who.ip,
      })
    );
  if (!byPair.ok) {
    await audit("throttled");
    return { kind: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((byPair.retryAt.getTime() - now.getTime()) / 1000)) };
  }
  const value = await check();
  if (value === null) {
    await audit("failed");
    return { kind: "failed" };
  }
  // The address keeps its other attempts: one address, many accounts.
  await clearAttempts(db, pairKey);
  await refundAttempt(db, addressKey(who.ip));
  return { kind: "ok", value };
}

/** A small per-key budget for mail that anyone may trigger (password resets), so no one can flood an inbox. */
export async function takeMailBudget(db: Trx, purpose: string, email: string, now = new Date()): Promise<boolean> {
  return (await takeAttempt(db, `mail:${purpose}:${email.toLowerCase()}`, MAIL, now)).ok;
}

/** Deletes counters a day past their last delay, and emailed links a week past their use or expiry. */
export async function pruneAuthRecords(db: DB, now = new Date()): Promise<void> {
  const weekAgo = new Date(now.getTime() - 7 * DAY).toISOString();
  await pruneAttempts(db, DAY, now);
  await db
    .deleteFrom("auth_tokens")
    .where((eb) => eb.or([eb("used_at", "<", weekAgo), eb("expires_at", "<", weekAgo)]))
    .execute();
}
