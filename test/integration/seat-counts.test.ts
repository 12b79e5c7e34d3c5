import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAttendees, type Attendee } from "~/events/register.server";
import { applyLifecycle } from "~/events/event-lifecycle.server";
import { cancelRegistration, decideRegistration } from "~/events/registrations.server";
import { countTakenSeats } from "~/events/seats.server";
import { connect, openMigratedDatabase } from "../helpers/database";
import { createTestEvent } from "../helpers/events";

const meta = { locale: "vi" as const, consentText: "Đồng ý", userId: null, orgId: null, registeredBy: null };
const mail = { origin: "http://localhost:3000" };
const actor = { id: null, name: "test", ip: "127.0.0.1" };
const attendee = (n: string): Attendee => ({ name: `Lê Văn ${n}`, email: `seat${n}@example.vn`, organization: null, position: null, phone: null, answers: {} });

describe("the seat counter row", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase();
  });
  afterAll(async () => database?.close());

  const heldSeats = async (eventId: string) => {
    const row = await database.db
      .selectFrom("registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("event_id", "=", eventId)
      .where("status", "in", ["confirmed", "pending"])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it("follows every change of status: claims, cancellation, approval, rejection, promotion and deletion", async () => {
    const event = await createTestEvent(database.db, { capacity: 3, requires_approval: 1 });
    expect(await countTakenSeats(database.db, event.id)).toBe(0);
    const outcomes = await registerAttendees(database.db, event.id, ["a", "b", "c", "d", "e"].map(attendee), meta, mail);
    const ids = outcomes.map((o) => (o.kind === "created" ? o.registration.id : ""));
    expect(await countTakenSeats(database.db, event.id)).toBe(3);
    expect(await decideRegistration(database.db, ids[0], "approve", actor, mail)).toBe("done");
    expect(await countTakenSeats(database.db, event.id)).toBe(3);
    // A rejection frees a seat that goes straight to the first on the waitlist.
    expect(await decideRegistration(database.db, ids[1], "reject", actor, mail)).toBe("done");
    expect(await countTakenSeats(database.db, event.id)).toBe(3);
    expect(await cancelRegistration(database.db, ids[2], actor, { ...mail, reason: "Hủy thử" }, "organizer")).toBe("cancelled");
    expect(await countTakenSeats(database.db, event.id)).toBe(3);
    expect(await heldSeats(event.id)).toBe(3);
    await database.db.deleteFrom("registrations").where("id", "=", ids[0]).execute();
    expect(await countTakenSeats(database.db, event.id)).toBe(2);
    expect(await heldSeats(event.id)).toBe(2);
  });

  it("a claim leaves the public pages' stamp alone: only its event's page shows seats, keyed on the counter", async () => {
    const event = await createTestEvent(database.db, { capacity: 5 });
    const stamp = () => database.db.selectFrom("site_versions").select("version").where("name", "=", "public").executeTakeFirstOrThrow();
    const before = await stamp();
    await registerAttendees(database.db, event.id, [attendee("stamp")], meta, mail);
    expect(await countTakenSeats(database.db, event.id)).toBe(1);
    expect(await stamp()).toEqual(before);
  });

  it("the same address twice in one call gets one registration, and the second its ticket reminder", async () => {
    const event = await createTestEvent(database.db, { capacity: 5 });
    const [first, second] = await registerAttendees(database.db, event.id, [attendee("twice"), { ...attendee("twice"), email: " SEATtwice@example.vn " }], meta, mail);
    expect(first.kind).toBe("created");
    expect(second.kind).toBe("existing");
    expect(await countTakenSeats(database.db, event.id)).toBe(1);
    const mails = await database.db.selectFrom("outbox").select("kind").where("to_address", "=", "seattwice@example.vn").orderBy("kind").execute();
    expect(mails.map((m) => m.kind)).toEqual(["registration.confirmed", "registration.reminder_of_ticket"]);
  });

  it("never oversells when two connections (as two portal processes) claim seats at once", async () => {
    const event = await createTestEvent(database.db, { capacity: 20 });
    const other = connect(database.url);
    try {
      // better-sqlite3 waits for a lock synchronously, so two SQLite connections in one thread
      // would wait on each other: there, one connection queues the claims (processes are the fault tests' part).
      const handles = database.dialect === "postgres" ? [database.db, other.db] : [database.db];
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) => registerAttendees(handles[i % handles.length], event.id, [attendee(`race${i}`)], meta, mail)),
      );
      expect(outcomes.flat().every((o) => o.kind === "created")).toBe(true);
      const rows = await database.db.selectFrom("registrations").select("status").where("event_id", "=", event.id).execute();
      expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(20);
      expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(40);
      expect(await countTakenSeats(database.db, event.id)).toBe(20);
    } finally {
      await other.db.destroy();
    }
  });

  it("a registration racing the event's cancellation is either refused or told of the cancellation", async () => {
    // Two pools stand for two portal processes; on SQLite one connection runs one transaction at a
    // time, so there the race cannot happen in one process and the test checks the outcome only.
    const other = connect(database.url);
    try {
      for (let round = 0; round < 3; round++) {
        const event = await createTestEvent(database.db, { capacity: 100 });
        const registering = Promise.all(
          Array.from({ length: 30 }, (_, i) => registerAttendees(database.db, event.id, [attendee(`cancel${round}-${i}`)], meta, mail)),
        );
        await new Promise((resolve) => setTimeout(resolve, 5 + round * 10));
        expect(await applyLifecycle(other.db, event.id, "cancel", actor, mail)).toBe(true);
        await registering;
        const stored = await database.db.selectFrom("registrations").select("email").where("event_id", "=", event.id).execute();
        const told = await database.db.selectFrom("outbox").select("to_address").where("kind", "=", "registration.event_cancelled").where("to_address", "in", stored.length ? stored.map((r) => r.email) : [""]).execute();
        expect(told.map((r) => r.to_address).sort()).toEqual(stored.map((r) => r.email).sort());
      }
    } finally {
      await other.db.destroy();
    }
  });
});
