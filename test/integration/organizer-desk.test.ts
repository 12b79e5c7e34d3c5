import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { createTestEvent, registrationFields } from "../helpers/events";
import { startTestServer, type TestServer } from "../helpers/server";

describe("the organizer's desk", () => {
  let server: TestServer;
  let organizer: Client;
  let visitor: Client;
  let english: Client;
  let organizerId: string;
  beforeAll(async () => {
    server = await startTestServer();
    organizer = new Client(server.baseUrl);
    await organizer.signIn(DEMO.organizer);
    visitor = new Client(server.baseUrl);
    english = new Client(server.baseUrl);
    await english.post("/language", { locale: "en" });
    organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => server?.stop());

  const registrationOf = (eventId: string, email: string) =>
    server.db.selectFrom("registrations").selectAll().where("event_id", "=", eventId).where("email_normalized", "=", email).executeTakeFirstOrThrow();
  const mailTo = (email: string, kind: string) =>
    server.db.selectFrom("outbox").select(["subject", "locale", "text_body"]).where("to_address", "=", email).where("kind", "=", kind).execute();

  it("finds an attendee at the door by words in any order, without accents, and by phone", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("quan", { name: "Phạm Minh Quân", phone: "0912 345 678" }));
    await visitor.post(`/events/${event.slug}/register`, registrationFields("other", { name: "Phạm Thị Hoa" }));
    for (const q of ["pham quan", "quân phạm", "+84912345678"]) {
      const page = await (await organizer.get(`/manage/events/${event.slug}/check-in?q=${encodeURIComponent(q)}`)).text();
      expect(page, q).toContain("Phạm Minh Quân");
      expect(page, q).not.toContain("Phạm Thị Hoa");
    }
    const list = await (await organizer.get(`/manage/events/${event.slug}/registrations?q=${encodeURIComponent("quan pham")}`)).text();
    expect(list).toContain("Phạm Minh Quân");
    expect(list).not.toContain("Phạm Thị Hoa");
  });

  it("undoes a check-in once, and lists who is in", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("undo", { name: "Đỗ Văn Tùng" }));
    const { id } = await registrationOf(event.id, "attendeeundo@example.vn");
    expect((await organizer.post(`/manage/events/${event.slug}/check-in`, { id })).status).toBe(200);
    expect(await (await organizer.get(`/manage/events/${event.slug}/check-in`)).text()).toMatch(/Đã có mặt[\s\S]*Đỗ Văn Tùng/);
    const undone = await Promise.all([1, 2].map(() => organizer.post(`/manage/events/${event.slug}/check-in`, { id, intent: "undo" })));
    expect(undone.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await registrationOf(event.id, "attendeeundo@example.vn")).checked_in_at).toBeNull();
    const audit = await server.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).where("action", "=", "registration.undo_check_in").execute();
    expect(audit).toHaveLength(1);
  });

  it("cancels with a reason and mails the attendee in the language they registered in", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId });
    await english.post(`/events/${event.slug}/register`, registrationFields("cx", { name: "Watanabe Akira" }));
    const { id } = await registrationOf(event.id, "attendeecx@example.vn");
    const refused = await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "cancel", id });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Hãy nêu lý do");
    expect((await registrationOf(event.id, "attendeecx@example.vn")).status).toBe("confirmed");
    const done = await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "cancel", id, reason: "Duplicate of a delegation seat" });
    expect(done.status).toBe(200);
    expect((await registrationOf(event.id, "attendeecx@example.vn")).status).toBe("cancelled");
    const [mail] = await mailTo("attendeecx@example.vn", "registration.cancelled_by_organizer");
    expect(mail).toMatchObject({ locale: "en" });
    expect(mail.subject).toMatch(/^Registration cancelled/);
    expect(mail.text_body).toContain("The organizers' reason: Duplicate of a delegation seat");
  });

  it("confirms an attendee's own cancellation by mail", async () => {
    const event = await createTestEvent(server.db);
    const res = await visitor.post(`/events/${event.slug}/register`, registrationFields("self"));
    const ticket = res.headers.get("location")!;
    expect((await visitor.post(ticket, { intent: "cancel" })).status).toBe(400);
    expect((await registrationOf(event.id, "attendeeself@example.vn")).status).toBe("confirmed");
    expect((await visitor.post(ticket, { intent: "cancel", confirm: "on" })).status).toBe(302);
    const [mail] = await mailTo("attendeeself@example.vn", "registration.cancelled_by_attendee");
    expect(mail.subject).toMatch(/^Đã hủy đăng ký/);
  });

  it("approves selected registrations at once, skipping those not pending, and never touches another event's", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId, requires_approval: 1, capacity: 10 });
    for (const n of ["b1", "b2", "b3"]) await visitor.post(`/events/${event.slug}/register`, registrationFields(n));
    const rows = await server.db.selectFrom("registrations").select(["id", "email_normalized"]).where("event_id", "=", event.id).orderBy("email_normalized").execute();
    const other = await createTestEvent(server.db);
    await visitor.post(`/events/${other.slug}/register`, registrationFields("elsewhere"));
    const foreign = await registrationOf(other.id, "attendeeelsewhere@example.vn");

    const ids = rows.map((r) => r.id);
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "approve", id: [...ids, foreign.id] })).status).toBe(404);
    expect((await registrationOf(event.id, "attendeeb1@example.vn")).status).toBe("pending");

    await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "reject", id: rows[2].id, reason: "Trùng đăng ký" });
    const bulk = await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "approve", id: ids });
    expect(bulk.status).toBe(200);
    expect(await bulk.text()).toContain("Đã xử lý 2 đăng ký; bỏ qua 1");
    const after = await server.db.selectFrom("registrations").select("status").where("event_id", "=", event.id).orderBy("email_normalized").execute();
    expect(after.map((r) => r.status)).toEqual(["confirmed", "confirmed", "rejected"]);
    expect(await mailTo("attendeeb1@example.vn", "registration.approved")).toHaveLength(1);
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "approve" })).status).toBe(400);
  });

  it("tells a waitlisted registrant they are on the waitlist rather than that a confirmation is coming", async () => {
    const event = await createTestEvent(server.db, { capacity: 1 });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("seat"));
    const res = await visitor.post(`/events/${event.slug}/register`, registrationFields("late"));
    const page = await (await visitor.follow(res)).text();
    expect(page).toContain("bạn đang trong danh sách chờ");
    expect(page).not.toContain("Email xác nhận đang được gửi");
  });
});
