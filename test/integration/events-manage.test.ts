import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeEndedEvents, sendDueReminders } from "~/events/event-lifecycle.server";
import { Client, DEMO } from "../helpers/http";
import { createTestEvent, registrationFields } from "../helpers/events";
import { startTestServer, type TestServer } from "../helpers/server";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=", "base64");

describe("organizer's event management", () => {
  let server: TestServer;
  let organizer: Client;
  let visitor: Client;
  let organizerId: string;
  beforeAll(async () => {
    server = await startTestServer();
    organizer = new Client(server.baseUrl);
    await organizer.signIn(DEMO.organizer);
    visitor = new Client(server.baseUrl);
    organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => server?.stop());

  const speakerNamed = (name: string) =>
    server.db
      .selectFrom("speakers")
      .innerJoin("events", "events.id", "speakers.event_id")
      .selectAll("speakers")
      .where("events.slug", "=", "mes-iot")
      .where("speakers.name", "=", name)
      .executeTakeFirstOrThrow();

  const eventFields = (slug: string, extra: Record<string, string> = {}) => ({
    slug,
    kind: "workshop",
    title_vi: "Hội thảo MES và IoT",
    title_en: "MES and IoT workshop",
    summary_vi: "Tóm tắt",
    summary_en: "Summary",
    venue_vi: "Phòng Lab 2",
    venue_en: "Lab 2",
    starts_at: "2031-03-10T08:30",
    ends_at: "2031-03-10T16:30",
    capacity: "2",
    questions: "",
    "org_role.kami": "host",
    "org_role.ntt": "sponsor",
    ...extra,
  });

  it("creates a draft in Vietnam time, refuses a taken slug, and publishes it", async () => {
    const bad = await organizer.post("/manage/events/new", eventFields("mes-iot", { ends_at: "2031-03-10T07:00", title_en: "" }));
    expect(bad.status).toBe(400);
    const created = await organizer.post("/manage/events/new", eventFields("mes-iot"));
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/manage/events/mes-iot");
    const event = await server.db.selectFrom("events").selectAll().where("slug", "=", "mes-iot").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ status: "draft", starts_at: "2031-03-10T01:30:00.000Z", capacity: 2, created_by: organizerId });
    const orgs = await server.db.selectFrom("event_organizations").select(["org_id", "role"]).where("event_id", "=", event.id).orderBy("sort_order").execute();
    expect(orgs).toEqual([
      { org_id: "kami", role: "host" },
      { org_id: "ntt", role: "sponsor" },
    ]);
    expect((await organizer.post("/manage/events/new", eventFields("mes-iot"))).status).toBe(400);
    expect((await visitor.get("/events/mes-iot")).status).toBe(404);
    expect((await organizer.post("/manage/events/mes-iot?index", { intent: "publish" })).status).toBe(200);
    expect((await visitor.get("/events/mes-iot")).status).toBe(200);
  });

  it("refuses two agenda items that overlap in one room, with the other item named", async () => {
    const item = { starts_at: "2031-03-10T09:00", ends_at: "2031-03-10T10:00", room: "Lab 2", kind: "talk", title_vi: "MES trong nhà máy", title_en: "MES in the factory" };
    expect((await organizer.post("/manage/events/mes-iot/agenda", item)).status).toBe(302);
    const clash = await organizer.post("/manage/events/mes-iot/agenda", { ...item, starts_at: "2031-03-10T09:30", ends_at: "2031-03-10T10:30", title_vi: "IoT", title_en: "IoT" });
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain("Trùng giờ với “MES trong nhà máy”");
    const otherRoom = await organizer.post("/manage/events/mes-iot/agenda", { ...item, room: "Lab 3", title_vi: "IoT", title_en: "IoT" });
    expect(otherRoom.status).toBe(302);
    const backToBack = await organizer.post("/manage/events/mes-iot/agenda", { ...item, starts_at: "2031-03-10T10:00", ends_at: "2031-03-10T11:00", title_vi: "Demo", title_en: "Demo" });
    expect(backToBack.status).toBe(302);
    const page = await visitor.get("/events/mes-iot");
    expect(await page.text()).toContain("MES trong nhà máy");
  });

  it("adds a speaker with a photo, refuses a non-image and an oversized file", async () => {
    const form = (file: Blob, name: string) => {
      const f = new FormData();
      f.set("name", name);
      f.set("position_vi", "Giám đốc");
      f.set("photo", file, "photo.png");
      return f;
    };
    const notImage = await organizer.post("/manage/events/mes-iot/speakers", form(new Blob(["<html>"], { type: "image/png" }), "A"));
    expect(notImage.status).toBe(400);
    const huge = await organizer.post("/manage/events/mes-iot/speakers", form(new Blob([Buffer.alloc(3 * 1024 * 1024)], { type: "image/png" }), "B"));
    expect(huge.status).toBe(400);
    const ok = await organizer.post("/manage/events/mes-iot/speakers", form(new Blob([PNG_1PX], { type: "image/png" }), "Vũ Quốc Huy"));
    expect(ok.status).toBe(302);
    const speaker = await speakerNamed("Vũ Quốc Huy");
    const photo = await visitor.get(`/files/${speaker.photo_file_id}`);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(await server.db.selectFrom("speakers").select("id").where("name", "in", ["A", "B"]).execute()).toHaveLength(0);
  });

  it("answers a speaker form whose multipart parts are damaged as bad input, not a crash", async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nC\r\n--XYZ\r\nno header here\r\n\r\n--XYZ--\r\n';
    const res = await organizer.request("/manage/events/mes-iot/speakers", { method: "POST", body, headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Không đọc được biểu mẫu đã gửi");
    expect(await server.db.selectFrom("speakers").select("id").where("name", "=", "C").execute()).toHaveLength(0);
  });

  it("invites a speaker to fill in their own profile through a link", async () => {
    const f = new FormData();
    f.set("name", "Watanabe Akira");
    f.set("email", "watanabe@ntt.example");
    await organizer.post("/manage/events/mes-iot/speakers", f);
    const speaker = await speakerNamed("Watanabe Akira");
    const invite = new FormData();
    invite.set("intent", "invite");
    invite.set("id", speaker.id);
    expect((await organizer.post("/manage/events/mes-iot/speakers", invite)).status).toBe(200);
    const mail = await server.db.selectFrom("outbox").selectAll().where("kind", "=", "speaker.invite").executeTakeFirstOrThrow();
    const link = /\/speaker-profile\/[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
    expect((await visitor.get(link)).status).toBe(200);
    const own = new FormData();
    own.set("name", "Watanabe Akira");
    own.set("bio_en", "General Director, NTT e-MOI");
    expect((await visitor.post(link, own)).status).toBe(200);
    expect((await server.db.selectFrom("speakers").select("bio_en").where("id", "=", speaker.id).executeTakeFirstOrThrow()).bio_en).toBe("General Director, NTT e-MOI");
    expect((await visitor.get("/speaker-profile/not-a-token")).status).toBe(404);
  });

  it("checks a ticket in once and refuses the second time, saying when", async () => {
    const res = await visitor.post("/events/mes-iot/register", registrationFields("door", { name: "Lê Thị Ánh" }));
    const code = res.headers.get("location")!.split("?")[0].split("/").pop()!;
    const first = await organizer.post("/manage/events/mes-iot/check-in", { code });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Đã điểm danh: Lê Thị Ánh");
    const second = await organizer.post("/manage/events/mes-iot/check-in", { code });
    expect(second.status).toBe(409);
    expect(await second.text()).toMatch(/đã được điểm danh lúc/);
    expect((await organizer.post("/manage/events/mes-iot/check-in", { code: "nope" })).status).toBe(404);
    expect((await organizer.post("/manage/events/mes-iot/check-in", { code: "" })).status).toBe(400);
    // Without diacritics or capitals, as people type at the door.
    const search = await organizer.get("/manage/events/mes-iot/check-in?q=le%20thi%20anh");
    expect(await search.text()).toContain("Lê Thị Ánh");
  });

  it("exports registrations as CSV with a BOM, status labels and the check-in time in Vietnam's, and as XLSX", async () => {
    await visitor.post("/events/mes-iot/register", registrationFields("csv", { name: "=HYPERLINK(1)" }));
    await visitor.post("/events/mes-iot/register", registrationFields("wait"));
    const res = await organizer.get("/manage/events/mes-iot/registrations.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    const header = lines[0].split(",");
    expect(header).toContain("Trạng thái");
    expect(header).toContain("Điểm danh lúc (giờ Việt Nam – UTC+7)");
    const rows = lines.slice(1).map((l) => l.split(","));
    const status = header.indexOf("Trạng thái");
    expect(rows.map((r) => r[status]).sort()).toEqual(["Danh sách chờ", "Đã xác nhận", "Đã xác nhận"]);
    expect(lines.join("\n")).toContain("Lê Thị Ánh");
    expect(lines.join("\n")).toContain("'=HYPERLINK(1)");
    const checkedIn = rows.find((r) => r.join(",").includes("Lê Thị Ánh"))![header.findIndex((h) => h.startsWith("Điểm danh lúc"))];
    expect(checkedIn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    const xlsx = await organizer.get("/manage/events/mes-iot/registrations.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0].rowCount).toBe(4);
  });

  it("moves someone from the waitlist only into a free seat", async () => {
    const waiting = await server.db.selectFrom("registrations").select("id").where("email_normalized", "=", "attendeewait@example.vn").executeTakeFirstOrThrow();
    const refused = await organizer.post("/manage/events/mes-iot/registrations", { intent: "promote", id: waiting.id });
    expect(refused.status).toBe(409);
    const edit = await organizer.get("/manage/events/mes-iot/edit");
    expect(edit.status).toBe(200);
    // Raising the capacity moves the waitlist up at once.
    const saved = await organizer.post("/manage/events/mes-iot/edit", eventFields("mes-iot", { capacity: "3" }));
    expect(saved.status).toBe(302);
    const row = await server.db.selectFrom("registrations").select("status").where("id", "=", waiting.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("confirmed");
  });

  it("approves and rejects registrations of an event that needs approval", async () => {
    const event = await createTestEvent(server.db, { requires_approval: 1, created_by: organizerId, capacity: 1 });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("ap1"));
    await visitor.post(`/events/${event.slug}/register`, registrationFields("ap2"));
    const rows = await server.db.selectFrom("registrations").select(["id", "email", "status"]).where("event_id", "=", event.id).orderBy("created_at").execute();
    expect(rows.map((r) => r.status)).toEqual(["pending", "waitlisted"]);
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "approve", id: rows[1].id })).status).toBe(409);
    // A rejection tells the registrant why: without a reason it is refused and nothing changes.
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "reject", id: rows[0].id })).status).toBe(400);
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "reject", id: rows[0].id, reason: "Hết chỗ cho khách mời" })).status).toBe(200);
    const after = await server.db.selectFrom("registrations").select("status").where("event_id", "=", event.id).orderBy("created_at").execute();
    expect(after.map((r) => r.status)).toEqual(["rejected", "pending"]);
    expect((await organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "approve", id: rows[1].id })).status).toBe(200);
    const list = await organizer.get(`/manage/events/${event.slug}/registrations?status=confirmed`);
    expect(await list.text()).toContain("attendeeap2@example.vn");
  });

  it("mails confirmed attendees, reminds them once the day before, and tells everyone when the event is cancelled", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId, starts_at: new Date(Date.now() + 20 * 3_600_000).toISOString(), ends_at: new Date(Date.now() + 22 * 3_600_000).toISOString(), capacity: 1 });
    await visitor.post(`/events/${event.slug}/register`, registrationFields("rem1"));
    const english = new Client(server.baseUrl);
    await english.post("/language", { locale: "en" });
    expect((await english.post(`/events/${event.slug}/register`, registrationFields("rem2"))).status).toBe(302);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "mail", subject: "Bãi đỗ xe", body: "Vui lòng gửi xe ở cổng B." })).status).toBe(200);
    const notes = await server.db.selectFrom("outbox").select("to_address").where("kind", "=", "registration.organizer_message").where("subject", "like", "Bãi đỗ xe%").execute();
    expect(notes.map((n) => n.to_address)).toEqual(["attendeerem1@example.vn"]);

    const origin = server.baseUrl;
    expect(await sendDueReminders(server.db, origin)).toBeGreaterThanOrEqual(1);
    expect(await sendDueReminders(server.db, origin)).toBe(0);
    const reminders = await server.db.selectFrom("outbox").select("to_address").where("kind", "=", "registration.day_before").where("to_address", "like", "attendeerem%").execute();
    expect(reminders).toHaveLength(1);

    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "cancel" })).status).toBe(200);
    const told = await server.db.selectFrom("outbox").select(["to_address", "subject", "locale"]).where("kind", "=", "registration.event_cancelled").where("to_address", "like", "attendeerem%").orderBy("to_address").execute();
    expect(told).toHaveLength(2);
    expect(told[0].subject).toMatch(/^Sự kiện bị hủy/);
    expect(told[1]).toMatchObject({ locale: "en" });
    expect(told[1].subject).toMatch(/^Event cancelled/);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "publish" })).status).toBe(409);
  });

  it("closes registration at once, and archives an event only once it is over or cancelled", async () => {
    const event = await createTestEvent(server.db, { created_by: organizerId });
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "archive" })).status).toBe(409);
    expect((await organizer.post(`/manage/events/${event.slug}?index`, { intent: "close_registration" })).status).toBe(200);
    expect((await visitor.post(`/events/${event.slug}/register`, registrationFields("after-close"))).status).toBe(400);
    const past = await createTestEvent(server.db, { created_by: organizerId, starts_at: "2020-01-01T01:00:00.000Z", ends_at: "2020-01-01T09:00:00.000Z" });
    expect((await organizer.post(`/manage/events/${past.slug}?index`, { intent: "archive" })).status).toBe(200);
    const archived = await server.db.selectFrom("events").select("status").where("id", "=", past.id).executeTakeFirstOrThrow();
    expect(archived.status).toBe("archived");
  });

  it("closes a published event once it has ended, and leaves the others alone", async () => {
    const hour = 3_600_000;
    const ended = await createTestEvent(server.db, { created_by: organizerId, starts_at: new Date(Date.now() - 3 * hour).toISOString(), ends_at: new Date(Date.now() - hour).toISOString() });
    const running = await createTestEvent(server.db, { created_by: organizerId, starts_at: new Date(Date.now() - hour).toISOString(), ends_at: new Date(Date.now() + hour).toISOString() });
    expect(await closeEndedEvents(server.db)).toBeGreaterThanOrEqual(1);
    const status = async (id: string) => (await server.db.selectFrom("events").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
    expect(await status(ended.id)).toBe("closed");
    expect(await status(running.id)).toBe("published");
    expect(await closeEndedEvents(server.db)).toBe(0);
    const audit = await server.db.selectFrom("audit_log").select("entity_id").where("action", "=", "event.closed").execute();
    expect(audit.map((a) => a.entity_id)).toContain(ended.id);
  });
});

