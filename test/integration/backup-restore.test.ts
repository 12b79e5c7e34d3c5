import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPortalTask } from "../helpers/commands";
import { connect } from "../helpers/database";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const TABLES = ["users", "organizations", "events", "registrations", "mous", "agreements", "audit_log", "event_seat_counts"] as const;

async function countRows(url: string) {
  const { db } = connect(url);
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await db.destroy();
  }
}

describe("db:backup and db:restore", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-"));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("round trip: a backup taken while the portal serves registrations restores into an empty database, and a full one is kept unless --force", async () => {
    const file = path.join(dir, "portal-backup.db");
    if (server.database.dialect === "postgres") {
      const refused = await runPortalTask(server, ["backup", file]);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/pg_dump/);
      return;
    }
    const event = await createTestEvent(server.db, { capacity: 5 });
    const visitor = new Client(server.baseUrl);
    // Registrations keep arriving while the backup runs: the copy must still be one consistent state.
    const rush = Promise.all(Array.from({ length: 20 }, (_, i) => visitor.post(`/events/${event.slug}/register`, registrationFields(`bk${i}`))));
    const backup = await runPortalTask(server, ["backup", file]);
    await rush;
    expect(backup.code, backup.output).toBe(0);
    const again = await runPortalTask(server, ["backup", file]);
    expect(again.code).toBe(1);

    const target = `file:${path.join(dir, "restored.db")}`;
    const restore = await runPortalTask(server, ["restore", file], { DATABASE_URL: target });
    expect(restore.code, restore.output).toBe(0);
    const restored = await countRows(target);
    expect(restored.users).toBeGreaterThan(0);
    expect(restored.mous).toBeGreaterThan(0);
    // Consistent: the seat counters the triggers keep agree with the registrations in the copy.
    const { db } = connect(target);
    const held = await db.selectFrom("registrations").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", event.id).where("status", "in", ["confirmed", "pending"]).executeTakeFirstOrThrow();
    const counter = await db.selectFrom("event_seat_counts").select("taken").where("event_id", "=", event.id).executeTakeFirst();
    await db.destroy();
    expect(Number(counter?.taken ?? 0)).toBe(Number(held.n));

    // The live database now holds more than the backup; a restore over it is refused, then forced.
    await visitor.post(`/events/${event.slug}/register`, registrationFields("after-backup"));
    const copy = `file:${path.join(dir, "live-copy.db")}`;
    expect((await runPortalTask(server, ["backup", copy.slice(5)])).code).toBe(0);
    const before = await countRows(copy);
    const refused = await runPortalTask(server, ["restore", file], { DATABASE_URL: copy });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/--force/);
    expect(await countRows(copy)).toEqual(before);
    const forced = await runPortalTask(server, ["restore", file, "--force"], { DATABASE_URL: copy });
    expect(forced.code, forced.output).toBe(0);
    expect(await countRows(copy)).toEqual(restored);
  });
});
