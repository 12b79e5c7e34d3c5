import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { createTestEvent } from "../helpers/events";
import { signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const EXTRA = 61;

/** Every page of a list by its pager, each page's items as `pick` finds them; checks the 50 cap and the count. */
async function walk(client: Client, path: string, pick: (html: string) => string[], expectedTotal: number) {
  const seen: string[] = [];
  const pages = Math.ceil(expectedTotal / 50);
  for (let page = 1; page <= pages; page++) {
    const html = await (await client.get(`${path}${path.includes("?") ? "&" : "?"}page=${page}`)).text();
    const items = [...new Set(pick(html))];
    expect(items.length).toBeLessThanOrEqual(50);
    expect(html).toContain(`Trang ${page}`);
    expect(html).toContain(`${expectedTotal} mục`);
    seen.push(...items);
  }
  return seen;
}

const matches = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

describe("lists that grow are paged by 50 with their count", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let crowded: { id: string; slug: string };
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    const now = new Date().toISOString();
    for (let i = 0; i < EXTRA; i++) await createTestEvent(server.db, { slug: `paged-event-${i}` });
    crowded = await createTestEvent(server.db, { slug: "crowded-event", capacity: null });
    await server.db
      .insertInto("registrations")
      .values(
        Array.from({ length: 2 * EXTRA }, (_, i) => ({
          id: newId(),
          event_id: crowded.id,
          ticket_code: crypto.randomBytes(16).toString("hex"),
          status: "confirmed" as const,
          name: `${i % 2 ? "Nguyễn" : "Trần"} Khách ${i}`,
          email: `guest-${i}@paging.example`,
          email_normalized: `guest-${i}@paging.example`,
          consent_at: now,
          consent_text: "Kiểm thử",
          confirmed_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await server.db
      .insertInto("organizations")
      .values(Array.from({ length: EXTRA }, (_, i) => ({ id: `paged-org-${i}`, name_vi: `Tổ chức phân trang ${i}`, name_en: `Paged organization ${i}`, kind: "enterprise", country: "VN", created_at: now, updated_at: now })))
      .execute();
    await server.db
      .insertInto("users")
      .values(Array.from({ length: EXTRA }, (_, i) => ({ id: newId(), email: `paged-user-${i}@paging.example`, name: `Người dùng ${i}`, password_hash: null, email_verified_at: now, created_at: now, updated_at: now })))
      .execute();
  });
  afterAll(async () => server?.stop());

  it("walks every managed event once across the pages", async () => {
    const total = Number((await server.db.selectFrom("events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const seen = await walk(clients.staff, "/manage/events", (html) => matches(html, /href="\/manage\/events\/([^"/?]+)"/g).filter((s) => s !== "new"), total);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("walks every registration of an event once, also within a search, and acts on the rows selected on a later page", async () => {
    const ids = (html: string) => matches(html, /<input type="checkbox" name="id" form="bulk-form"[^>]* value="([^"]+)"/g);
    const all = await walk(clients.staff, `/manage/events/${crowded.slug}/registrations`, ids, 2 * EXTRA);
    expect(new Set(all).size).toBe(2 * EXTRA);
    const found = await walk(clients.staff, `/manage/events/${crowded.slug}/registrations?q=nguyen`, ids, EXTRA);
    expect(new Set(found).size).toBe(EXTRA);

    const secondPage = ids(await (await clients.staff.get(`/manage/events/${crowded.slug}/registrations?page=2`)).text()).slice(0, 3);
    const res = await clients.staff.post(`/manage/events/${crowded.slug}/registrations?page=2`, { intent: "cancel", id: secondPage, reason: "Trùng đăng ký" });
    expect(res.status).toBe(200);
    const cancelled = await server.db.selectFrom("registrations").select("id").where("event_id", "=", crowded.id).where("status", "=", "cancelled").execute();
    expect(cancelled.map((r) => r.id).sort()).toEqual([...secondPage].sort());
  });

  it("walks every organization and every user once across the admin pages", async () => {
    const orgs = Number((await server.db.selectFrom("organizations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const seenOrgs = await walk(clients.staff, "/admin/orgs", (html) => matches(html, /<td[^>]*><a [^>]*href="\/orgs\/([^"/]+)"/g), orgs);
    expect(new Set(seenOrgs).size).toBe(orgs);
    expect(seenOrgs.length).toBe(orgs);

    const users = Number((await server.db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const email = (html: string) => matches(html, /<span class="mono small">([^<]+)<\/span>/g);
    const seenUsers = await walk(clients.staff, "/admin/users", email, users);
    expect(new Set(seenUsers).size).toBe(users);
    const searched = await walk(clients.staff, "/admin/users?q=paged-user", email, EXTRA);
    expect(new Set(searched).size).toBe(EXTRA);
  });
});
