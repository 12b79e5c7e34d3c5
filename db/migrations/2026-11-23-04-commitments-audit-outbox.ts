import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("commitments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("description_vi", "text")
    .addColumn("description_en", "text")
    .addColumn("kpi_target", "double precision")
    .addColumn("kpi_unit_vi", "text")
    .addColumn("kpi_unit_en", "text")
    .addColumn("kpi_current", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("start_on", "text")
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitments_mou_idx").on("commitments").column("mou_id").execute();
  await db.schema.createIndex("commitments_org_idx").on("commitments").column("org_id").execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("commitment_id", "text", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("weight", "double precision", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_commitment_idx").on("milestones").column("commitment_id").execute();

  await db.schema
    .createTable("progress_updates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("commitment_id", "text", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("milestone_id", "text", (c) => c.references("milestones.id").onDelete("set null"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("kpi_value", "double precision")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("progress_updates_commitment_idx").on("progress_updates").column("commitment_id").execute();

  await db.schema
    .createTable("progress_update_files")
    .addColumn("progress_update_id", "text", (c) => c.notNull().references("progress_updates.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("progress_update_files_pk", ["progress_update_id", "file_id"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull().unique())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("ip", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity_type", "entity_id"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("to_name", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("vi"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["outbox", "audit_log", "progress_update_files", "progress_updates", "milestones", "commitments"]) {
    await db.schema.dropTable(table).execute();
  }
}
