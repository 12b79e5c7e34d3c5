import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { newId } from "~/lib/ids.server";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client, DEMO } from "../helpers/http";
import { expectAll, outcomeOf, runMatrix, signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer, type CapturedMail } from "../helpers/smtp";

const QUESTIONS = JSON.stringify([{ id: "diet", label_vi: "Ăn chay?", label_en: "Vegetarian?", required: false }]);

/** The text of a PDF, as a reader's copy-and-paste would give it. */
function pdfText(content: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "desk-pdf-")), "ticket.pdf");
  fs.writeFileSync(file, content);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

function attachment(mail: CapturedMail, extension: string): Buffer {
  const found = mail.attachments.find((a) => a.filename?.endsWith(extension));
  if (!found) throw new Error(`no ${extension} attached to "${mail.subject}"`);
  return found.content;
}

describe("a registration at the organizer's desk", () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let clients: Record<Persona, Client>;
  let englishOrganizer: Client;
  let otherOrganizer: Client;
  let englishVisitor: Client;
  let organizer: { id: string; name: string };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    clients = await signInPersonas(server);
    organizer = await server.db.selectFrom("users").select(["id", "name"]).where("email", "=", DEMO.organizer).executeTakeFirstOrThrow();
    englishOrganizer = new Client(server.baseUrl);
    await englishOrganizer.signIn(DEMO.organizer);
    await englishOrganizer.post("/language", { locale: "en" });
    englishVisitor = new Client(server.baseUrl);
    await englishVisitor.post("/language", { locale: "en" });
    const now = new Date().toISOString();
    await server.db
      .insertInto("users")
      .values({ id: newId(), email: "organizer@elsewhere.test.example", name: "Phạm Văn Khác", password_hash: await hashPassword("vinhphuc-demo"), email_verified_at: now, is_organizer: 1, created_at: now, updated_at: now })
      .execute();
    otherOrganizer = new Client(server.baseUrl);
    await otherOrganizer.signIn("organizer@elsewhere.test.example");
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const desk = (slug: string, id: string) => `/manage/events/${slug}/registrations/${id}`;
  const registrationOf = (eventId: string, email: string) =>
    server.db.selectFrom("registrations").selectAll().where("event_id", "=", eventId).where("email_normalized", "=", email).executeTakeFirstOrThrow();
  async function eventWith(n: string, as: Client = clients.visitor, extra: Record<string, string> = {}) {
    const event = await createTestEvent(server.db, { created_by: organizer.id, questions: QUESTIONS });
    expect((await as.post(`/events/${event.slug}/register`, registrationFields(n, { "answer.diet": "Có, ăn chay", ...extra }))).status).toBe(302);
    return { event, registration: await registrationOf(event.id, `attendee${n}@example.vn`) };
  }
  const editFields = (extra: Record<string, string> = {}) => ({ intent: "edit", ...registrationFields("x"), attendee_locale: "vi", "answer.diet": "Có, ăn chay", ...extra });

  it("shows an attendee's details, answers and history, linked from the list", async () => {
    const { event, registration } = await eventWith("detail", clients.visitor, { phone: "0912 345 678" });
    const list = await (await clients.organizer.get(`/manage/events/${event.slug}/registrations`)).text();
    expect(list).toContain(`href="${desk(event.slug, registration.id)}"`);
    expect((await clients.organizer.post(`/manage/events/${event.slug}/check-in`, { id: registration.id })).status).toBe(200);
    const page = await (await clients.organizer.get(desk(event.slug, registration.id))).text();
    for (const shown of ["Nguyễn Thị Hằng detail", registration.ticket_code, "0912 345 678", "Ăn chay?", "Có, ăn chay", "Đã xác nhận", `bởi ${organizer.name}`]) expect(page).toContain(shown);
    expect(page).not.toContain("Chưa điểm danh");
    const english = await (await englishOrganizer.get(desk(event.slug, registration.id))).text();
    expect(english).toContain("Vegetarian?");
    expect(english).toContain("Checked in");
  });

  it("lets only the event's organizers and staff open, correct or resend a registration", async () => {
    const { event, registration } = await eventWith("perm");
    const path = desk(event.slug, registration.id);
    const managers = expectAll("forbidden", { visitor: "login", organizer: "ok", staff: "ok" });
    const changers = expectAll("forbidden", { visitor: "login", organizer: "redirect", staff: "redirect" });
    expect(
      await runMatrix(clients, [
        { route: `GET ${path}`, expect: managers },
        { route: `POST ${path}`, form: editFields({ email: "attendeeperm@example.vn" }), expect: changers },
        { route: `POST ${path}`, form: { intent: "resend" }, expect: changers },
      ]),
    ).toEqual([]);
    for (const res of [await otherOrganizer.get(path), await otherOrganizer.post(path, { intent: "resend" }), await otherOrganizer.post(path, editFields())]) expect(outcomeOf(res)).toBe("forbidden");
    // A registration of another event is not found through this event's address, even by its organizer.
    const other = await eventWith("elsewhere");
    expect((await clients.organizer.get(desk(event.slug, other.registration.id))).status).toBe(404);
    expect((await clients.organizer.post(desk(event.slug, other.registration.id), editFields())).status).toBe(404);
    expect((await clients.organizer.post(desk(event.slug, other.registration.id), { intent: "resend" })).status).toBe(404);
    expect(await registrationOf(event.id, "attendeeperm@example.vn")).toMatchObject({ name: "Nguyễn Thị Hằng x" });
  });

  it("corrects an attendee, keeping the ticket code and recording before and after", async () => {
    const { event, registration } = await eventWith("fix");
    const res = await clients.organizer.post(
      desk(event.slug, registration.id),
      editFields({ name: "Nguyễn Thị Hằng", email: "Hang.Nguyen@Kami.example.vn", position: "Trưởng phòng", attendee_locale: "en", "answer.diet": "Không" }),
    );
    expect(res.status).toBe(302);
    expect(await (await clients.organizer.follow(res)).text()).toContain("Đã lưu thay đổi.");
    const after = await server.db.selectFrom("registrations").selectAll().where("id", "=", registration.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ name: "Nguyễn Thị Hằng", email: "Hang.Nguyen@Kami.example.vn", email_normalized: "hang.nguyen@kami.example.vn", position: "Trưởng phòng", locale: "en", ticket_code: registration.ticket_code });
    expect(JSON.parse(after.answers)).toEqual({ diet: "Không" });
    const [audit] = await server.db.selectFrom("audit_log").selectAll().where("entity_id", "=", registration.id).where("action", "=", "registration.edit").execute();
    expect(JSON.parse(audit.before!)).toMatchObject({ name: "Nguyễn Thị Hằng fix", email: "attendeefix@example.vn", locale: "vi" });
    expect(JSON.parse(audit.after!)).toMatchObject({ name: "Nguyễn Thị Hằng", email: "Hang.Nguyen@Kami.example.vn", locale: "en" });
    expect(audit.actor_id).toBe(organizer.id);
    const page = await (await clients.organizer.get(desk(event.slug, registration.id))).text();
    expect(page).toContain("Ăn chay?: “Có, ăn chay” → “Không”");
    // The same form again changes nothing and records nothing.
    const again = await clients.organizer.post(
      desk(event.slug, registration.id),
      editFields({ name: "Nguyễn Thị Hằng", email: "Hang.Nguyen@Kami.example.vn", position: "Trưởng phòng", attendee_locale: "en", "answer.diet": "Không" }),
    );
    expect(await (await clients.organizer.follow(again)).text()).toContain("Không có gì thay đổi.");
    expect(await server.db.selectFrom("audit_log").select("id").where("entity_id", "=", registration.id).where("action", "=", "registration.edit").execute()).toHaveLength(1);
  });

  it("refuses an address another registration of the event holds, and a malformed one, next to the field", async () => {
    const { event, registration } = await eventWith("first");
    await clients.visitor.post(`/events/${event.slug}/register`, registrationFields("second"));
    const taken = await clients.organizer.post(desk(event.slug, registration.id), editFields({ email: "AttendeeSecond@example.vn" }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Email này đã có một đăng ký khác cho sự kiện này");
    const inEnglish = await englishOrganizer.post(desk(event.slug, registration.id), editFields({ email: "attendeesecond@example.vn" }));
    expect(await inEnglish.text()).toContain("This email already has another registration for this event");
    const malformed = await clients.organizer.post(desk(event.slug, registration.id), editFields({ email: "not an address", name: "" }));
    expect(malformed.status).toBe(400);
    const body = await malformed.text();
    expect(body).toContain("not an address");
    expect(body).toContain("field-email-error");
    expect(body).toContain("field-name-error");
    const rows = await server.db.selectFrom("registrations").select(["email_normalized", "name"]).where("event_id", "=", event.id).orderBy("email_normalized").execute();
    expect(rows).toEqual([
      { email_normalized: "attendeefirst@example.vn", name: "Nguyễn Thị Hằng first" },
      { email_normalized: "attendeesecond@example.vn", name: "Nguyễn Thị Hằng second" },
    ]);
  });

  it("mails the ticket PDF and calendar file in each registrant's own language", async () => {
    const vi = await eventWith("lang-vi");
    const en = await eventWith("lang-en", englishVisitor);
    expect(en.registration.locale).toBe("en");
    const viMail = await smtp.waitFor((m) => m.to_address === "attendeelang-vi@example.vn");
    const enMail = await smtp.waitFor((m) => m.to_address === "attendeelang-en@example.vn");
    const viPdf = pdfText(attachment(viMail, ".pdf"));
    expect(viPdf).toContain("VÉ THAM DỰ");
    expect(viPdf).toContain("Giờ Việt Nam (UTC+7)");
    expect(attachment(viMail, ".ics").toString("utf8")).toContain("SUMMARY:Hội thảo kiểm thử Đổi mới");
    const enPdf = pdfText(attachment(enMail, ".pdf"));
    expect(enPdf).toContain("TICKET");
    expect(enPdf).toContain("Vietnam time (UTC+7)");
    expect(enPdf).not.toContain("Giờ Việt Nam");
    const ics = attachment(enMail, ".ics").toString("utf8");
    expect(ics).toContain("SUMMARY:Test workshop");
    expect(ics).toContain("LOCATION:Meeting room 1");
    expect(vi.registration.locale).toBe("vi");
  });

  it("resends the ticket once per click, in the registrant's language, three times an hour at most", async () => {
    const { event, registration } = await eventWith("resend", englishVisitor);
    const email = "attendeeresend@example.vn";
    await smtp.waitFor((m) => m.to_address === email && /^Registration confirmed/.test(m.subject ?? ""));
    const path = desk(event.slug, registration.id);
    const first = await clients.organizer.post(path, { intent: "resend" });
    expect(first.status).toBe(302);
    expect(await (await clients.organizer.follow(first)).text()).toContain(`Đã xếp email vé vào hàng gửi tới ${email}.`);
    const resent = await smtp.waitFor((m) => m.to_address === email && m.subject === "Your ticket: Test workshop");
    expect(pdfText(attachment(resent, ".pdf"))).toContain("Vietnam time (UTC+7)");
    expect(attachment(resent, ".ics").toString("utf8")).toContain("SUMMARY:Test workshop");
    // Three more clicks at once: the counter lets two through, whichever they are, and refuses one.
    const clicks = await Promise.all([1, 2, 3].map(() => clients.organizer.post(path, { intent: "resend" })));
    expect(clicks.map((r) => r.status).sort()).toEqual([302, 302, 429]);
    const refused = clicks.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await refused.text()).toContain("Vé đã được gửi lại nhiều lần");
    const deadline = Date.now() + 15_000;
    const resends = () => smtp.to(email).filter((m) => m.subject === "Your ticket: Test workshop");
    while (resends().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    expect(resends()).toHaveLength(3);
    const audit = await server.db.selectFrom("audit_log").select(["actor_id"]).where("entity_id", "=", registration.id).where("action", "=", "registration.resend_ticket").execute();
    expect(audit).toEqual([{ actor_id: organizer.id }, { actor_id: organizer.id }, { actor_id: organizer.id }]);
    expect(await (await clients.organizer.get(path)).text()).toContain("Gửi lại vé");
  });

  it("has nothing to resend for a cancelled registration", async () => {
    const { event, registration } = await eventWith("gone");
    await clients.organizer.post(`/manage/events/${event.slug}/registrations`, { intent: "cancel", id: registration.id, reason: "Trùng" });
    const res = await clients.organizer.post(desk(event.slug, registration.id), { intent: "resend" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Đăng ký này không còn hiệu lực");
    expect(await server.db.selectFrom("outbox").select("id").where("to_address", "=", "attendeegone@example.vn").where("kind", "=", "registration.ticket_resent").execute()).toHaveLength(0);
  });

  it("exports for people: headers in the reader's language, status labels, question texts, Vietnam-time date cells", async () => {
    const { event, registration } = await eventWith("export", clients.visitor, { "answer.diet": "Ăn chay" });
    const csv = Buffer.from(await (await clients.organizer.get(`/manage/events/${event.slug}/registrations.csv`)).arrayBuffer()).subarray(3).toString("utf8");
    const [header, row] = csv.trim().split("\r\n").map((line) => line.split(","));
    expect(header).toEqual(["Mã vé", "Trạng thái", "Họ và tên", "Email", "Số điện thoại", "Đơn vị", "Chức vụ", "Ngôn ngữ", "Đăng ký lúc (giờ Việt Nam – UTC+7)", "Xác nhận lúc (giờ Việt Nam – UTC+7)", "Điểm danh lúc (giờ Việt Nam – UTC+7)", "Ăn chay?"]);
    expect(row[1]).toBe("Đã xác nhận");
    expect(row[8]).toBe(new Date(Date.parse(registration.created_at) + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " "));
    expect(row[11]).toBe("Ăn chay");

    const read = async (client: Client) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await (await client.get(`/manage/events/${event.slug}/registrations.xlsx`)).arrayBuffer()) as unknown as ExcelJS.Buffer);
      return book.worksheets[0];
    };
    const english = await read(englishOrganizer);
    expect(english.name).toBe("Registrations");
    expect(english.getRow(1).values).toEqual([
      undefined,
      "Ticket code",
      "Status",
      "Full name",
      "Email",
      "Phone",
      "Organization",
      "Position",
      "Language",
      "Registered at (Vietnam time – UTC+7)",
      "Confirmed at (Vietnam time – UTC+7)",
      "Checked in at (Vietnam time – UTC+7)",
      "Vegetarian?",
    ]);
    const cells = english.getRow(2);
    expect(cells.getCell(2).value).toBe("Confirmed");
    expect(cells.getCell(12).value).toBe("Ăn chay");
    const registered = cells.getCell(9);
    expect(registered.type).toBe(ExcelJS.ValueType.Date);
    expect(registered.numFmt).toBe("yyyy-mm-dd hh:mm");
    // The cell holds Vietnam's wall-clock time: what the reader sees is 7 hours ahead of UTC.
    expect((registered.value as Date).toISOString().slice(0, 16)).toBe(new Date(Date.parse(registration.created_at) + 7 * 3_600_000).toISOString().slice(0, 16));
    expect(cells.getCell(11).value).toBeNull();
    const vietnamese = await read(clients.organizer);
    expect(vietnamese.getRow(1).getCell(2).value).toBe("Trạng thái");
    expect(vietnamese.getRow(2).getCell(2).value).toBe("Đã xác nhận");
  });
});
