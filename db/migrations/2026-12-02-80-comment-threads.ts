import type { Kysely } from "kysely";

/**
 * Review comments become threads: a reply names its thread's first comment (one level deep), and
 * a thread is resolved by someone, recorded with the time that was already there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mou_comments").addColumn("parent_id", "text", (c) => c.references("mou_comments.id").onDelete("cascade")).execute();
  await db.schema.alterTable("mou_comments").addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null")).execute();
  // The MoU page reads one page of threads, then their replies, then counts the open ones.
  await db.schema.createIndex("mou_comments_thread_idx").on("mou_comments").columns(["mou_id", "parent_id", "created_at"]).execute();
  await db.schema.createIndex("mou_comments_parent_idx").on("mou_comments").column("parent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("mou_comments_parent_idx").execute();
  await db.schema.dropIndex("mou_comments_thread_idx").execute();
  await db.schema.alterTable("mou_comments").dropColumn("resolved_by").execute();
  await db.schema.alterTable("mou_comments").dropColumn("parent_id").execute();
}
