import type { Trx } from "~db/schema";

/**
 * How a throttled key is spent: `free` attempts at once, then a delay that doubles with every
 * further attempt up to `maxDelayMs`; a key quiet for `forgetAfterMs` after its delay ended starts over.
 */
export type ThrottlePolicy = { free: number; baseDelayMs: number; maxDelayMs: number; forgetAfterMs: number };

export type Attempt = { ok: true } | { ok: false; retryAt: Date };

// Enough for every racer on one key to get its turn; a request still losing after that is refused
// (the safe side: a refused attempt checks nothing).
const COMPARE_AND_SET_TRIES = 25;

function blockedUntil(policy: ThrottlePolicy, count: number, now: Date): string {
  const over = count - policy.free;
  const delay = over < 0 ? 0 : Math.min(policy.baseDelayMs * 2 ** over, policy.maxDelayMs);
  return new Date(now.getTime() + delay).toISOString();
}

/**
 * Takes one attempt on `key`, or refuses it while the key's delay runs. The attempt is counted
 * before the caller checks anything, by a conditional update on the value just read, so requests
 * racing on one key can never check more than the policy allows, on any database or process.
 */
export async function takeAttempt(db: Trx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<Attempt> {
  const at = now.toISOString();
  for (let i = 0; i < COMPARE_AND_SET_TRIES; i++) {
    const row = await db.selectFrom("throttle_counters").select(["count", "blocked_until"]).where("key", "=", key).executeTakeFirst();
    if (!row) {
      const inserted = await db
        .insertInto("throttle_counters")
        .values({ key, count: 1, blocked_until: blockedUntil(policy, 1, now), updated_at: at })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows) === 1) return { ok: true };
      continue;
    }
    if (row.blocked_until > at) return { ok: false, retryAt: new Date(row.blocked_until) };
    const forgotten = Date.parse(row.blocked_until) + policy.forgetAfterMs <= now.getTime();
    const count = (forgotten ? 0 : Number(row.count)) + 1;
    const updated = await db
      .updateTable("throttle_counters")
      .set({ count, blocked_until: blockedUntil(policy, count, now), updated_at: at })
      .where("key", "=", key)
      .where("count", "=", row.count)
      .where("blocked_until", "=", row.blocked_until)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return { ok: true };
  }
  return { ok: false, retryAt: new Date(now.getTime() + 1000) };
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
