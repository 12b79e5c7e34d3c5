import { Migrator, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "~/db/migrate.server";
import { migrationProvider } from "~db/migrations";
import { connect, createTestDatabase, testDialect, type TestDatabase } from "../helpers/database";

const now = new Date().toISOString();

describe(`the jobs migration on ${testDialect()}`, () => {
  let database: TestDatabase;
  let connection: ReturnType<typeof connect>;
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = connect(database.url);
  });
  afterAll(async () => {
    await connection?.db.destroy();
    await database?.drop();
  });

  it("carries waiting outbox mail into jobs and turns its attachments into references, an old ICS file found by its event", async () => {
    const { error } = await new Migrator({ db: connection.db, provider: migrationProvider }).migrateTo("2026-11-23-30-signatory-rounds");
    expect(error).toBeUndefined();
    const before = connection.db as unknown as Kysely<any>;
    await before
      .insertInto("events")
      .values({ id: "ev1", slug: "hoi-thao-mes", kind: "workshop", status: "published", title_vi: "Hội thảo", title_en: "Workshop", summary_vi: "", summary_en: "", venue_vi: "Vĩnh Yên", venue_en: "Vinh Yen", starts_at: now, ends_at: now, capacity: 30, created_at: now, updated_at: now })
      .execute();
    const mail = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
      id,
      kind: "test",
      to_address: `${id}@example.vn`,
      locale: "vi",
      subject: id,
      text_body: "x",
      html_body: "x",
      status,
      attachments: "[]",
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      sent_at: null,
      created_at: now,
      ...extra,
    });
    const legacy = [
      { filename: "hoi-thao-mes.ics", contentType: "text/calendar; charset=utf-8", content: Buffer.from("BEGIN:VCALENDAR").toString("base64") },
      { filename: "ticket-hoi-thao-mes.pdf", contentType: "application/pdf", ticketCode: "code-1" },
      { filename: "MOU-2026-0001-v1.pdf", contentType: "application/pdf", fileId: "file-1" },
    ];
    await before
      .insertInto("outbox")
      .values([
        mail("waiting", "pending", { attachments: JSON.stringify(legacy) }),
        mail("interrupted", "sending", { attempts: 2, locked_until: now }),
        mail("given-up", "failed", { attempts: 8, last_error: "550 mailbox unavailable" }),
        mail("delivered", "sent", { attempts: 1, sent_at: now }),
      ])
      .execute();

    expect(await migrateToLatest(connection.db)).toContain("2026-12-01-04-jobs");
    const db = connection.db;
    const jobs = await db.selectFrom("jobs").select(["id", "kind", "status", "attempts", "last_error", "payload"]).orderBy("id").execute();
    expect(jobs).toEqual([
      { id: "given-up", kind: "mail.send", status: "failed", attempts: 8, last_error: "550 mailbox unavailable", payload: JSON.stringify({ outboxId: "given-up" }) },
      { id: "interrupted", kind: "mail.send", status: "pending", attempts: 2, last_error: null, payload: JSON.stringify({ outboxId: "interrupted" }) },
      { id: "waiting", kind: "mail.send", status: "pending", attempts: 0, last_error: null, payload: JSON.stringify({ outboxId: "waiting" }) },
    ]);
    expect((await db.selectFrom("outbox").select("status").where("id", "=", "interrupted").executeTakeFirstOrThrow()).status).toBe("pending");
    const waiting = await db.selectFrom("outbox").select("attachments").where("id", "=", "waiting").executeTakeFirstOrThrow();
    expect(JSON.parse(waiting.attachments)).toEqual([
      { filename: "hoi-thao-mes.ics", contentType: "text/calendar; charset=utf-8", render: "event-ics", ref: "ev1" },
      { filename: "ticket-hoi-thao-mes.pdf", contentType: "application/pdf", render: "ticket-pdf", ref: "code-1" },
      { filename: "MOU-2026-0001-v1.pdf", contentType: "application/pdf", render: "file", ref: "file-1" },
    ]);
  });
});
