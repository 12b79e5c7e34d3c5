import type { Kysely } from "kysely";

type LegacyAttachment = { filename: string; contentType: string; fileId?: string; ticketCode?: string; content?: string };

/**
 * Jobs: one queue for every piece of slow or outside work (mail, seals, later reminders), with a
 * lease and retries. The outbox keeps each email and what happened to it; its scheduling moves to
 * the job of the same id. Attachments become references rendered when the mail is sent; the ICS
 * file that used to be frozen at queue time is found again by its event's slug.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema.createIndex("jobs_created_idx").on("jobs").columns(["created_at"]).execute();

  const waiting = await db.selectFrom("outbox").select(["id", "status", "attempts", "next_attempt_at", "last_error", "created_at"]).where("status", "!=", "sent").execute();
  for (const row of waiting) {
    await db
      .insertInto("jobs")
      .values({
        id: row.id,
        kind: "mail.send",
        payload: JSON.stringify({ outboxId: row.id }),
        status: row.status === "failed" ? "failed" : "pending",
        attempts: row.attempts,
        run_at: row.next_attempt_at,
        last_error: row.last_error,
        created_at: row.created_at,
      })
      .execute();
  }
  await db.updateTable("outbox").set({ status: "pending" }).where("status", "=", "sending").execute();

  const withAttachments = await db.selectFrom("outbox").select(["id", "attachments"]).where("attachments", "!=", "[]").execute();
  for (const row of withAttachments) {
    const converted = [];
    for (const a of JSON.parse(row.attachments) as LegacyAttachment[]) {
      const base = { filename: a.filename, contentType: a.contentType };
      if (a.fileId) converted.push({ ...base, render: "file", ref: a.fileId });
      else if (a.ticketCode) converted.push({ ...base, render: "ticket-pdf", ref: a.ticketCode });
      else if (a.filename.endsWith(".ics")) {
        const event = await db.selectFrom("events").select("id").where("slug", "=", a.filename.slice(0, -4)).executeTakeFirst();
        if (event) converted.push({ ...base, render: "event-ics", ref: event.id });
      }
    }
    await db.updateTable("outbox").set({ attachments: JSON.stringify(converted) }).where("id", "=", row.id).execute();
  }

  await db.schema.dropIndex("outbox_due_idx").execute();
  await db.schema.alterTable("outbox").dropColumn("next_attempt_at").execute();
  await db.schema.alterTable("outbox").dropColumn("locked_until").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("next_attempt_at", "text", (c) => c.notNull().defaultTo("1970-01-01T00:00:00.000Z")).execute();
  await db.schema.alterTable("outbox").addColumn("locked_until", "text").execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.dropTable("jobs").execute();
}
