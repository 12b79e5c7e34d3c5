import type { Kysely } from "kysely";

/**
 * The audit log's page filters by action and by actor and shows the newest first: an index per
 * filter, ending in the chain's position, lets either walk one page without reading the whole log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_action_seq_idx").on("audit_log").columns(["action", "seq"]).execute();
  await db.schema.createIndex("audit_log_actor_seq_idx").on("audit_log").columns(["actor_id", "seq"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_seq_idx").execute();
  await db.schema.dropIndex("audit_log_action_seq_idx").execute();
}
