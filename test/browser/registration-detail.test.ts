import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";

const SHOTS = "/tmp/desk15-shots";

async function expectNoSeriousAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

describe.skipIf(!hasChromium)("a registration's detail page in the browser", () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let slug: string;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
    const organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
    const questions = JSON.stringify([
      { id: "diet", label_vi: "Chế độ ăn uống đặc biệt?", label_en: "Dietary needs?", required: false },
      { id: "topic", label_vi: "Bạn quan tâm chủ đề nào nhất: DELMIA, ENOVIA, MES hay IoT?", label_en: "Which topic interests you most?", required: true },
    ]);
    ({ slug } = await createTestEvent(server.db, { created_by: organizerId, slug: "chi-tiet-dang-ky", questions }));
    const visitor = new Client(server.baseUrl);
    await visitor.post(`/events/${slug}/register`, registrationFields("quan", { name: "Phạm Minh Quân", phone: "0912 345 678", "answer.diet": "Ăn chay", "answer.topic": "MES và IoT trong nhà máy thông minh" }));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it("opens from the list, corrects a phone number, resends the ticket, and fits a 390 px screen", async () => {
    const page = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
    await page.goto("/login");
    await page.fill('input[name="email"]', DEMO.organizer);
    await page.fill('input[name="password"]', "vinhphuc-demo");
    await page.click('main button[type="submit"]');
    await page.waitForURL((url) => url.pathname !== "/login");

    await page.goto(`/manage/events/${slug}/registrations`);
    await page.getByRole("link", { name: "Chi tiết đăng ký của Phạm Minh Quân" }).click();
    await page.getByRole("heading", { name: "Đăng ký của Phạm Minh Quân" }).waitFor();
    await page.locator("dd", { hasText: "MES và IoT trong nhà máy thông minh" }).waitFor();

    await page.getByLabel("Số điện thoại").fill("0987 654 321");
    await page.getByRole("button", { name: "Lưu thay đổi" }).click();
    await page.getByText("Đã lưu thay đổi.").waitFor();
    await page.getByText("Số điện thoại: “0912 345 678” → “0987 654 321”").waitFor();

    await page.getByRole("button", { name: "Gửi lại vé" }).click();
    await page.getByText("Đã xếp email vé vào hàng gửi tới attendeequan@example.vn.").waitFor();
    await smtp.waitFor((m) => m.to_address === "attendeequan@example.vn" && /^Vé của bạn/.test(m.subject ?? ""));
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/detail-desktop.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    await page.screenshot({ path: `${SHOTS}/detail-390.png`, fullPage: true });
  });
});
