import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG } from "~/demo/demo-data";
import { connect } from "../helpers/database";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("the render cache of public pages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });

  it("sends a signed-out page compressed with a strong ETag, answers 304 to it, and allows exactly its inline scripts by hash", async () => {
    const first = await get(`/events/${FORUM_SLUG}`, { "accept-encoding": "br" });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-encoding")).toBe("br");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).not.toMatch(/nonce-/);
    expect(html).not.toMatch(/nonce=/);
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    expect(csp.match(/'sha256-/g)?.length).toBe(new Set(inline.map((m) => m[1])).size);
    const gzip = await get(`/events/${FORUM_SLUG}`, { "accept-encoding": "gzip" });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.headers.get("etag")).toBe(etag);
    expect((await get(`/events/${FORUM_SLUG}`, { "if-none-match": etag })).status).toBe(304);
  });

  it("a change made by another process shows on the next request: event, agenda, partners, seats", async () => {
    const path = `/events/${FORUM_SLUG}`;
    const before = await get(path);
    const etag = before.headers.get("etag")!;
    // Another connection stands for another worker or host on the same database.
    const { db } = connect(server.database.url);
    try {
      await db.updateTable("events").set({ title_vi: "Diễn đàn đã đổi tên (kiểm thử)" }).where("slug", "=", FORUM_SLUG).execute();
      const renamed = await get(path, { "if-none-match": etag });
      expect(renamed.status).toBe(200);
      expect(await renamed.text()).toContain("Diễn đàn đã đổi tên (kiểm thử)");
      const agendaEtag = renamed.headers.get("etag")!;
      await db.updateTable("agenda_items").set({ title_vi: "Phiên đã đổi (kiểm thử)" }).where("event_id", "=", (eb) => eb.selectFrom("events").select("id").where("slug", "=", FORUM_SLUG)).execute();
      const agenda = await get(path, { "if-none-match": agendaEtag });
      expect(agenda.status).toBe(200);
      expect(await agenda.text()).toContain("Phiên đã đổi (kiểm thử)");
    } finally {
      await db.destroy();
    }
    const event = await createTestEvent(server.db, { capacity: 2 });
    const page = `/events/${event.slug}`;
    const open = await get(page);
    await new Client(server.baseUrl).post(`${page}/register`, registrationFields("cache1"));
    const after = await get(page, { "if-none-match": open.headers.get("etag")! });
    expect(after.status).toBe(200);
  });

  it("never serves the cached copy to someone signed in, whose page keeps a fresh nonce per response", async () => {
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await staff.get("/");
      expect(res.headers.get("etag")).toBeNull();
      nonces.push(/'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1]);
    }
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
