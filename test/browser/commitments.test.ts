import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { DEMO } from "../helpers/http";
import { PERSONA_PASSWORD } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasChromium)("a commitment as a process: planned, reported, returned, revised, confirmed", () => {
  let server: TestServer;
  let browser: Browser;
  let commitmentUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const { id } = await server.db.selectFrom("commitments").select("id").where("title_vi", "=", "Triển khai MES tại 5 nhà máy trong tỉnh").executeTakeFirstOrThrow();
    commitmentUrl = `${server.baseUrl}/commitments/${id}`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, width = 1100): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PERSONA_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
    return page;
  }

  const statusBadge = (page: Page) => page.locator("header.commitment-head .badge");
  const update = (page: Page, text: string) => page.locator("li.update", { hasText: text });
  const timeline = (page: Page) => page.locator("ol.timeline");

  it("lets Kami plan and report, Dassault Systèmes return, Kami revise and Dassault Systèmes confirm, with the KPI, status and timeline following", async () => {
    const kami = await signedIn(DEMO.signerKami);
    await kami.goto(commitmentUrl);
    await expect(statusBadge(kami).textContent()).resolves.toBe("Chậm tiến độ");

    // Kami plans a milestone after signing: a recorded plan change.
    await kami.getByText("Thêm mốc", { exact: true }).first().click();
    const add = kami.locator('form:has(input[name="intent"][value="add-milestone"])');
    await add.locator('input[name="title_vi"]').fill("Nghiệm thu MES tại nhà máy Kami");
    await add.locator('input[name="title_en"]').fill("MES acceptance at the Kami factory");
    await add.locator('input[name="due_on"]').fill("2027-03-15");
    await add.locator('input[name="weight"]').fill("2");
    await add.getByRole("button", { name: "Thêm mốc" }).click();
    await kami.getByText("Đã thêm mốc vào kế hoạch.").waitFor();
    await kami.locator("table.milestone-plan").getByText("Nghiệm thu MES tại nhà máy Kami").waitFor();
    await timeline(kami).getByText("thêm mốc “Nghiệm thu MES tại nhà máy Kami”", { exact: false }).waitFor();

    // Kami reports progress with evidence: it waits for confirmation and changes nothing yet.
    const report = kami.locator('section[aria-labelledby="report-heading"] form');
    await report.locator('textarea[name="note"]').fill("Dây chuyền thí điểm đã chạy ổn định 2 tuần.");
    await report.locator('input[name="kpi_value"]').fill("1");
    await report.locator('select[name="milestone_id"]').selectOption({ label: "Dây chuyền thí điểm tại nhà máy Kami" });
    await report.locator('select[name="milestone_status"]').selectOption("done");
    await report.locator('input[name="evidence"]').setInputFiles({ name: "nghiem-thu.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% mẫu\n%%EOF\n") });
    await report.getByRole("button", { name: "Gửi báo cáo" }).click();
    await kami.getByText("Đã gửi báo cáo; các bên còn lại sẽ xác nhận.").waitFor();
    await update(kami, "Dây chuyền thí điểm đã chạy ổn định").getByText("Chờ xác nhận").waitFor();
    await update(kami, "Dây chuyền thí điểm đã chạy ổn định").getByText("nghiem-thu.pdf").waitFor();
    await expect(statusBadge(kami).textContent()).resolves.toBe("Chậm tiến độ");
    await expect(kami.locator(".commitment-facts").textContent()).resolves.toContain("0/5 nhà máy");

    // Dassault Systèmes returns it with a comment.
    const ds = await signedIn(DEMO.signer3ds);
    await ds.goto(commitmentUrl);
    const pending = update(ds, "Dây chuyền thí điểm đã chạy ổn định");
    await pending.locator('form:has(input[name="intent"][value="return"]) textarea').fill("Vui lòng bổ sung biên bản nghiệm thu có chữ ký.");
    await pending.locator('form:has(input[name="intent"][value="return"]) button').click();
    await ds.getByText("Đã trả lại báo cáo kèm góp ý.").waitFor();
    await update(ds, "Dây chuyền thí điểm đã chạy ổn định").getByText("Bị trả lại").waitFor();

    // Kami revises and resubmits.
    await kami.goto(commitmentUrl);
    const returned = update(kami, "Dây chuyền thí điểm đã chạy ổn định");
    await returned.getByText("Sửa và gửi lại", { exact: true }).first().click();
    await returned.locator('textarea[name="note"]').fill("Dây chuyền thí điểm đã chạy ổn định 2 tuần; biên bản nghiệm thu đã ký.");
    await returned.locator('form:has(input[name="intent"][value="revise"]) button[type="submit"]').click();
    await kami.getByText("Đã gửi lại báo cáo đã sửa.").waitFor();

    // Dassault Systèmes confirms: now the KPI, the milestone and the status move.
    await ds.goto(commitmentUrl);
    await update(ds, "biên bản nghiệm thu đã ký").locator('form:has(input[name="intent"][value="confirm"]) button').click();
    await ds.getByText("Đã xác nhận báo cáo.").waitFor();
    await update(ds, "biên bản nghiệm thu đã ký").getByText("Đã xác nhận").waitFor();
    await expect(statusBadge(ds).textContent()).resolves.toBe("Đúng tiến độ");
    await expect(ds.locator(".commitment-facts").textContent()).resolves.toContain("1/5 nhà máy");
    const history = (await timeline(ds).textContent()) ?? "";
    for (const step of ["thêm mốc", "gửi báo cáo tiến độ", "trả lại báo cáo", "Vui lòng bổ sung biên bản nghiệm thu", "sửa và gửi lại báo cáo", "xác nhận báo cáo", "Trạng thái: Chậm tiến độ → Đúng tiến độ"]) {
      expect(history).toContain(step);
    }
    await ds.screenshot({ path: "/tmp/commitment-desktop.png", fullPage: true });
    const phone = await signedIn(DEMO.signerKami, 390);
    await phone.goto(commitmentUrl);
    await phone.screenshot({ path: "/tmp/commitment-390.png", fullPage: true });
    await phone.goto(`${server.baseUrl}/commitments`);
    await phone.screenshot({ path: "/tmp/commitments-list-390.png", fullPage: true });
  });
});
