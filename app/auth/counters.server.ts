import { Transaction } from "kysely";
import { forUpdate } from "~/db/dialect.server";
import type { Trx, Tx } from "~db/schema";

/**
 * How a throttled key is spent: `free` attempts at once, then a delay that doubles with every
 * further attempt up to `maxDelayMs`; a key quiet for `forgetAfterMs` after its delay ended starts over.
 */
export type ThrottlePolicy = { free: number; baseDelayMs: number; maxDelayMs: number; forgetAfterMs: number };

export type Attempt = { ok: true } | { ok: false; retryAt: Date };

function blockedUntil(policy: ThrottlePolicy, count: number, now: Date): string {
  const over = count - policy.free;
  const delay = over < 0 ? 0 : Math.min(policy.baseDelayMs * 2 ** over, policy.maxDelayMs);
  return new Date(now.getTime() + delay).toISOString();
}

/**
 * Takes one attempt on `key`, or refuses it while the key's delay runs. The attempt is counted
 * before the caller checks anything, with the key's row locked, so requests racing on one key can
 * never check more than the policy allows, on either database or from several processes.
 */
export async function takeAttempt(db: Trx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<Attempt> {
  return db instanceof Transaction ? takeAttemptIn(db, key, policy, now) : db.transaction().execute((trx) => takeAttemptIn(trx, key, policy, now));
}

async function takeAttemptIn(trx: Tx, key: string, policy: ThrottlePolicy, now: Date): Promise<Attempt> {
  const at = now.toISOString();
  // Written first: on SQLite this takes the write lock before anything is read; on PostgreSQL the
  // row exists for the lock below, which makes racers wait for each other's decision.
  await trx
    .insertInto("throttle_counters")
    .values({ key, count: 0, blocked_until: at, updated_at: at })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await forUpdate(trx, trx.selectFrom("throttle_counters").select(["count", "blocked_until"]).where("key", "=", key)).executeTakeFirst();
  if (row && row.blocked_until > at) return { ok: false, retryAt: new Date(row.blocked_until) };
  const forgotten = !row || Date.parse(row.blocked_until) + policy.forgetAfterMs <= now.getTime();
  const count = (forgotten ? 0 : Number(row.count)) + 1;
  const next = { count, blocked_until: blockedUntil(policy, count, now), updated_at: at };
  // An upsert, in case the pruning job removed a stale row in between.
  await trx
    .insertInto("throttle_counters")
    .values({ key, ...next })
    .onConflict((oc) => oc.column("key").doUpdateSet(next))
    .execute();
  return { ok: true };
}

/** Gives back one attempt that turned out well (one statement, so it cannot race either). */
export async function refundAttempt(db: Trx, key: string): Promise<void> {
  await db
    .updateTable("throttle_counters")
    .set((eb) => ({ count: eb("count", "-", 1) }))
    .where("key", "=", key)
    .where("count", ">", 0)
    .execute();
}

export async function clearAttempts(db: Trx, key: string): Promise<void> {
  await db.deleteFrom("throttle_counters").where("key", "=", key).execute();
}

/** Counters whose delay ended more than `forgetAfterMs` ago would start over anyway: they can go. */
export async function pruneAttempts(db: Trx, forgetAfterMs: number, now = new Date()): Promise<void> {
  await db
    .deleteFrom("throttle_counters")
    .where("blocked_until", "<", new Date(now.getTime() - forgetAfterMs).toISOString())
    .execute();
}
