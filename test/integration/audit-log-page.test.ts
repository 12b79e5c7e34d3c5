import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vietnamToday, addDays } from "~/lib/time";
import { createTestEvent } from "../helpers/events";
import { PERSONA_EMAILS, signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

/** The entries a page of the log shows (its table's rows, the heading row aside). */
const rowsOnPage = (html: string) => (html.match(/<tr class="|<tr>/g) ?? []).length - 1;

describe("the readable audit log", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let organizerId: string;
  let slug: string;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", PERSONA_EMAILS.organizer).executeTakeFirstOrThrow()).id;
    ({ slug } = await createTestEvent(server.db, { status: "draft", published_at: null, created_by: organizerId }));
    expect((await clients.organizer.post(`/manage/events/${slug}?index`, { intent: "publish" })).status).toBe(200);
  });
  afterAll(async () => server?.stop());

  it("names each action in the reader's language, with the actor, their organization and a link to the object", async () => {
    const html = await (await clients.staff.get(`/admin/audit?actor=${encodeURIComponent(PERSONA_EMAILS.organizer)}`)).text();
    expect(html).toContain("Công bố sự kiện");
    expect(html).toContain("Đăng nhập");
    expect(html).toMatch(new RegExp(`href="/manage/events/${slug}">[A-Za-z0-9_-]+</a>`));
    expect(html).toContain(PERSONA_EMAILS.organizer);
    const member = await (await clients.staff.get(`/admin/audit?actor=${encodeURIComponent(PERSONA_EMAILS.member)}`)).text();
    // The Kami member's organization, linked to its page.
    expect(member).toContain('href="/orgs/kami"');
  });

  it("filters by actor, action, object and date in the URL, counting what the filters select", async () => {
    const own = await server.db.selectFrom("audit_log").select(["entity_id", "action"]).where("actor_id", "=", organizerId).execute();
    const byActor = await (await clients.staff.get(`/admin/audit?actor=${encodeURIComponent("ORGANIZER@vinhphuc")}`)).text();
    expect(rowsOnPage(byActor)).toBe(own.length);
    expect(byActor).toContain(`${own.length} mục`);
    // The chain's notice speaks of the whole log, not of the entries the filters select.
    const entries = Number((await server.db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(byActor).toContain(`Chuỗi nhật ký toàn vẹn: ${entries} mục`);

    const logins = await server.db.selectFrom("audit_log").select("id").where("action", "=", "auth.login").where("entity_type", "=", "user").execute();
    expect(logins.length).toBeGreaterThanOrEqual(5);
    const byAction = await (await clients.staff.get("/admin/audit?action=auth.login&type=user")).text();
    expect(rowsOnPage(byAction)).toBe(logins.length);

    const published = own.find((e) => e.action === "event.publish")!;
    const byObject = await (await clients.staff.get(`/admin/audit?type=event&id=${published.entity_id}`)).text();
    expect(rowsOnPage(byObject)).toBe(1);
    expect(byObject).toContain("Công bố sự kiện");

    const today = vietnamToday();
    const all = Number((await server.db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const sameDay = await (await clients.staff.get(`/admin/audit?from=${today}&to=${today}`)).text();
    expect(sameDay).toContain(`${all} mục`);
    const tomorrow = await (await clients.staff.get(`/admin/audit?from=${addDays(today, 1)}`)).text();
    expect(tomorrow).toContain("Không có mục nào khớp bộ lọc.");
    const before = await (await clients.staff.get(`/admin/audit?to=${addDays(today, -1)}`)).text();
    expect(before).toContain("Không có mục nào khớp bộ lọc.");
  });

  it("reads wildcards and odd values typed into the filters as plain text", async () => {
    for (const actor of ["%", "_", "\\"]) {
      const html = await (await clients.staff.get(`/admin/audit?actor=${encodeURIComponent(actor)}`)).text();
      expect(html).toContain("Không có mục nào khớp bộ lọc.");
    }
    expect((await clients.staff.get("/admin/audit?from=yesterday&to=2026-13-45&page=-3")).status).toBe(200);
    expect((await clients.staff.get("/admin/audit.csv?from=2026-02-30")).status).toBe(200);
    expect((await clients.staff.get(`/admin/audit?actor=${"x".repeat(5000)}`)).status).toBe(200);
  });

  it("exports the filtered log as CSV with a BOM, headed in the reader's language, times in Vietnam's", async () => {
    const res = await clients.staff.get(`/admin/audit.csv?actor=${encodeURIComponent(PERSONA_EMAILS.organizer)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("#,Thời điểm (giờ Việt Nam),Người thực hiện,Email người thực hiện,Tổ chức,Hành động,Mã hành động,Đối tượng,Mã đối tượng,Trước,Sau,Địa chỉ IP");
    const entry = await server.db.selectFrom("audit_log").select(["seq", "at"]).where("actor_id", "=", organizerId).where("action", "=", "event.publish").executeTakeFirstOrThrow();
    const vietnam = new Date(Date.parse(entry.at) + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    const row = lines.find((l) => l.startsWith(`${entry.seq},`))!;
    expect(row).toContain(`${entry.seq},${vietnam},`);
    expect(row).toContain(`${PERSONA_EMAILS.organizer},`);
    expect(row).toContain("Công bố sự kiện,event.publish,Sự kiện,");
    const own = await server.db.selectFrom("audit_log").select("id").where("actor_id", "=", organizerId).execute();
    expect(lines.length - 1).toBe(own.length);

    await clients.staff.post("/language", { locale: "en" });
    const english = await (await clients.staff.get("/admin/audit.csv?action=event.publish")).text();
    await clients.staff.post("/language", { locale: "vi" });
    expect(english.split("\r\n")[0]).toBe("#,When (Vietnam time),Who,Actor's email,Organization,Action,Action code,Object,Object id,Before,After,IP address");
    expect(english).toContain("Published an event,event.publish,Event,");
  });

  it("is for staff only, the page and its CSV", async () => {
    for (const path of ["/admin/audit?actor=a", "/admin/audit.csv"]) {
      for (const persona of ["member", "orgAdmin", "organizer", "otherMember"] as const) expect((await clients[persona].get(path)).status).toBe(403);
      expect([302, 303]).toContain((await clients.visitor.get(path)).status);
    }
  });
});
