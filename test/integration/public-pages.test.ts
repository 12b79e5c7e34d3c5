import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG, WORKSHOP_SLUG } from "~/demo/demo-data";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { testDialect } from "../helpers/database";

describe("public pages with demo data", () => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer();
    client = new Client(server.baseUrl);
  });
  afterAll(async () => server?.stop());

  it("answers /healthz with the database dialect", async () => {
    const res = await client.get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: testDialect() });
  });

  it("shows the home page in Vietnamese by default, with the seeds' names intact", async () => {
    const res = await client.get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain("Vĩnh Phúc");
    expect(html).toContain("Sự kiện sắp diễn ra");
    expect(html).toContain("Hội thảo thực hành DELMIA và ENOVIA");
    expect(html).toContain("Dassault Systèmes");
  });

  it("shows the forum with its agenda, four speakers, hosts and partners, and the MoU signed there", async () => {
    const html = await (await client.get(`/events/${FORUM_SLUG}`)).text();
    for (const name of ["Trần Duy Đông", "Vũ Quốc Huy", "Ding Ming Chee", "Watanabe Akira"]) expect(html).toContain(name);
    expect(html).toContain("Ủy ban nhân dân tỉnh Vĩnh Phúc");
    expect(html).toContain("CTCP Công nghệ Chế tạo Kami");
    expect(html).toContain("Chủ trì");
    expect(html).toContain("MOU-");
    expect(html).toContain("Dữ liệu mẫu");
  });

  it("switches to English and remembers the choice", async () => {
    const switched = await client.post("/language", { locale: "en", redirectTo: `/events/${FORUM_SLUG}` });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe(`/events/${FORUM_SLUG}`);
    const html = await (await client.get(`/events/${FORUM_SLUG}`)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Building the local digital economy on high-tech supply chains");
    expect(html).toContain("Speakers");
    const home = await (await client.get("/")).text();
    expect(home).toContain("Upcoming events");
    await client.post("/language", { locale: "vi", redirectTo: "/" });
    expect(await (await client.get("/")).text()).toContain("Sự kiện sắp diễn ra");
  });

  it("does not send a visitor anywhere off-site after switching language", async () => {
    const res = await client.post("/language", { locale: "vi", redirectTo: "//evil.example" });
    expect(res.headers.get("location")).toBe("/");
  });

  it("lists events, upcoming and past", async () => {
    const html = await (await client.get("/events")).text();
    expect(html).toContain(WORKSHOP_SLUG);
    expect(html).toContain(FORUM_SLUG);
  });

  it("answers an unknown page with a 404 in the portal's look", async () => {
    const res = await client.get("/khong-ton-tai");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Không tìm thấy trang");
    expect(html).toContain("site-header");
    expect((await client.get("/events/khong-co")).status).toBe(404);
  });

  it("never shows a draft event to the public", async () => {
    await server.db.updateTable("events").set({ status: "draft" }).where("slug", "=", WORKSHOP_SLUG).execute();
    expect((await client.get(`/events/${WORKSHOP_SLUG}`)).status).toBe(404);
    expect(await (await client.get("/events")).text()).not.toContain(WORKSHOP_SLUG);
    await server.db.updateTable("events").set({ status: "published" }).where("slug", "=", WORKSHOP_SLUG).execute();
  });
});

describe("a real deployment (DEMO_DATA=off)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((baseUrl) => ({ DEMO_DATA: "off", PUBLIC_URL: baseUrl }));
  });
  afterAll(async () => server?.stop());

  it("starts with an empty database: no demo accounts with a known password", async () => {
    const users = await server.db.selectFrom("users").select("email").execute();
    expect(users).toEqual([]);
    const res = await new Client(server.baseUrl).post("/login", { email: "staff@nic.demo.example", password: "vinhphuc-demo" });
    expect(res.status).toBe(400);
  });
});
