import type { Kysely } from "kysely";

/**
 * Signatories are per signing round: an amendment supersedes the rows that signed the earlier
 * version (kept, with their signatures, for that version's agreement) and starts fresh ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signatories").addColumn("superseded_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signatories").dropColumn("superseded_at").execute();
}
