import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("summary_vi", "text", (c) => c.notNull())
    .addColumn("summary_en", "text", (c) => c.notNull())
    .addColumn("description_vi", "text")
    .addColumn("description_en", "text")
    .addColumn("venue_vi", "text", (c) => c.notNull())
    .addColumn("venue_en", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull().defaultTo("Asia/Ho_Chi_Minh"))
    .addColumn("capacity", "integer")
    .addColumn("registration_opens_at", "text")
    .addColumn("registration_closes_at", "text")
    .addColumn("requires_approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("questions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("cover_file_id", "text", (c) => c.references("files.id").onDelete("set null"))
    .addColumn("is_sample", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("published_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("reminder_sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_status_start_idx").on("events").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("event_organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("event_organizations_unique", ["event_id", "org_id", "role"])
    .execute();

  await db.schema
    .createTable("speakers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position_vi", "text")
    .addColumn("position_en", "text")
    .addColumn("org_id", "text", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("organization_name", "text")
    .addColumn("bio_vi", "text")
    .addColumn("bio_en", "text")
    .addColumn("photo_file_id", "text", (c) => c.references("files.id").onDelete("set null"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("email", "text")
    .addColumn("invite_token_hash", "text", (c) => c.unique())
    .addColumn("invite_expires_at", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("speakers_event_idx").on("speakers").column("event_id").execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("room", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("description_vi", "text")
    .addColumn("description_en", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agenda_items_event_idx").on("agenda_items").columns(["event_id", "starts_at"]).execute();

  await db.schema
    .createTable("agenda_speakers")
    .addColumn("agenda_item_id", "text", (c) => c.notNull().references("agenda_items.id").onDelete("cascade"))
    .addColumn("speaker_id", "text", (c) => c.notNull().references("speakers.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("agenda_speakers_pk", ["agenda_item_id", "speaker_id"])
    .execute();

  await db.schema
    .createTable("registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("ticket_code", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("organization", "text")
    .addColumn("position", "text")
    .addColumn("org_id", "text", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("registered_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("vi"))
    .addColumn("consent_at", "text", (c) => c.notNull())
    .addColumn("consent_text", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("waitlisted_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("checked_in_at", "text")
    .addColumn("checked_in_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("erased_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("registrations_event_email_unique", ["event_id", "email_normalized"])
    .execute();
  await db.schema.createIndex("registrations_event_status_idx").on("registrations").columns(["event_id", "status", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["registrations", "agenda_speakers", "agenda_items", "speakers", "event_organizations", "events"]) {
    await db.schema.dropTable(table).execute();
  }
}
