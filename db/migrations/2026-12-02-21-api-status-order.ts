import type { Kysely } from "kysely";

/**
 * The read API pages by id after a cursor; filtered by status, these let both databases read the
 * next page straight from an index instead of sorting every row of that status for each page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("commitments_status_id_idx").on("commitments").columns(["status", "id"]).execute();
  await db.schema.createIndex("milestones_status_id_idx").on("milestones").columns(["status", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("milestones_status_id_idx").execute();
  await db.schema.dropIndex("commitments_status_id_idx").execute();
}
