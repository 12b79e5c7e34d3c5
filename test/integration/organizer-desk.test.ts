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

  it("adds a walk-in on the event day, past capacity only when the organizer says so", async () => {
    const hour = 3_600_000;
    const event = await createTestEvent(server.db, {
      created_by: organizerId,
      capacity: 1,
      starts_at: new Date(Date.now() - hour).toISOString(),
      ends_at: new Date(Date.now() + 4 * hour).toISOString(),
    });
    await server.db.insertInto("registrations").values(await seatHolder(event.id)).execute();
    const walkIn = { ...registrationFields("walk", { name: "Ding Ming Chee" }), attendee_locale: "en" };
    const full = await organizer.post(`/manage/events/${event.slug}/registrations/new`, walkIn);
    expect(full.status).toBe(409);
    expect(await full.text()).toContain("Sự kiện đã đủ chỗ (1/1)");
    expect(await server.db.selectFrom("registrations").select("id").where("event_id", "=", event.id).execute()).toHaveLength(1);
    const noConsent = await organizer.post(`/manage/events/${event.slug}/registrations/new`, { ...walkIn, consent: "", beyond_capacity: "on" });
    expect(noConsent.status).toBe(400);
    const added = await organizer.post(`/manage/events/${event.slug}/registrations/new`, { ...walkIn, beyond_capacity: "on" });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`/manage/events/${event.slug}/registrations`);
    const row = await registrationOf(event.id, "attendeewalk@example.vn");
    expect(row).toMatchObject({ status: "confirmed", locale: "en", registered_by: organizerId });
    const { capacity } = await server.db.selectFrom("events").select("capacity").where("id", "=", event.id).executeTakeFirstOrThrow();
    expect(capacity).toBe(2);
    const [mail] = await mailTo("attendeewalk@example.vn", "registration.confirmed");
    expect(mail.subject).toMatch(/^Registration confirmed/);
    // The public form stays closed once the event has begun.
    expect((await visitor.post(`/events/${event.slug}/register`, registrationFields("late-public"))).status).toBe(400);
  });

  it("refuses a capacity below the seats already taken, saying why", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId, capacity: 3 });
    for (const n of ["c1", "c2"]) await visitor.post(`/events/${event.slug}/register`, registrationFields(n));
    const form = await editForm(event.slug);
    const refused = await organizer.post(`/manage/events/${event.slug}/edit`, { ...form, capacity: "1" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Đã có 2 chỗ được xác nhận hoặc đang chờ duyệt");
    expect((await server.db.selectFrom("events").select("capacity").where("id", "=", event.id).executeTakeFirstOrThrow()).capacity).toBe(3);
    expect((await organizer.post(`/manage/events/${event.slug}/edit`, { ...form, capacity: "2" })).status).toBe(302);
  });

  it("clones an event with its agenda, speakers, partners and questions to new dates, without its registrations", async () => {
    const event = await createTestEvent(server.db, {
      created_by: organizerId,
      starts_at: "2031-05-10T01:30:00.000Z",
      ends_at: "2031-05-10T09:30:00.000Z",
      registration_opens_at: "2031-04-01T01:00:00.000Z",
      questions: JSON.stringify([{ id: "diet", label_vi: "Ăn chay?", label_en: "Vegetarian?", required: false }]),
    });
    await server.db.insertInto("event_organizations").values({ id: `eo-${event.id}`, event_id: event.id, org_id: "kami", role: "host", sort_order: 0 }).execute();
    const now = new Date().toISOString();
    await server.db
      .insertInto("speakers")
      .values({ id: `sp-${event.id}`, event_id: event.id, name: "Watanabe Akira", position_vi: null, position_en: null, org_id: null, organization_name: "NTT", bio_vi: null, bio_en: null, photo_file_id: null, user_id: null, email: "w@ntt.example", invite_token_hash: "secret-hash", invite_expires_at: now, created_at: now, updated_at: now })
      .execute();
    await server.db
      .insertInto("agenda_items")
      .values({ id: `ag-${event.id}`, event_id: event.id, starts_at: "2031-05-10T02:00:00.000Z", ends_at: "2031-05-10T03:00:00.000Z", room: "Hall A", kind: "keynote", title_vi: "MES", title_en: "MES", description_vi: null, description_en: null, created_at: now, updated_at: now })
      .execute();
    await server.db.insertInto("agenda_speakers").values({ agenda_item_id: `ag-${event.id}`, speaker_id: `sp-${event.id}` }).execute();
    await visitor.post(`/events/${event.slug}/register`, registrationFields("orig"));

    const taken = await organizer.post(`/manage/events/${event.slug}/clone`, { slug: event.slug, starts_at: "2031-11-20T08:30" });
    expect(taken.status).toBe(400);
    const res = await organizer.post(`/manage/events/${event.slug}/clone`, { slug: `${event.slug}-copy`, starts_at: "2031-11-20T08:30" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/manage/events/${event.slug}-copy`);
    const copy = await server.db.selectFrom("events").selectAll().where("slug", "=", `${event.slug}-copy`).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ status: "draft", starts_at: "2031-11-20T01:30:00.000Z", ends_at: "2031-11-20T09:30:00.000Z", registration_opens_at: "2031-10-12T01:00:00.000Z", created_by: organizerId });
    expect(JSON.parse(copy.questions)).toEqual([{ id: "diet", label_vi: "Ăn chay?", label_en: "Vegetarian?", required: false }]);
    const agenda = await server.db.selectFrom("agenda_items").innerJoin("agenda_speakers", "agenda_speakers.agenda_item_id", "agenda_items.id").innerJoin("speakers", "speakers.id", "agenda_speakers.speaker_id").select(["agenda_items.starts_at", "speakers.name", "speakers.event_id", "speakers.invite_token_hash"]).where("agenda_items.event_id", "=", copy.id).execute();
    expect(agenda).toEqual([{ starts_at: "2031-11-20T02:00:00.000Z", name: "Watanabe Akira", event_id: copy.id, invite_token_hash: null }]);
    expect(await server.db.selectFrom("event_organizations").select(["org_id", "role"]).where("event_id", "=", copy.id).execute()).toEqual([{ org_id: "kami", role: "host" }]);
    expect(await server.db.selectFrom("registrations").select("id").where("event_id", "=", copy.id).execute()).toHaveLength(0);
  });

  it("mails one segment: the waitlist, or the confirmed attendees not yet checked in", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId, capacity: 2 });
    for (const n of ["s1", "s2", "s3"]) await visitor.post(`/events/${event.slug}/register`, registrationFields(n));
    const { id } = await registrationOf(event.id, "attendees1@example.vn");
    await organizer.post(`/manage/events/${event.slug}/check-in`, { id });
    const recipients = async (subject: string) =>
      (await server.db.selectFrom("outbox").select("to_address").where("kind", "=", "registration.organizer_message").where("subject", "like", `${subject}%`).orderBy("to_address").execute()).map((r) => r.to_address);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "mail", segment: "waitlisted", subject: "Chờ chỗ", body: "Còn cơ hội." })).status).toBe(200);
    expect(await recipients("Chờ chỗ")).toEqual(["attendees3@example.vn"]);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "mail", segment: "not_checked_in", subject: "Bạn ở đâu", body: "Bàn đón tiếp ở cổng B." })).status).toBe(200);
    expect(await recipients("Bạn ở đâu")).toEqual(["attendees2@example.vn"]);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "mail", segment: "everyone", subject: "x", body: "y" })).status).toBe(400);
  });

  /** A confirmed registration inserted directly, to fill a seat without a request. */
  async function seatHolder(eventId: string) {
    const now = new Date().toISOString();
    const id = `seat-${eventId}`;
    return {
      ...{ id, event_id: eventId, ticket_code: `code-${id}`, status: "confirmed" as const, locale: "vi" as const, answers: "{}" },
      ...{ name: "Vũ Quốc Huy", email: "huy@nic.example.vn", email_normalized: "huy@nic.example.vn", phone: null, organization: "NIC", position: "Giám đốc" },
      ...{ org_id: null, user_id: null, registered_by: null, consent_at: now, consent_text: "…", confirmed_at: now, waitlisted_at: null },
      ...{ cancelled_at: null, checked_in_at: null, checked_in_by: null, erased_at: null, created_at: now, updated_at: now },
    };
  }

  /** The edit form's saved values, as the page would submit them. */
  async function editForm(slug: string): Promise<Record<string, string>> {
    const event = await server.db.selectFrom("events").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    const { loadEventFormValues } = await import("~/events/event-editor.server");
    return loadEventFormValues(server.db, event);
  }
});
