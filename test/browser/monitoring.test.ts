import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "~/demo/seed-scale.server";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { DEMO } from "../helpers/http";
import { PERSONA_PASSWORD } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasChromium)("monitoring in the browser: staff filter, follow up and export; a company is refused", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await seedScale(server.db, 60);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PERSONA_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
    return page;
  }

  /** Clicks an export link; returns the saved file's bytes, its name, and the type the server gave it. */
  async function download(page: Page, name: string) {
    const link = page.getByRole("link", { name, exact: true });
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const bytes = fs.readFileSync((await (file as Download).path())!);
    const href = await link.getAttribute("href");
    const type = (await page.request.get(`${server.baseUrl}${href}`)).headers()["content-type"];
    return { bytes, filename: file.suggestedFilename(), type };
  }

  it("lets staff filter the dashboard by partner, open the attention list, and export CSV, XLSX and the PDF report", async () => {
    const partner = await server.db
      .selectFrom("mou_parties")
      .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
      .innerJoin("commitments", "commitments.org_id", "organizations.id")
      .select(["organizations.id", "organizations.name_vi"])
      .where("organizations.is_sample", "=", 1)
      .groupBy(["organizations.id", "organizations.name_vi"])
      .orderBy((eb) => eb.fn.countAll(), "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const staff = await signedIn(DEMO.staff);
    await staff.goto(`${server.baseUrl}/dashboard`);
    await staff.getByLabel("Đối tác", { exact: true }).selectOption(partner.id);
    await Promise.all([staff.waitForURL((url) => url.searchParams.get("partner") === partner.id), staff.getByRole("button", { name: "Lọc" }).click()]);
    await staff.getByRole("heading", { name: "Biểu đồ" }).waitFor();
    // The per-partner chart now holds this partner alone.
    await staff.locator("figure", { hasText: "Tiến độ theo đối tác" }).locator("svg text", { hasText: partner.name_vi.slice(0, 20) }).first().waitFor();
    await staff.screenshot({ path: screenshotPath("monitoring-dashboard-partner"), fullPage: true });

    await Promise.all([staff.waitForURL("**/dashboard/attention?partner=*"), staff.getByRole("link", { name: "Cần chú ý" }).click()]);
    await staff.getByRole("heading", { level: 1 }).waitFor();
    await staff.screenshot({ path: screenshotPath("monitoring-attention"), fullPage: true });
    await staff.goBack();
    await staff.waitForURL((url) => url.pathname === "/dashboard");

    const csv = await download(staff, "Tải CSV");
    expect(csv.filename).toBe("dashboard.csv");
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString("utf8")).toContain(`partner,,${partner.id}`);

    const xlsx = await download(staff, "Tải Excel");
    expect(xlsx.filename).toBe("dashboard.xlsx");
    expect(xlsx.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBeGreaterThan(10);
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe("Mục");

    const pdf = await download(staff, "Tải báo cáo PDF");
    expect(pdf.filename).toBe("dashboard.pdf");
    expect(pdf.type).toBe("application/pdf");
    const file = screenshotPath("monitoring-report").replace(/\.png$/, ".pdf");
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Báo cáo giám sát hợp tác");
    expect(text).toContain(`Đối tác: ${partner.name_vi}`);
  });

  it("lets staff filter the audit log by actor and download it", async () => {
    const staff = await signedIn(DEMO.staff);
    await staff.goto(`${server.baseUrl}/admin/audit`);
    await staff.getByLabel("Người thực hiện (email hoặc tên)").fill("staff@nic");
    await Promise.all([staff.waitForURL((url) => url.searchParams.get("actor") === "staff@nic"), staff.getByRole("button", { name: "Lọc" }).click()]);
    await staff.getByRole("cell", { name: /Đăng nhập/ }).first().waitFor();
    await staff.screenshot({ path: screenshotPath("monitoring-audit-filtered"), fullPage: true });
    const csv = await download(staff, "Tải CSV theo bộ lọc");
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect(csv.bytes.toString("utf8")).toContain(DEMO.staff);
  });

  it("filters /commitments with the same filter bar", async () => {
    const staff = await signedIn(DEMO.staff);
    await staff.goto(`${server.baseUrl}/commitments`);
    await staff.getByLabel("Lọc theo trạng thái").selectOption("done");
    await Promise.all([staff.waitForURL((url) => url.searchParams.get("status") === "done"), staff.getByRole("button", { name: "Lọc" }).click()]);
    await expect.poll(async () => [...new Set(await staff.locator(".commitment-head .badge").allTextContents())]).toEqual(["Hoàn thành"]);
    await staff.screenshot({ path: screenshotPath("monitoring-commitments-filtered") });
    await Promise.all([staff.waitForURL((url) => url.pathname === "/commitments" && !url.search), staff.getByRole("link", { name: "Bỏ lọc" }).click()]);
  });

  it("refuses the dashboard to a company member", async () => {
    const member = await signedIn(DEMO.signerKami);
    const res = await member.goto(`${server.baseUrl}/dashboard`);
    expect(res?.status()).toBe(403);
  });
});
