import type { Kysely } from "kysely";

/**
 * Throttling moves from one row per failure (counted, then written: racy) to one counter row per
 * key, changed only by conditional updates. Signatories get a per-day tally of codes sent and
 * wrong guesses, so that asking for a new code cannot multiply the guesses without bound.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("throttle_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("blocked_until", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("throttle_counters_updated_idx").on("throttle_counters").column("updated_at").execute();
  await db.schema.dropTable("login_attempts").execute();
  await db.schema.alterTable("signatories").addColumn("otp_day", "text").execute();
  await db.schema.alterTable("signatories").addColumn("otp_day_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signatories").dropColumn("otp_day_count").execute();
  await db.schema.alterTable("signatories").dropColumn("otp_day").execute();
  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_key_idx").on("login_attempts").columns(["key", "attempted_at"]).execute();
  await db.schema.dropTable("throttle_counters").execute();
}
