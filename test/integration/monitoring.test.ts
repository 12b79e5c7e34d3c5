import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "~/demo/seed-scale.server";
import { PERSONA_EMAILS, signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

/** The links of a listing page that open one item, e.g. every `/mous/ID` on `/mous`. */
function itemLinks(html: string, prefix: string): string[] {
  return [...html.matchAll(new RegExp(`href="${prefix}/([A-Za-z0-9_-]+)"`, "g"))].map((m) => m[1]);
}

describe("monitoring at scale", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    await seedScale(server.db, 120);
  });
  afterAll(async () => server?.stop());

  it("pages /mous by 50 with the count, and the pages together show every MoU once", async () => {
    const total = Number((await server.db.selectFrom("mous").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 50); page++) {
      const html = await (await clients.staff.get(`/mous?page=${page}`)).text();
      const ids = [...new Set(itemLinks(html, "/mous").filter((id) => id !== "new"))];
      expect(ids.length).toBeLessThanOrEqual(50);
      seen.push(...ids);
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("pages the staff's /commitments by 50 and filters by the stored status in SQL", async () => {
    // The late status most synthetic commitments have today (delayed or very late).
    const [late] = await server.db
      .selectFrom("commitments")
      .select(["status", (eb) => eb.fn.countAll().as("n")])
      .where("status", "in", ["delayed", "very_late"])
      .groupBy("status")
      .orderBy(sql`count(*)`, "desc")
      .execute();
    const count = Number(late.n);
    expect(count).toBeGreaterThan(50);
    const html = await (await clients.staff.get(`/commitments?status=${late.status}`)).text();
    const ids = new Set(itemLinks(html, "/commitments"));
    expect(ids.size).toBe(50);
    const statuses = await server.db.selectFrom("commitments").select("status").distinct().where("id", "in", [...ids]).execute();
    expect(statuses.map((s) => s.status)).toEqual([late.status]);
    expect(html).toContain(`${count}`);
  });

  it("shows a company member only the commitments of its own MoUs", async () => {
    const html = await (await clients.otherMember.get("/commitments")).text();
    const ids = itemLinks(html, "/commitments");
    if (ids.length) {
      const foreign = await server.db
        .selectFrom("commitments")
        .select("id")
        .where("id", "in", ids)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("mou_parties").innerJoin("memberships", "memberships.org_id", "mou_parties.org_id").innerJoin("users", "users.id", "memberships.user_id").select("mou_parties.id").whereRef("mou_parties.mou_id", "=", "commitments.mou_id").where("users.email", "=", PERSONA_EMAILS.otherMember))))
        .execute();
      expect(foreign).toEqual([]);
    }
  });

  it("gives staff a dashboard whose counts follow the filters in the URL, and refuses it to a company member", async () => {
    expect((await clients.member.get("/dashboard")).status).toBe(403);
    const sample = await server.db.selectFrom("organizations").select(["id", "sector"]).where("is_sample", "=", 1).where("sector", "is not", null).limit(1).executeTakeFirstOrThrow();
    const html = await (await clients.staff.get(`/dashboard?sector=${encodeURIComponent(sample.sector!)}`)).text();
    expect(html).toContain("<svg");
    expect(html).toContain('role="img"');
    expect(html).toContain("Xem dạng bảng");
    const inSector = Number(
      (
        await server.db
          .selectFrom("commitments")
          .innerJoin("organizations", "organizations.id", "commitments.org_id")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("organizations.sector", "=", sample.sector)
          .where("commitments.status", "=", "delayed")
          .where((eb) => eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id")))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(html).toMatch(new RegExp(`<span class="tile-value">${inSector}</span><span class="tile-label">Chậm tiến độ`));
    expect((await clients.staff.get("/dashboard?status=nonsense&from=yesterday")).status).toBe(200);
  });

  it("exports what the dashboard shows for the same filters as CSV (UTF-8 with BOM) and XLSX, to staff only", async () => {
    const sample = await server.db.selectFrom("organizations").select("sector").where("is_sample", "=", 1).where("sector", "is not", null).limit(1).executeTakeFirstOrThrow();
    const query = `?sector=${encodeURIComponent(sample.sector!)}`;
    const page = await (await clients.staff.get(`/dashboard${query}`)).text();
    const delayedTile = /<span class="tile-value">(\d+)<\/span><span class="tile-label">Chậm tiến độ/.exec(page)![1];
    const csv = await clients.staff.get(`/dashboard.csv${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`Bộ lọc,sector,,${sample.sector}`);
    expect(text).toContain(`Cam kết theo trạng thái,,Chậm tiến độ,${delayedTile}\r\n`);
    const xlsx = await clients.staff.get(`/dashboard.xlsx${query}`);
    expect(xlsx.status).toBe(200);
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await clients.member.get("/dashboard.csv")).status).toBe(403);
    expect((await clients.member.get("/dashboard.xlsx")).status).toBe(403);
  });

  it("lists what needs attention, late and at risk only, sortable, with every item on exactly one page", async () => {
    const expected = await server.db
      .selectFrom("commitments")
      .select("id")
      .where("status", "in", ["delayed", "at_risk"])
      .where((eb) => eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id")))
      .execute();
    for (const sort of ["days_late", "last_update"]) {
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 50); page++) {
        const html = await (await clients.staff.get(`/dashboard/attention?sort=${sort}&page=${page}`)).text();
        seen.push(...new Set(itemLinks(html, "/commitments")));
      }
      expect(seen.length).toBe(expected.length);
      expect(new Set(seen)).toEqual(new Set(expected.map((e) => e.id)));
    }
    const first = await (await clients.staff.get("/dashboard/attention")).text();
    const days = [...first.matchAll(/<td class="num">(\d+) ngày<\/td>/g)].map((m) => Number(m[1]));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect((await clients.member.get("/dashboard/attention")).status).toBe(403);
  });
});
