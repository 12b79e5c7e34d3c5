import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { WORKSHOP_SLUG } from "~/demo/demo-data";
import { Client } from "../helpers/http";
import { registrationFields } from "../helpers/events";
import { expectAll, outcomeOf, PERSONAS, runMatrix, signInPersonas, type MatrixRow, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

const M = `/manage/events/${WORKSHOP_SLUG}`;
/** Organizer screens: staff and the event's organizer; members refused; visitors sent to sign in. */
const MANAGERS = expectAll("forbidden", { visitor: "login", organizer: "ok", staff: "ok" });

const eventForm = {
  slug: WORKSHOP_SLUG,
  kind: "workshop",
  title_vi: "Hội thảo thực hành DELMIA và ENOVIA cho doanh nghiệp Vĩnh Phúc",
  title_en: "Hands-on DELMIA and ENOVIA workshop",
  summary_vi: "Tóm tắt",
  summary_en: "Summary",
  venue_vi: "Phòng Lab 1",
  venue_en: "Lab 1",
  starts_at: "2031-01-10T08:30",
  ends_at: "2031-01-10T16:30",
  capacity: "30",
  "org_role.dassault-systemes": "host",
  "org_role.so-khcn-vinh-phuc": "co_organizer",
};

describe("permission matrix: events", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let ticketPath: string;
  let speakerToken: string;
  let otherOrganizer: Client;

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    const res = await new Client(server.baseUrl).post(`/events/${WORKSHOP_SLUG}/register`, registrationFields("perm"));
    ticketPath = res.headers.get("location")!.split("?")[0];
    speakerToken = newSecret();
    const speaker = await server.db.selectFrom("speakers").select("id").limit(1).executeTakeFirstOrThrow();
    await server.db
      .updateTable("speakers")
      .set({ invite_token_hash: sha256Hex(speakerToken), invite_expires_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where("id", "=", speaker.id)
      .execute();
    // An organizer who runs other events, with no part in the workshop.
    const now = new Date().toISOString();
    await server.db
      .insertInto("users")
      .values({ id: newId(), email: "organizer@other.test.example", name: "Phạm Văn Khác", password_hash: await hashPassword("vinhphuc-demo"), email_verified_at: now, is_organizer: 1, created_at: now, updated_at: now })
      .execute();
    otherOrganizer = new Client(server.baseUrl);
    await otherOrganizer.signIn("organizer@other.test.example");
  });
  afterAll(async () => server?.stop());

  const ORGANIZER_ROUTES: MatrixRow[] = [
    { route: "GET /manage/events", expect: MANAGERS },
    { route: "GET /manage/events/new", expect: MANAGERS },
    { route: `GET ${M}`, expect: MANAGERS },
    { route: `GET ${M}/edit`, expect: MANAGERS },
    { route: `GET ${M}/agenda`, expect: MANAGERS },
    { route: `GET ${M}/speakers`, expect: MANAGERS },
    { route: `GET ${M}/registrations`, expect: MANAGERS },
    { route: `GET ${M}/registrations.csv`, expect: MANAGERS },
    { route: `GET ${M}/registrations.xlsx`, expect: MANAGERS },
    { route: `GET ${M}/check-in`, expect: MANAGERS },
    { route: `POST ${M}?index`, form: { intent: "mail", subject: "Thông báo", body: "Nội dung" }, expect: MANAGERS },
    { route: `POST ${M}/edit`, form: eventForm, expect: expectAll("forbidden", { visitor: "login", organizer: "redirect", staff: "redirect" }) },
    { route: `POST ${M}/agenda`, form: { intent: "delete", id: "none" }, expect: expectAll("forbidden", { visitor: "login", organizer: "redirect", staff: "redirect" }) },
    { route: `POST ${M}/speakers`, form: { intent: "delete", id: "none" }, expect: expectAll("forbidden", { visitor: "login", organizer: "redirect", staff: "redirect" }) },
    // Past the permission check an unknown registration or ticket is a 404; before it, a 403.
    { route: `POST ${M}/registrations`, form: { intent: "cancel", id: "none" }, expect: expectAll("forbidden", { visitor: "login", organizer: "notFound", staff: "notFound" }) },
    { route: `POST ${M}/check-in`, form: { code: "none" }, expect: expectAll("forbidden", { visitor: "login", organizer: "notFound", staff: "notFound" }) },
  ];

  it("keeps the organizer screens to staff and the event's own organizers", async () => {
    expect(await runMatrix(clients, ORGANIZER_ROUTES)).toEqual([]);
  });

  it("refuses an organizer of another event on every screen of this one", async () => {
    const problems: string[] = [];
    for (const row of ORGANIZER_ROUTES.slice(2)) {
      const [method, path] = row.route.split(" ");
      const res = method === "GET" ? await otherOrganizer.get(path) : await otherOrganizer.post(path, row.form ?? {});
      if (outcomeOf(res) !== "forbidden") problems.push(`${row.route}: ${outcomeOf(res)}`);
    }
    expect(problems).toEqual([]);
    expect(outcomeOf(await otherOrganizer.get("/manage/events"))).toBe("ok");
    expect(await (await otherOrganizer.get("/manage/events")).text()).not.toContain(WORKSHOP_SLUG);
  });

  it("lets only organizers and staff create events", async () => {
    const problems: string[] = [];
    for (const persona of PERSONAS) {
      const res = await clients[persona].post("/manage/events/new", { ...eventForm, slug: `perm-${persona.toLowerCase()}` });
      const want = persona === "visitor" ? "login" : persona === "organizer" || persona === "staff" ? "redirect" : "forbidden";
      if (outcomeOf(res) !== want) problems.push(`${persona}: ${outcomeOf(res)}`);
    }
    expect(problems).toEqual([]);
    expect(outcomeOf(await clients.member.get("/manage/events/perm-organizer"))).toBe("forbidden");
    expect(outcomeOf(await clients.staff.get("/manage/events/perm-organizer"))).toBe("ok");
  });

  it("opens public registration, the calendar, tickets and speaker profiles to whoever holds the link", async () => {
    const problems = await runMatrix(clients, [
      { route: `GET /events/${WORKSHOP_SLUG}/register`, expect: expectAll("ok") },
      { route: `GET /events/${WORKSHOP_SLUG}/calendar.ics`, expect: expectAll("ok") },
      { route: "GET /events/no-such-event/register", expect: expectAll("notFound") },
      { route: `GET ${ticketPath}`, expect: expectAll("ok") },
      { route: `GET ${ticketPath}/ticket.pdf`, expect: expectAll("ok") },
      { route: `GET ${ticketPath}/data.json`, expect: expectAll("ok") },
      { route: "GET /tickets/guessed-code", expect: expectAll("notFound") },
      { route: "GET /tickets/guessed-code/ticket.pdf", expect: expectAll("notFound") },
      { route: "GET /tickets/guessed-code/data.json", expect: expectAll("notFound") },
      { route: "POST /tickets/guessed-code", form: { intent: "cancel" }, expect: expectAll("notFound") },
      { route: `GET /speaker-profile/${speakerToken}`, expect: expectAll("ok") },
      { route: "GET /speaker-profile/guessed-token", expect: expectAll("notFound") },
      { route: "POST /speaker-profile/guessed-token", form: { name: "X" }, expect: expectAll("notFound") },
    ]);
    expect(problems).toEqual([]);
  });

  it("lets only signed-in members register a delegation for their own organization", async () => {
    const form = { intent: "delegation", org_id: "kami", people: "Vũ Văn An, an@kami.example, Kỹ sư", consent: "on" };
    const visitor = await clients.visitor.post(`/events/${WORKSHOP_SLUG}/register`, form);
    expect(outcomeOf(visitor)).toBe("login");
    const outsider = await clients.otherMember.post(`/events/${WORKSHOP_SLUG}/register`, form);
    expect(outsider.status).toBe(400);
    const member = await clients.member.post(`/events/${WORKSHOP_SLUG}/register`, { ...form, people: "Vũ Văn An, an@kami.example, Kỹ sư\nĐỗ Thị Bích, bich@kami.example, Trưởng phòng" });
    expect(member.status).toBe(200);
    const rows = await server.db.selectFrom("registrations").select(["email", "org_id", "status"]).where("email", "in", ["an@kami.example", "bich@kami.example"]).execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.org_id === "kami" && r.status === "confirmed")).toBe(true);
  });
});
