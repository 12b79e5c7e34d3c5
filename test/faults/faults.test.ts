import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";
import { waitUntil } from "../helpers/wait";

// Processes on one database share what must be shared: the audit chain key and the cookie secret.
const SHARED_SECRETS = { AUDIT_CHAIN_KEY: "f".repeat(64), COOKIE_SECRET: "c".repeat(64), DEMO_DATA: "off", OUTBOX_RETRY_BASE_MS: "100" };

async function statuses(server: TestServer, eventId: string) {
  const rows = await server.db.selectFrom("registrations").select(["email_normalized", "status"]).where("event_id", "=", eventId).execute();
  const seats = await server.db.selectFrom("event_seat_counts").select("taken").where("event_id", "=", eventId).executeTakeFirstOrThrow();
  return { rows, taken: Number(seats.taken), confirmed: rows.filter((r) => r.status === "confirmed").length };
}

describe("faults", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("SIGKILL in the middle of a registration rush, then a restart: every registration answered with success is there", async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanup.push(() => database.drop());
    const env = (baseUrl: string) => ({ ...SHARED_SECRETS, PUBLIC_URL: baseUrl });
    const first = await startTestServer(env, { database });
    const event = await createTestEvent(first.db, { capacity: 40 });
    const acknowledged: string[] = [];
    let sent = 0;
    const worker = async () => {
      for (;;) {
        const i = sent++;
        const fields = registrationFields(`kill${i}`);
        const res = await new Client(first.baseUrl).post(`/events/${event.slug}/register`, fields).catch(() => null);
        if (!res) return;
        if (res.status === 302) acknowledged.push(fields.email);
      }
    };
    const rush = Promise.all(Array.from({ length: 8 }, worker));
    await waitUntil("some registrations", async () => acknowledged.length >= 30);
    first.child.kill("SIGKILL");
    await rush;
    await first.stop();

    const second = await startTestServer(env, { database });
    cleanup.push(() => second.stop());
    const after = await statuses(second, event.id);
    const stored = new Set(after.rows.map((r) => r.email_normalized));
    expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);
    expect(after.confirmed).toBeLessThanOrEqual(40);
    expect(after.taken).toBe(after.confirmed);
    // The restarted portal takes registrations again.
    const again = await new Client(second.baseUrl).post(`/events/${event.slug}/register`, registrationFields("after-restart"));
    expect(again.status).toBe(302);
  });

  it("the mail server down during registrations and back later: every mail is delivered, once", async () => {
    const smtp = await TestSmtpServer.start();
    await smtp.stop();
    const server = await startTestServer((baseUrl) => ({ ...SHARED_SECRETS, PUBLIC_URL: baseUrl, SMTP_URL: smtp.url }));
    cleanup.push(() => server.stop());
    const event = await createTestEvent(server.db, { capacity: 10 });
    for (let i = 0; i < 6; i++) {
      expect((await new Client(server.baseUrl).post(`/events/${event.slug}/register`, registrationFields(`down${i}`))).status).toBe(302);
    }
    // Deliveries are tried and fail while the server is down.
    await waitUntil("failed attempts", async () => {
      const failed = await server.db.selectFrom("jobs").select("id").where("attempts", ">", 0).execute();
      return failed.length >= 6;
    });
    await smtp.listen();
    cleanup.push(() => smtp.stop());
    await waitUntil("six mails", async () => smtp.messages.filter((m) => /attendeedown/.test(m.to_address)).length >= 6);
    await new Promise((r) => setTimeout(r, 1500));
    const received = smtp.messages.filter((m) => /attendeedown/.test(m.to_address)).map((m) => m.to_address).sort();
    expect(received).toEqual(Array.from({ length: 6 }, (_, i) => `attendeedown${i}@example.vn`).sort());
  });

  it("two portal processes on one database taking registrations for one event: no seat oversold, each mail sent once", async () => {
    const smtp = await TestSmtpServer.start();
    cleanup.push(() => smtp.stop());
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const env = (baseUrl: string) => ({ ...SHARED_SECRETS, PUBLIC_URL: baseUrl, SMTP_URL: smtp.url });
    const a = await startTestServer(env, { database });
    const b = await startTestServer(env, { database });
    cleanup.push(() => b.stop(), () => a.stop());
    const event = await createTestEvent(a.db, { capacity: 25 });
    // Each process checks Origin against its own PUBLIC_URL, so each client talks to one process.
    const responses = await Promise.all(
      Array.from({ length: 80 }, (_, i) => new Client((i % 2 ? a : b).baseUrl).post(`/events/${event.slug}/register`, registrationFields(`two${i}`))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(80).fill(302));
    const after = await statuses(a, event.id);
    expect(after.rows).toHaveLength(80);
    expect(after.confirmed).toBe(25);
    expect(after.taken).toBe(25);
    await waitUntil("80 mails", async () => smtp.messages.filter((m) => /attendeetwo/.test(m.to_address)).length >= 80, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    const received = smtp.messages.filter((m) => /attendeetwo/.test(m.to_address)).map((m) => m.to_address);
    expect(received).toHaveLength(80);
    expect(new Set(received).size).toBe(80);
  });
});
