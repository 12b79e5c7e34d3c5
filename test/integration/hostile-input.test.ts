import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKSHOP_SLUG } from "~/demo/demo-data";
import { registrationFields } from "../helpers/events";
import { Client } from "../helpers/http";
import { signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

/** Every route with an action, posted to by someone allowed to use it, with a plausible form. */
type Target = { path: string; as: Persona; fields: Record<string, string>; upload?: string };

type Body = { body: BodyInit; type?: string };
/** One hostile variation of a target's form. */
type Attack = { name: string; build: (target: Target) => Body };

const urlencoded = (entries: [string, string][]): Body => ({ body: new URLSearchParams(entries), type: "application/x-www-form-urlencoded" });
const withFields = (target: Target, extra: [string, string][]) => urlencoded([...Object.entries(target.fields), ...extra]);
const HOSTILE_TEXT = "\u0000\u0007\u001b[31m\u202e\r\nX-Injected: 1\ud800";

const ATTACKS: Attack[] = [
  {
    name: "prototype keys",
    build: (t) =>
      withFields(t, [
        ["__proto__.polluted", "yes"],
        ["constructor.prototype.polluted", "yes"],
        ["clauses.__proto__.body_vi", "yes"],
        ["parties.0.__proto__.polluted", "yes"],
        ["__proto__", "a"],
        ["__proto__", "b"],
        ["toString", "x"],
        ["hasOwnProperty", "x"],
      ]),
  },
  { name: "a huge index", build: (t) => withFields(t, [["clauses.999999999.body_vi", "x"], ["commitments.4294967295.title_vi", "x"]]) },
  { name: "negative and non-canonical indexes", build: (t) => withFields(t, [["clauses.-1.body_vi", "x"], ["parties.007.org_id", "kami"], ["clauses.1e3.body_vi", "x"]]) },
  { name: "a deep name", build: (t) => withFields(t, [["a.b.c.d.e.f.g.h", "x"]]) },
  { name: "10,000 fields", build: (t) => withFields(t, Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "x"] as [string, string])) },
  {
    name: "3,000 multipart parts",
    build: (t) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(t.fields)) form.append(k, v);
      for (let i = 0; i < 3000; i++) form.append(`p${i}`, "x");
      return { body: form };
    },
  },
  { name: "an oversized form", build: (t) => withFields(t, [["note", "a".repeat(2 * 1024 * 1024)]]) },
  { name: "every field twice", build: (t) => urlencoded([...Object.entries(t.fields), ...Object.entries(t.fields)]) },
  { name: "control characters", build: (t) => urlencoded(Object.entries(t.fields).map(([k, v]) => [k, `${HOSTILE_TEXT}${v}${HOSTILE_TEXT}`])) },
  { name: "unknown ids", build: (t) => urlencoded(Object.entries(t.fields).map(([k, v]) => [k, /id$|code|slug|token/i.test(k) ? "khong-ton-tai-404" : v])) },
  { name: "a JSON body", build: (t) => ({ body: JSON.stringify(t.fields), type: "application/json" }) },
  { name: "a broken multipart body", build: () => ({ body: '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--XY', type: "multipart/form-data; boundary=XYZ" }) },
  { name: "a multipart body without a boundary", build: () => ({ body: "hello", type: "multipart/form-data" }) },
  { name: "plain text", build: () => ({ body: "email=a@example.vn", type: "text/plain" }) },
  { name: "invalid UTF-8", build: () => ({ body: new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xed, 0xa0, 0x80, 0xff]), type: "application/x-www-form-urlencoded" }) },
];

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** A raw request, for what fetch will not send (TRACE, a declared length it does not keep). */
function rawRequest(server: TestServer, options: http.RequestOptions, write?: (req: http.ClientRequest) => void) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(`${server.baseUrl}${options.path ?? "/"}`, { ...options, headers: { Origin: server.baseUrl, ...options.headers } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (write) write(req);
    else req.end();
  });
}

describe("hostile input", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let targets: Target[];
  /** More forms of a route already covered above: intents with fields of their own. */
  let intents: Target[];

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    const mous = await server.db.selectFrom("mous").select("id").orderBy("reference").execute();
    const [signed, awaiting, ntt] = mous.map((m) => m.id);
    const commitment = await server.db.selectFrom("commitments").select("id").where("mou_id", "=", signed).where("org_id", "=", "kami").executeTakeFirstOrThrow();
    await clients.visitor.post(`/events/${WORKSHOP_SLUG}/register`, registrationFields("hostile"));
    const ticket = await server.db.selectFrom("registrations").select("ticket_code").executeTakeFirstOrThrow();
    const attendee = await server.db
      .selectFrom("registrations")
      .innerJoin("events", "events.id", "registrations.event_id")
      .select("registrations.id")
      .where("events.slug", "=", WORKSHOP_SLUG)
      .executeTakeFirstOrThrow();
    const outbox = await server.db.selectFrom("outbox").select("id").executeTakeFirst();
    const user = await server.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const M = `/manage/events/${WORKSHOP_SLUG}`;
    const draft = { title_vi: "Hợp tác", title_en: "Cooperation", visibility: "private", "parties.0.org_id": "kami", "parties.1.org_id": "ntt", "clauses.0.body_vi": "Điều 1", lead: "0" };
    const event = { slug: "su-kien-thu", kind: "workshop", title_vi: "Sự kiện", title_en: "Event", starts_at: "2027-01-10T09:00", ends_at: "2027-01-10T17:00", capacity: "30" };
    targets = [
      { path: "/login", as: "visitor", fields: { email: "staff@nic.demo.example", password: "sai-mat-khau" } },
      { path: "/signup", as: "visitor", fields: { name: "Lê Văn Tám", email: "tam@example.vn", password: "mat-khau-dai-du", organization: "Kami" } },
      { path: "/forgot-password", as: "visitor", fields: { email: "tam@example.vn" } },
      { path: "/reset-password/khong-co-token", as: "visitor", fields: { password: "mat-khau-moi-dai", confirm: "mat-khau-moi-dai" } },
      { path: "/verify-email/khong-co-token", as: "visitor", fields: {} },
      { path: "/language", as: "visitor", fields: { locale: "en", redirectTo: "/" } },
      { path: "/verify", as: "visitor", fields: {}, upload: "file" },
      { path: "/speaker-profile/khong-co-token", as: "visitor", fields: { name: "Diễn giả" }, upload: "photo" },
      { path: `/tickets/${ticket.ticket_code}`, as: "visitor", fields: { intent: "erase" } },
      { path: `/events/${WORKSHOP_SLUG}/register`, as: "member", fields: { name: "Vũ Văn Bình", email: "binh@kami.example", organization: "Kami", consent: "on" } },
      { path: "/account", as: "member", fields: { intent: "profile", name: "Vũ Văn Bình", phone: "0912345678" } },
      { path: "/account/api-tokens", as: "orgAdmin", fields: { intent: "create", name: "Báo cáo tuần" } },
      { path: "/invitations/khong-co-token", as: "member", fields: {} },
      { path: "/orgs/binh-xuyen-electronics", as: "staff", fields: { intent: "verify" } },
      { path: "/orgs/kami/edit", as: "orgAdmin", fields: { name_vi: "Kami", name_en: "Kami", website: "https://kami.example" }, upload: "logo" },
      { path: "/orgs/kami/members", as: "orgAdmin", fields: { intent: "role", membershipId: "khong-ton-tai", role: "admin" } },
      { path: "/admin/orgs", as: "staff", fields: { name_vi: "Tổ chức", name_en: "Org", admin_email: "a@example.vn" } },
      { path: "/admin/users", as: "staff", fields: { intent: "disable", userId: user.id } },
      { path: `/admin/outbox/${outbox?.id ?? "khong-ton-tai"}`, as: "staff", fields: { intent: "retry" } },
      { path: "/admin/jobs", as: "staff", fields: { id: "khong-ton-tai" } },
      { path: "/admin/verification", as: "staff", fields: { intent: "reject", org_id: "khong-ton-tai", reason: "Không rõ" } },
      { path: "/orgs/new", as: "member", fields: { name_vi: "Công ty Thử", name_en: "Test Co", tax_code: "0101234567", kind: "enterprise" } },
      { path: "/orgs/ntt/join", as: "member", fields: {} },
      { path: "/orgs/kami/requests", as: "orgAdmin", fields: { intent: "settings", email_domain: "kami.example", auto_join: "on" } },
      { path: "/manage/events/new", as: "organizer", fields: event },
      { path: `${M}`, as: "organizer", fields: { intent: "mail", subject: "Thư", body: "Nội dung" } },
      { path: `${M}/edit`, as: "organizer", fields: { ...event, slug: WORKSHOP_SLUG } },
      { path: `${M}/agenda`, as: "organizer", fields: { intent: "add", title_vi: "Khai mạc", starts_at: "2027-01-10T09:00" } },
      { path: `${M}/speakers`, as: "organizer", fields: { name: "Diễn giả", speakerId: "khong-ton-tai" }, upload: "photo" },
      { path: `${M}/registrations`, as: "organizer", fields: { intent: "approve", registrationId: "khong-ton-tai" } },
      { path: `${M}/clone`, as: "organizer", fields: { slug: "ban-sao", starts_at: "2027-02-10T09:00" } },
      { path: `${M}/registrations/new`, as: "organizer", fields: { name: "Khách vãng lai", email: "walkin@example.vn", attendee_locale: "vi", consent: "on" } },
      { path: `${M}/check-in`, as: "organizer", fields: { code: "KHONGTONTAI" } },
      { path: `${M}/registrations/${attendee.id}`, as: "organizer", fields: { intent: "edit", name: "Khách", email: "khach@example.vn", organization: "Kami", position: "Kỹ sư", attendee_locale: "vi" } },
      { path: "/mous/new", as: "member", fields: draft },
      { path: `/mous/${ntt}/edit`, as: "otherMember", fields: { ...draft, "parties.0.org_id": "ntt", "parties.1.org_id": "binh-xuyen-electronics" } },
      { path: `/mous/${signed}`, as: "member", fields: { intent: "comment", kind: "comment", body: "Ý kiến" } },
      { path: `/mous/${ntt}/invitation`, as: "orgAdmin", fields: { intent: "accept", org_id: "kami" } },
      { path: `/mous/${awaiting}/sign`, as: "orgAdmin", fields: { intent: "sign", code: "123456", method: "typed", typed_signature: "X", consent: "on" } },
      { path: `/commitments/${commitment.id}`, as: "member", fields: { note: "Tiến độ", milestone_id: "khong-ton-tai" }, upload: "evidence" },
      { path: "/logout", as: "visitor", fields: {} },
    ];
    const author = await server.db.selectFrom("users").select("id").where("email", "=", "member@ntt.test.example").executeTakeFirstOrThrow();
    const thread = { id: "hostile-thread", mou_id: ntt, version_id: null, clause_id: null, author_id: author.id, kind: "comment" as const, body: "Ý kiến", resolved_at: null, created_at: new Date().toISOString() };
    await server.db.insertInto("mou_comments").values(thread).execute();
    intents = [
      { path: `/mous/${ntt}`, as: "otherMember", fields: { intent: "reply", thread_id: thread.id, reply: "Trả lời" } },
      { path: `/mous/${ntt}`, as: "otherMember", fields: { intent: "resolve", thread_id: thread.id } },
      { path: `/mous/${ntt}`, as: "otherMember", fields: { intent: "reopen_thread", thread_id: thread.id } },
    ];
  });
  afterAll(async () => server?.stop());

  it("covers every route with an action", () => {
    const routes = fs.readdirSync("app/routes").filter((f) => /export async function action/.test(fs.readFileSync(`app/routes/${f}`, "utf8")));
    expect(targets.length).toBe(routes.length);
  });

  /** The process is up and no object of it grew a property: a staff-only page still refuses a member. */
  async function expectUnharmed() {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect((await clients.member.get("/admin/users")).status).toBe(403);
  }

  it.each(ATTACKS.map((a) => [a.name, a] as const))("%s: no route answers 5xx and the portal stays whole", async (_name, attack) => {
    const answers: string[] = [];
    for (const target of [...targets, ...intents]) {
      const { body, type } = attack.build(target);
      const res = await clients[target.as].request(target.path, { method: "POST", body, headers: type ? { "Content-Type": type } : {} }).catch((e) => { throw new Error(`${target.path}: ${e}`); });
      await res.arrayBuffer();
      if (res.status >= 500) answers.push(`${target.path} → ${res.status}`);
    }
    expect(answers).toEqual([]);
    await expectUnharmed();
  });

  it("refuses the attacks at the form layer with a 4xx and a message in the reader's language", async () => {
    const member = clients.member;
    const huge = await member.post("/mous/new", { title_vi: "x", "clauses.999999999.body_vi": "x" });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("Biểu mẫu có một trường mà cổng không nhận");
    const proto = await member.post("/mous/new", { title_vi: "x", "__proto__.polluted": "x" });
    expect(proto.status).toBe(400);
    const many = await new Client(server.baseUrl).post("/login", Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "x"])));
    expect(many.status).toBe(413);
    expect(await many.text()).toContain("Biểu mẫu có quá nhiều trường hoặc tệp (tối đa 2000)");
    const big = await new Client(server.baseUrl).post("/login", { email: "a".repeat(2 * 1024 * 1024) }, { Cookie: "lang=en" });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("What was sent is too large (1 MB at most)");
    const json = await new Client(server.baseUrl).request("/login", { method: "POST", body: '{"email":"a"}', headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain("Không đọc được biểu mẫu đã gửi");
  });

  it("answers methods the portal does not use with 405, TRACE included", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"]) {
      const res = await rawRequest(server, { method, path: "/login" });
      expect({ method, status: res.status }).toEqual({ method, status: 405 });
      expect(res.headers.allow).toBe("GET, HEAD, POST");
      expect(res.body).toContain(`Cổng không nhận phương thức ${method}`);
    }
    await expectUnharmed();
  });

  it("answers a declared length over the route's limit at once, without waiting for the body", async () => {
    for (const [path, length] of [
      ["/login", 2 * 1024 * 1024],
      ["/verify", 25 * 1024 * 1024],
      ["/login", 100 * 1024 * 1024],
    ] as const) {
      const res = await rawRequest(server, { method: "POST", path, headers: { "Content-Type": "multipart/form-data; boundary=XYZ", "Content-Length": String(length) } }, (req) => {
        req.write("--XYZ\r\n");
        req.flushHeaders();
      });
      expect({ path, length, status: res.status }).toEqual({ path, length, status: 413 });
    }
    await expectUnharmed();
  });

  /** Sends up to 200 MB in chunks with no declared length; resolves when the connection ends. */
  function sendEndlessly({ stopWhenAnswered }: { stopWhenAnswered: boolean }) {
    return new Promise<{ status: number; sent: number }>((resolve) => {
      let sent = 0;
      let status = 0;
      const chunk = Buffer.alloc(64 * 1024, "a");
      const headers = { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" };
      const req = http.request(`${server.baseUrl}/login`, { method: "POST", headers }, (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        if (stopWhenAnswered) req.destroy();
      });
      req.on("error", () => resolve({ status, sent }));
      req.on("close", () => resolve({ status, sent }));
      req.write("email=");
      const pump = () => {
        while (sent < 200 * 1024 * 1024 && !(stopWhenAnswered && status)) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  }

  it("answers a chunked body that passes the limit with 413 while it is still being sent", async () => {
    expect((await sendEndlessly({ stopWhenAnswered: true })).status).toBe(413);
    await expectUnharmed();
  });

  it("cuts off a sender who ignores the 413 and goes on, long before its 200 MB", async () => {
    const { sent } = await sendEndlessly({ stopWhenAnswered: false });
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    await expectUnharmed();
  });

  it("keeps the server's memory bounded through all of it", async () => {
    const { rssMb, peakMb } = memoryOf(server.pid);
    console.log(`server memory after the suite: ${Math.round(rssMb)} MB resident, ${Math.round(peakMb)} MB at most`);
    expect(rssMb).toBeLessThan(400);
    expect(peakMb).toBeLessThan(400);
  });
});
