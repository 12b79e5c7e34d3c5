import type { Kysely } from "kysely";

/**
 * Commitments as a process: a KPI baseline and a contact person; progress updates that wait for
 * another party's confirmation (the existing ones already counted, so they stay confirmed); one
 * timeline per commitment; a unique key per reminder sent, so no process or restart sends one twice;
 * and each user's choice about the weekly digest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("commitments").addColumn("kpi_baseline", "double precision").execute();
  await db.schema.alterTable("commitments").addColumn("contact_user_id", "text", (c) => c.references("users.id").onDelete("set null")).execute();

  await db.schema.alterTable("progress_updates").addColumn("status", "text", (c) => c.notNull().defaultTo("confirmed")).execute();
  await db.schema.alterTable("progress_updates").addColumn("milestone_status", "text").execute();
  await db.schema.alterTable("progress_updates").addColumn("submitted_at", "text").execute();
  await db.schema.alterTable("progress_updates").addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null")).execute();
  await db.schema.alterTable("progress_updates").addColumn("decided_at", "text").execute();
  await db.schema.createIndex("progress_updates_status_idx").on("progress_updates").columns(["status", "submitted_at"]).execute();

  await db.schema
    .createTable("commitment_timeline")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("commitment_id", "text", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("progress_update_id", "text", (c) => c.references("progress_updates.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_label", "text")
    .addColumn("body", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitment_timeline_idx").on("commitment_timeline").columns(["commitment_id", "at"]).execute();

  await db.schema
    .createTable("reminders_sent")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("users").addColumn("commitment_digest", "integer", (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("commitment_digest").execute();
  await db.schema.dropTable("reminders_sent").execute();
  await db.schema.dropTable("commitment_timeline").execute();
  await db.schema.dropIndex("progress_updates_status_idx").execute();
  for (const column of ["decided_at", "decided_by", "submitted_at", "milestone_status", "status"]) {
    await db.schema.alterTable("progress_updates").dropColumn(column).execute();
  }
  await db.schema.alterTable("commitments").dropColumn("contact_user_id").execute();
  await db.schema.alterTable("commitments").dropColumn("kpi_baseline").execute();
}
