import type { Kysely } from "kysely";

/**
 * Organizations register themselves: what they declare (tax code, address, contact, the email
 * domain that lets colleagues in), the staff's refusal with its reason, join requests, and MoU
 * invitations sent by email to a partner not yet on the portal.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("tax_code", "text")
    .execute();
  for (const column of ["address", "contact_name", "contact_email", "contact_phone", "email_domain", "registered_by", "rejected_at", "rejected_by", "rejection_reason"]) {
    await db.schema.alterTable("organizations").addColumn(column, "text").execute();
  }
  await db.schema.alterTable("organizations").addColumn("auto_join", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // Not unique: a refused registration keeps its code, and the staff queue flags a repeat.
  await db.schema.createIndex("organizations_tax_code_idx").on("organizations").column("tax_code").execute();
  await db.schema.createIndex("organizations_awaiting_idx").on("organizations").columns(["verified", "created_at"]).execute();

  await db.schema
    .createTable("join_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("message", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("join_requests_org_idx").on("join_requests").columns(["org_id", "status", "created_at"]).execute();
  await db.schema.createIndex("join_requests_user_idx").on("join_requests").columns(["user_id", "org_id"]).execute();

  await db.schema
    .createTable("mou_email_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("invited_by", "text", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .execute();
  await db.schema.createIndex("mou_email_invitations_mou_idx").on("mou_email_invitations").columns(["mou_id", "email"]).execute();
  await db.schema.createIndex("mou_email_invitations_email_idx").on("mou_email_invitations").columns(["email"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mou_email_invitations").execute();
  await db.schema.dropTable("join_requests").execute();
  await db.schema.dropIndex("organizations_awaiting_idx").execute();
  await db.schema.dropIndex("organizations_tax_code_idx").execute();
  for (const column of ["tax_code", "address", "contact_name", "contact_email", "contact_phone", "email_domain", "registered_by", "rejected_at", "rejected_by", "rejection_reason", "auto_join"]) {
    await db.schema.alterTable("organizations").dropColumn(column).execute();
  }
}
