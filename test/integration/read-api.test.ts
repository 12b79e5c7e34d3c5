import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { seedScale } from "~/demo/seed-scale.server";
import { runPortalTask } from "../helpers/commands";
import { DEMO, type Client } from "../helpers/http";
import { signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

type Page = { data: { id: string; [key: string]: unknown }[]; next: string | null };
const TOKEN = /ifp_[A-Za-z0-9_-]{43}/;

describe("the read API", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let staffToken: string;
  let adminToken: string;

  const api = (path: string, token?: string) => fetch(`${server.baseUrl}/api/v1${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  async function walk(path: string, token: string, limit: number): Promise<Page["data"]> {
    const items: Page["data"] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const sep = path.includes("?") ? "&" : "?";
      const res = await api(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, token);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.data.length).toBeLessThanOrEqual(limit);
      items.push(...page.data);
      if (!page.next) return items;
      cursor = page.next;
    }
    throw new Error("the cursor never ended");
  }

  /** A token through the form in /account, read off the page that answers (the only time it is shown). */
  async function createThroughAccount(client: Client, name: string): Promise<string> {
    const res = await client.post("/account/api-tokens", { intent: "create", name });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const token = TOKEN.exec(await res.text())?.[0];
    if (!token) throw new Error("no token on the page");
    return token;
  }

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    // Enough rows that small pages take many steps; some of them Kami's, most not.
    await seedScale(server.db, 12);
    const created = await runPortalTask(server, ["api:token", "--email", DEMO.staff, "--name", "monitoring"]);
    expect(created.code).toBe(0);
    staffToken = created.output.trim().split("\n").pop()!;
    adminToken = await createThroughAccount(clients.orgAdmin, "Báo cáo tuần");
  });
  afterAll(async () => server?.stop());

  it("npm run api:token prints a working token as its last line, and only the token's hash is stored", async () => {
    expect(staffToken).toMatch(new RegExp(`^${TOKEN.source}$`));
    const res = await api("/mous", staffToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const rows = await server.db.selectFrom("api_tokens").select(["token_hash", "last_used_at"]).execute();
    expect(rows.some((r) => r.token_hash.includes(staffToken) || r.token_hash === staffToken)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(rows.some((r) => r.last_used_at !== null)).toBe(true);
  });

  it("answers 401 with a Bearer challenge without a token, with a malformed or unknown one, and to a session cookie alone", async () => {
    const answers = [
      await api("/commitments"),
      await api("/commitments", "not-a-token"),
      await fetch(`${server.baseUrl}/api/v1/mous`, { headers: { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }),
      await api("/commitments", `ifp_${"A".repeat(43)}`),
      await clients.staff.get("/api/v1/mous"),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
      expect(((await res.json()) as { message: string }).message).toContain("Bearer");
    }
  });

  it("pages every list in a stable order and meets every item exactly once", async () => {
    const tracked = (eb: any) => eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id"));
    const expected = {
      mous: (await server.db.selectFrom("mous").select("id").execute()).length,
      commitments: (await server.db.selectFrom("commitments").select("id").where(tracked).execute()).length,
      milestones: (
        await server.db
          .selectFrom("milestones")
          .select("milestones.id")
          .where("commitment_id", "in", server.db.selectFrom("commitments").select("id").where(tracked))
          .execute()
      ).length,
      events: (await server.db.selectFrom("events").select("id").execute()).length,
    };
    expect(expected.commitments).toBeGreaterThan(40);
    for (const [path, count] of Object.entries(expected)) {
      const items = await walk(`/${path}`, staffToken, 7);
      expect(items.length, path).toBe(count);
      expect(new Set(items.map((i) => i.id)).size, path).toBe(count);
    }
  });

  it("gives a company admin's token only the MoUs, commitments and milestones of its own organization's MoUs; staff's reads them all", async () => {
    const ntt = await server.db
      .selectFrom("mous")
      .innerJoin("mou_parties", "mou_parties.mou_id", "mous.id")
      .select("mous.id")
      .where("mou_parties.org_id", "=", "ntt")
      .where("mous.visibility", "=", "private")
      .executeTakeFirstOrThrow();
    const kamiMous = new Set(
      (await server.db.selectFrom("mou_parties").select("mou_id").where("org_id", "=", "kami").where("accepted_at", "is not", null).execute()).map((p) => p.mou_id),
    );
    const mous = await walk("/mous", adminToken, 50);
    expect(mous.length).toBe(kamiMous.size);
    expect(mous.every((m) => kamiMous.has(m.id))).toBe(true);
    const commitments = await walk("/commitments", adminToken, 50);
    expect(commitments.length).toBeGreaterThan(0);
    expect(commitments.every((c) => kamiMous.has(c.mou_id as string))).toBe(true);
    const milestones = await walk("/milestones", adminToken, 100);
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones.every((m) => kamiMous.has(m.mou_id as string))).toBe(true);
    // Asking for the other organization's MoU by name finds nothing either.
    for (const path of [`/mous?org=ntt`, `/commitments?mou=${ntt.id}`, `/milestones?mou=${ntt.id}`]) {
      expect(((await (await api(path, adminToken)).json()) as Page).data).toEqual([]);
    }
    expect(((await (await api("/mous?org=ntt", staffToken)).json()) as Page).data.map((m) => m.id)).toContain(ntt.id);
  });

  it("filters commitments by stored status, owner and MoU in SQL", async () => {
    const delayed = await walk("/commitments?status=delayed", staffToken, 100);
    expect(delayed.length).toBeGreaterThan(0);
    expect(delayed.every((c) => c.status === "delayed")).toBe(true);
    const kami = await walk("/commitments?owner=kami", staffToken, 100);
    expect(kami.length).toBeGreaterThan(0);
    expect(kami.every((c) => c.owner_org_id === "kami")).toBe(true);
    const one = kami[0]!.mou_id as string;
    const ofMou = await walk(`/commitments?mou=${one}`, staffToken, 100);
    expect(ofMou.every((c) => c.mou_id === one)).toBe(true);
    const milestones = await walk(`/milestones?commitment=${kami[0]!.id}&status=pending`, staffToken, 100);
    expect(milestones.every((m) => m.commitment_id === kami[0]!.id && m.status === "pending")).toBe(true);
  });

  it("counts registrations in SQL for the events the token's owner manages, and for no others", async () => {
    const workshop = await server.db.selectFrom("events").select("id").where("kind", "=", "workshop").where("is_sample", "=", 1).executeTakeFirstOrThrow();
    const confirmed = await server.db.selectFrom("registrations").select("id").where("event_id", "=", workshop.id).where("status", "=", "confirmed").execute();
    const staffEvents = await walk("/events", staffToken, 100);
    const seen = staffEvents.find((e) => e.id === workshop.id) as unknown as { registrations: { confirmed: number } | null };
    expect(seen.registrations?.confirmed).toBe(confirmed.length);
    const adminEvents = await walk("/events", adminToken, 100);
    expect(adminEvents.length).toBeGreaterThan(0);
    expect(adminEvents.every((e) => e.registrations === null && e.status !== "draft")).toBe(true);
  });

  it("refuses a limit over 100, bad filter values, unknown or repeated parameters and forged cursors with a 400 that says why", async () => {
    expect((await api("/commitments?limit=100", staffToken)).status).toBe(200);
    const bad = ["/commitments?limit=101", "/commitments?limit=0", "/commitments?limit=abc", "/commitments?status=late", "/commitments?stauts=delayed", "/commitments?status=delayed&status=done", "/mous?cursor=%%%", `/mous?cursor=${Buffer.from("x'; drop table mous").toString("base64url")}`, "/milestones?mou=../../etc"];
    for (const path of bad) {
      const res = await api(path, staffToken);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string; parameter: string; message: string };
      expect(body.error).toBe("invalid_parameter");
      expect(body.message.length).toBeGreaterThan(10);
    }
    expect(((await (await api("/commitments?limit=500", staffToken)).json()) as { parameter: string }).parameter).toBe("limit");
  });

  it("describes itself in OpenAPI 3.1: every path, its filters and the bearer scheme", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, { get: { parameters: { name: string }[] } }>; components: { securitySchemes: Record<string, { scheme: string }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/commitments", "/events", "/milestones", "/mous"]);
    expect(doc.paths["/commitments"].get.parameters.map((p) => p.name)).toEqual(["status", "owner", "mou", "limit", "cursor"]);
    expect(doc.components.securitySchemes.bearer.scheme).toBe("bearer");
    for (const path of Object.keys(doc.paths)) expect((await api(path, staffToken)).status).toBe(200);
  });

  it("lets staff and organization admins hold tokens, but not a member: the page and the form refuse them", async () => {
    expect((await clients.member.get("/account/api-tokens")).status).toBe(403);
    expect((await clients.member.post("/account/api-tokens", { intent: "create", name: "Của tôi" })).status).toBe(403);
    expect(await (await clients.member.get("/account")).text()).not.toContain('id="api-tokens"');
    expect(await (await clients.orgAdmin.get("/account")).text()).toContain("Báo cáo tuần");
    const memberId = await server.db.selectFrom("users").select("id").where("email", "=", "member@kami.test.example").executeTakeFirstOrThrow();
    expect(await server.db.selectFrom("api_tokens").select("id").where("user_id", "=", memberId.id).execute()).toEqual([]);
    const refused = await runPortalTask(server, ["api:token", "--email", "member@kami.test.example", "--name", "x"]);
    expect(refused.code).toBe(1);
    expect(refused.output).not.toMatch(TOKEN);
  });

  it("keeps a name next to its field: empty, or past the most live tokens one may hold", async () => {
    const empty = await clients.organizer.post("/account/api-tokens", { intent: "create", name: " " });
    expect(empty.status).toBe(400);
    const organizer = await server.db.selectFrom("users").select(["id", "email"]).where("email", "=", DEMO.organizer).executeTakeFirstOrThrow();
    for (let i = 0; i < 10; i++) await createApiToken(server.db, organizer, `script ${i}`, null);
    const tooMany = await clients.organizer.post("/account/api-tokens", { intent: "create", name: "one more" });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain("số token tối đa");
  });

  it("reads as its owner is now: revoked, disabled or removed from the organization, the token reads accordingly", async () => {
    const token = await createThroughAccount(clients.orgAdmin, "short-lived");
    expect((await api("/mous", token)).status).toBe(200);
    const row = await server.db.selectFrom("api_tokens").select("id").where("name", "=", "short-lived").executeTakeFirstOrThrow();
    // Someone else's token is not theirs to revoke.
    expect((await clients.staff.post("/account/api-tokens", { intent: "revoke", token_id: row.id })).status).toBe(404);
    expect((await clients.orgAdmin.get(`/account/api-tokens?revoke=${row.id}`)).status).toBe(200);
    expect((await clients.orgAdmin.post("/account/api-tokens", { intent: "revoke", token_id: row.id })).status).toBe(302);
    const revoked = await api("/mous", token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const admin = await server.db.selectFrom("users").select("id").where("email", "=", DEMO.signerKami).executeTakeFirstOrThrow();
    await server.db.deleteFrom("memberships").where("user_id", "=", admin.id).where("org_id", "=", "kami").execute();
    expect(((await (await api("/mous", adminToken)).json()) as Page).data).toEqual([]);
    await server.db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", admin.id).execute();
    expect((await api("/mous", adminToken)).status).toBe(401);
  });
});
