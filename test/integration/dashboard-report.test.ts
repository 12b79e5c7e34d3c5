import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "~/demo/seed-scale.server";
import { signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-report-"));

/** The PDF's text as pdftotext reads it, spaces collapsed, and the fonts pdffonts lists. */
function readPdf(bytes: Uint8Array, name: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
  return { text, fonts, file };
}

describe("the dashboard's PDF report", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    await seedScale(server.db, 40);
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints the filters in words, the date, the tiles' figures and every chart with its table, in Vietnamese with embedded fonts", async () => {
    const partner = await server.db
      .selectFrom("mou_parties")
      .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
      .select(["organizations.id", "organizations.name_vi", "organizations.sector"])
      .where("organizations.sector", "is not", null)
      .groupBy(["organizations.id", "organizations.name_vi", "organizations.sector"])
      .limit(1)
      .executeTakeFirstOrThrow();
    const query = `?${new URLSearchParams({ partner: partner.id, sector: partner.sector! })}`;
    const page = await (await clients.staff.get(`/dashboard${query}`)).text();
    expect(page).toContain(`href="/dashboard.pdf${query.replace("&", "&amp;")}"`);
    const delayed = /<span class="tile-value">(\d+)<\/span><span class="tile-label">Chậm tiến độ/.exec(page)![1];

    const res = await clients.staff.get(`/dashboard.pdf${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const { text, fonts } = readPdf(new Uint8Array(await res.arrayBuffer()), "vi.pdf");
    expect(text).toContain("Báo cáo giám sát hợp tác");
    expect(text).toContain(`Đối tác: ${partner.name_vi}`);
    expect(text).toContain(`Lĩnh vực: ${partner.sector}`);
    expect(text).toMatch(/Lập lúc \d+ tháng \d+, \d{4} · \d\d:\d\d \(Giờ Việt Nam \(UTC\+7\)\)/);
    // The tile and the first chart's table carry the same count as the page's tile.
    expect(text).toContain(`Chậm tiến độ ${delayed} Có nguy cơ chậm`);
    for (const chart of ["Cam kết theo trạng thái", "Biên bản ký theo tháng", "Tiến độ theo đối tác", "Cam kết theo lĩnh vực", "Cam kết theo tỉnh, thành"]) {
      expect(text).toContain(chart);
    }
    expect(text).toContain(`${partner.name_vi}`);
    expect(text).toMatch(/Trang 1\/\d+/);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toContain("BeVietnamPro");
      // pdffonts' "emb" column: every font the report uses travels inside the file.
      expect(font).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
    }
  });

  it("speaks the reader's language", async () => {
    await clients.staff.post("/language", { locale: "en" });
    const res = await clients.staff.get("/dashboard.pdf");
    await clients.staff.post("/language", { locale: "vi" });
    expect(res.status).toBe(200);
    const { text } = readPdf(new Uint8Array(await res.arrayBuffer()), "en.pdf");
    expect(text).toContain("Partnership monitoring report");
    expect(text).toContain("No filters: every tracked commitment.");
    expect(text).toContain("Progress per partner");
  });

  it("is refused to a company member and to a visitor", async () => {
    expect((await clients.member.get("/dashboard.pdf")).status).toBe(403);
    expect((await clients.orgAdmin.get("/dashboard.pdf")).status).toBe(403);
    expect([302, 303]).toContain((await clients.visitor.get("/dashboard.pdf")).status);
  });
});
