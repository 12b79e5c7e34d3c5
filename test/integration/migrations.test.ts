import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Migrator, sql } from "kysely";
import { migrationProvider } from "~db/migrations";
import { migrateToLatest } from "~/db/migrate.server";
import { newId } from "~/lib/ids.server";
import { connect, createTestDatabase, openMigratedDatabase, testDialect } from "../helpers/database";

const now = new Date().toISOString();

describe(`schema on ${testDialect()}`, () => {
  let t: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    t = await openMigratedDatabase();
  });
  afterAll(async () => t?.close());

  it("migrates an empty database to the latest schema, and a second run applies nothing", async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
    const tables = await t.db.introspection.getTables();
    const names = tables.map((x) => x.name);
    for (const table of ["users", "sessions", "organizations", "memberships", "events", "agenda_items", "speakers", "registrations", "mous", "mou_versions", "mou_parties", "signatories", "agreements", "commitments", "milestones", "progress_updates", "files", "audit_log", "outbox"]) {
      expect(names).toContain(table);
    }
  });

  async function insertEvent(slug: string) {
    const id = newId();
    await t.db
      .insertInto("events")
      .values({
        id,
        slug,
        kind: "workshop",
        status: "published",
        title_vi: "Hội thảo",
        title_en: "Workshop",
        summary_vi: "",
        summary_en: "",
        venue_vi: "Vĩnh Yên",
        venue_en: "Vinh Yen",
        starts_at: now,
        ends_at: now,
        capacity: 30,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  function registration(eventId: string, email: string) {
    return {
      id: newId(),
      event_id: eventId,
      ticket_code: newId() + newId(),
      status: "confirmed" as const,
      name: "Nguyễn Văn A",
      email,
      email_normalized: email.toLowerCase(),
      consent_at: now,
      consent_text: "consent",
      created_at: now,
      updated_at: now,
    };
  }

  it("refuses a second registration with the same email for one event, but allows it for another event", async () => {
    const a = await insertEvent("su-kien-a");
    const b = await insertEvent("su-kien-b");
    await t.db.insertInto("registrations").values(registration(a, "an@example.vn")).execute();
    await expect(t.db.insertInto("registrations").values(registration(a, "an@example.vn")).execute()).rejects.toThrow();
    await t.db.insertInto("registrations").values(registration(b, "an@example.vn")).execute();
  });

  it("refuses a second event with the same slug", async () => {
    await insertEvent("trung-slug");
    await expect(insertEvent("trung-slug")).rejects.toThrow();
  });

  it("refuses a second MoU with the same reference number", async () => {
    const mou = (reference: string) => ({
      id: newId(),
      reference,
      status: "draft" as const,
      title_vi: "Biên bản ghi nhớ",
      title_en: "MoU",
      visibility: "private" as const,
      created_at: now,
      updated_at: now,
    });
    await t.db.insertInto("mous").values(mou("MOU-2026-0001")).execute();
    await expect(t.db.insertInto("mous").values(mou("MOU-2026-0001")).execute()).rejects.toThrow();
  });

  it("refuses two users with one email and two memberships of one user in one organization", async () => {
    const user = { id: newId(), email: "dup@example.vn", name: "A", created_at: now, updated_at: now };
    await t.db.insertInto("users").values(user).execute();
    await expect(t.db.insertInto("users").values({ ...user, id: newId() }).execute()).rejects.toThrow();
    const org = { id: newId(), name_vi: "Tổ chức", name_en: "Org", kind: "enterprise" as const, country: "VN", created_at: now, updated_at: now };
    await t.db.insertInto("organizations").values(org).execute();
    const membership = { org_id: org.id, user_id: user.id, role: "member" as const, created_at: now };
    await t.db.insertInto("memberships").values({ id: newId(), ...membership }).execute();
    await expect(t.db.insertInto("memberships").values({ id: newId(), ...membership }).execute()).rejects.toThrow();
  });

  it("enforces foreign keys", async () => {
    await expect(
      t.db.insertInto("memberships").values({ id: newId(), org_id: "missing", user_id: "missing", role: "member", created_at: now }).execute(),
    ).rejects.toThrow();
    await sql`select 1`.execute(t.db);
  });

  it("keeps the parties named before acceptance existed: the migration accepts them", async () => {
    const old = await createTestDatabase();
    const connection = connect(old.url);
    try {
      const migrator = new Migrator({ db: connection.db, provider: migrationProvider });
      expect((await migrator.migrateTo("2026-11-23-30-signatory-rounds")).error).toBeUndefined();
      const org = { id: newId(), name_vi: "Tổ chức", name_en: "Org", kind: "enterprise" as const, country: "VN", created_at: now, updated_at: now };
      await connection.db.insertInto("organizations").values(org).execute();
      const mouId = newId();
      await connection.db.insertInto("mous").values({ id: mouId, reference: "MOU-2026-0009", status: "draft", title_vi: "Biên bản", title_en: "MoU", visibility: "private", created_at: now, updated_at: now }).execute();
      // Written as the code of that time wrote it: without the column.
      await sql`insert into mou_parties (id, mou_id, org_id, is_lead, sort_order) values (${newId()}, ${mouId}, ${org.id}, 1, 0)`.execute(connection.db);
      expect(await migrateToLatest(connection.db)).toContain("2026-12-01-03-party-acceptance");
      const party = await connection.db.selectFrom("mou_parties").select("accepted_at").where("mou_id", "=", mouId).executeTakeFirstOrThrow();
      expect(party.accepted_at).not.toBeNull();
    } finally {
      await connection.db.destroy();
      await old.drop();
    }
  });
});
