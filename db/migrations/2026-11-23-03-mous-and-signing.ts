import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mous")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("purpose_vi", "text")
    .addColumn("purpose_en", "text")
    .addColumn("scope_vi", "text")
    .addColumn("scope_en", "text")
    .addColumn("event_id", "text", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("effective_on", "text")
    .addColumn("expires_on", "text")
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("signing_order", "text", (c) => c.notNull().defaultTo("parallel"))
    .addColumn("signing_deadline", "text")
    .addColumn("current_version_id", "text")
    .addColumn("shared_at", "text")
    .addColumn("is_sample", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mous_event_idx").on("mous").column("event_id").execute();

  await db.schema
    .createTable("mou_parties")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("is_lead", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("mou_parties_unique", ["mou_id", "org_id"])
    .execute();
  await db.schema.createIndex("mou_parties_org_idx").on("mou_parties").column("org_id").execute();

  await db.schema
    .createTable("mou_clauses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("heading_vi", "text")
    .addColumn("heading_en", "text")
    .addColumn("body_vi", "text", (c) => c.notNull())
    .addColumn("body_en", "text")
    .execute();
  await db.schema.createIndex("mou_clauses_mou_idx").on("mou_clauses").columns(["mou_id", "position"]).execute();

  await db.schema
    .createTable("mou_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("frozen_at", "text")
    .addUniqueConstraint("mou_versions_number_unique", ["mou_id", "number"])
    .execute();

  await db.schema
    .createTable("mou_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.references("mou_versions.id").onDelete("set null"))
    .addColumn("clause_id", "text")
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("signatories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("party_id", "text", (c) => c.notNull().references("mou_parties.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.references("mou_versions.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("sign_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("signature_kind", "text")
    .addColumn("signature_data", "text")
    .addColumn("consent_text", "text")
    .addColumn("version_hash", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("signed_at", "text")
    .addColumn("decline_reason", "text")
    .addColumn("declined_at", "text")
    .addColumn("otp_hash", "text")
    .addColumn("otp_expires_at", "text")
    .addColumn("otp_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("invited_at", "text")
    .addColumn("last_reminded_at", "text")
    .addColumn("reminder_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signatories_mou_idx").on("signatories").column("mou_id").execute();
  await db.schema.createIndex("signatories_user_idx").on("signatories").column("user_id").execute();

  await db.schema
    .createTable("agreements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("mou_versions.id"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("sha256", "text", (c) => c.notNull().unique())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("agreements_version_unique", ["version_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["agreements", "signatories", "mou_comments", "mou_versions", "mou_clauses", "mou_parties", "mous"]) {
    await db.schema.dropTable(table).execute();
  }
}
