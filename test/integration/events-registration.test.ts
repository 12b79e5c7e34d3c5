import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/http";
import { createTestEvent, registrationFields } from "../helpers/events";
import { startTestServer, type TestServer } from "../helpers/server";

describe("public registration", () => {
  let server: TestServer;
  let visitor: Client;
  beforeAll(async () => {
    server = await startTestServer((baseUrl) => ({ DEMO_DATA: "off", PUBLIC_URL: baseUrl }));
    visitor = new Client(server.baseUrl);
  });
  afterAll(async () => server?.stop());

  const registrations = (eventId: string) => server.db.selectFrom("registrations").selectAll().where("event_id", "=", eventId).execute();

  it("never oversells: 100 registrations at once for 30 seats give 30 confirmed and 70 waitlisted", async () => {
    const event = await createTestEvent(server.db, { capacity: 30 });
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => new Client(server.baseUrl).post(`/events/${event.slug}/register`, registrationFields(`load${i}`))),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`[measure] 100 concurrent registrations (${server.database.dialect}): ${seconds.toFixed(2)} s, ${(100 / seconds).toFixed(1)} registrations/s`);
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(302));
    const rows = await registrations(event.id);
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.email_normalized)).size).toBe(100);
    expect(new Set(rows.map((r) => r.ticket_code)).size).toBe(100);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(30);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(70);
    // Every registrant gets exactly one email.
    const mail = await server.db.selectFrom("outbox").select(["to_address", "kind"]).where("to_address", "like", "attendeeload%").execute();
    expect(mail).toHaveLength(100);
    expect(mail.filter((m) => m.kind === "registration.waitlisted")).toHaveLength(70);
  });

  it("a full event puts the next registrant on the waitlist with their place, and a cancellation moves the first one up", async () => {
    const event = await createTestEvent(server.db, { capacity: 1 });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("w1"));
    const second = await visitor.post(`/events/${event.slug}/register`, registrationFields("w2"));
    const third = await visitor.post(`/events/${event.slug}/register`, registrationFields("w3"));
    const secondPage = await visitor.get(second.headers.get("location")!);
    expect(await secondPage.text()).toMatch(/vị trí 1 trong danh sách chờ/);
    const thirdPage = await visitor.get(third.headers.get("location")!);
    expect(await thirdPage.text()).toMatch(/vị trí 2 trong danh sách chờ/);

    const [first] = (await registrations(event.id)).filter((r) => r.email === "attendeew1@example.vn");
    // Cancelling asks for confirmation first.
    expect((await visitor.post(`/tickets/${first.ticket_code}`, { intent: "cancel" })).status).toBe(400);
    const cancel = await visitor.post(`/tickets/${first.ticket_code}`, { intent: "cancel", confirm: "on" });
    expect(cancel.status).toBe(302);
    const rows = await registrations(event.id);
    expect(rows.find((r) => r.email === "attendeew1@example.vn")!.status).toBe("cancelled");
    expect(rows.find((r) => r.email === "attendeew2@example.vn")!.status).toBe("confirmed");
    expect(rows.find((r) => r.email === "attendeew3@example.vn")!.status).toBe("waitlisted");
    const promoted = await server.db.selectFrom("outbox").select("subject").where("to_address", "=", "attendeew2@example.vn").where("kind", "=", "registration.promoted").execute();
    expect(promoted).toHaveLength(1);
  });

  it("the same email registering twice keeps one registration and one seat", async () => {
    const event = await createTestEvent(server.db, { capacity: 5 });
    const first = await visitor.post(`/events/${event.slug}/register`, registrationFields("dup"));
    expect(first.status).toBe(302);
    const again = await visitor.post(`/events/${event.slug}/register`, registrationFields("dup", { email: " AttendeeDUP@example.vn " }));
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toMatch(/đã đăng ký sự kiện/);
    expect(html).not.toContain(first.headers.get("location")!.split("?")[0]);
    expect(await registrations(event.id)).toHaveLength(1);
  });

  it("refuses bad input with a message on the form, stores nothing and never answers 500", async () => {
    const event = await createTestEvent(server.db);
    const cases: Record<string, string>[] = [
      {},
      registrationFields("bad1", { email: "not-an-email" }),
      registrationFields("bad2", { name: "Đ".repeat(20_000) }),
      registrationFields("bad3", { name: "<script>alert(1)</script>" }),
      registrationFields("bad4", { consent: "" }),
      registrationFields("bad5", { phone: "call me <b>" }),
    ];
    for (const fields of cases) {
      const res = await visitor.post(`/events/${event.slug}/register`, fields);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).not.toContain("<script>alert(1)</script>");
    }
    expect(await registrations(event.id)).toHaveLength(0);
  });

  it("respects the registration window and the event's status", async () => {
    const soon = await createTestEvent(server.db, { registration_opens_at: new Date(Date.now() + 86_400_000).toISOString() });
    const res = await visitor.post(`/events/${soon.slug}/register`, registrationFields("early"));
    expect(res.status).toBe(400);
    expect(await registrations(soon.id)).toHaveLength(0);
    const draft = await createTestEvent(server.db, { status: "draft" });
    expect((await visitor.post(`/events/${draft.slug}/register`, registrationFields("draft"))).status).toBe(404);
    const closed = await createTestEvent(server.db, { registration_closes_at: new Date(Date.now() - 60_000).toISOString() });
    expect((await visitor.post(`/events/${closed.slug}/register`, registrationFields("late"))).status).toBe(400);
  });

  it("an event with approval keeps registrants pending until an organizer approves", async () => {
    const event = await createTestEvent(server.db, { requires_approval: 1, capacity: 10 });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("appr"));
    const [row] = await registrations(event.id);
    expect(row.status).toBe("pending");
    const ticket = await visitor.get(`/tickets/${row.ticket_code}`);
    expect(await ticket.text()).toMatch(/Chờ duyệt/);
  });

  it("stores the answers to the event's questions and the consent with its time and text", async () => {
    const questions = JSON.stringify([{ id: "q1", label_vi: "Nhu cầu ăn chay?", label_en: "Vegetarian?", required: true }]);
    const event = await createTestEvent(server.db, { questions });
    const missing = await visitor.post(`/events/${event.slug}/register`, registrationFields("q"));
    expect(missing.status).toBe(400);
    const ok = await visitor.post(`/events/${event.slug}/register`, registrationFields("q", { "answer.q1": "Có" }));
    expect(ok.status).toBe(302);
    const [row] = await registrations(event.id);
    expect(JSON.parse(row.answers)).toEqual({ q1: "Có" });
    expect(row.consent_text).toMatch(/13\/2023\/NĐ-CP/);
    expect(row.consent_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("serves the ticket, its PDF, the attendee's data and erases it on request", async () => {
    const event = await createTestEvent(server.db);
    const res = await visitor.post(`/events/${event.slug}/register`, registrationFields("pdf", { name: "Trần Duy Đông" }));
    const ticketPath = res.headers.get("location")!.split("?")[0];
    const code = ticketPath.split("/").pop()!;
    expect(Buffer.from(code, "base64url").length).toBeGreaterThanOrEqual(16);
    const page = await visitor.get(ticketPath);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(await page.text()).toContain("data:image/png;base64");
    const pdf = await visitor.get(`${ticketPath}/ticket.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const data = await (await visitor.get(`${ticketPath}/data.json`)).json();
    expect(data.registration.name).toBe("Trần Duy Đông");
    expect((await visitor.post(ticketPath, { intent: "erase" })).status).toBe(400);
    expect((await visitor.post(ticketPath, { intent: "erase", confirm: "on" })).status).toBe(302);
    const [row] = await registrations(event.id);
    expect(row).toMatchObject({ name: "", email: "", phone: null, status: "cancelled" });
    expect(row.erased_at).not.toBeNull();
    expect((await visitor.get("/tickets/not-a-real-code")).status).toBe(404);
  });

  it("gives the event's calendar file with UTC times that are 08:30 in Vietnam", async () => {
    const event = await createTestEvent(server.db, { starts_at: "2030-05-20T01:30:00.000Z", ends_at: "2030-05-20T09:30:00.000Z" });
    const res = await visitor.get(`/events/${event.slug}/calendar.ics`);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const ics = await res.text();
    expect(ics).toContain("DTSTART:20300520T013000Z");
    expect(ics).toContain("DTEND:20300520T093000Z");
  });
});
