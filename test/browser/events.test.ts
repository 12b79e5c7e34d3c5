import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client } from "../helpers/http";
import { DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";

/** A day some weeks ahead, as the date part of a datetime-local value. */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * A short video of a QR code in the YUV4MPEG2 format that Chromium's fake camera plays:
 * grey levels in the Y plane, neutral colour planes.
 */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = 480;
  const cells = qr.modules.size + 8;
  const scale = Math.floor(size / cells);
  const offset = Math.floor((size - qr.modules.size * scale) / 2);
  const y = Buffer.alloc(size * size, 255);
  for (let row = 0; row < qr.modules.size; row++)
    for (let col = 0; col < qr.modules.size; col++)
      if (qr.modules.get(row, col))
        for (let dy = 0; dy < scale; dy++) y.fill(0, (offset + row * scale + dy) * size + offset + col * scale, (offset + row * scale + dy) * size + offset + (col + 1) * scale);
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qr-video-")), "ticket.y4m");
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F5:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
  return file;
}

describe.skipIf(!hasChromium)("events in the browser", () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it("an organizer publishes an event, a visitor registers and gets the ticket by mail, and is checked in once", async () => {
    const day = dayAhead(30);
    const pageErrors: string[] = [];
    const organizer = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
    organizer.on("pageerror", (e) => pageErrors.push(e.message));
    await organizer.goto("/login");
    await organizer.fill('input[name="email"]', DEMO.organizer);
    await organizer.fill('input[name="password"]', "vinhphuc-demo");
    await organizer.click('main button[type="submit"]');
    await organizer.waitForURL((url) => url.pathname !== "/login");

    await organizer.goto("/manage/events/new");
    const fields: Record<string, string> = {
      slug: "dien-dan-iot-browser",
      title_vi: "Diễn đàn IoT và nhà máy thông minh",
      title_en: "IoT and smart factory forum",
      summary_vi: "Giới thiệu MES và IoT cho doanh nghiệp Vĩnh Phúc.",
      summary_en: "MES and IoT for Vĩnh Phúc enterprises.",
      venue_vi: "Trung tâm Hội nghị tỉnh",
      venue_en: "Provincial Convention Centre",
      starts_at: `${day}T08:00`,
      ends_at: `${day}T12:00`,
      capacity: "50",
    };
    for (const [name, value] of Object.entries(fields)) await organizer.fill(`[name="${name}"]`, value);
    await organizer.selectOption('select[name="org_role.ntt"]', "host");
    await organizer.getByRole("button", { name: "Tạo bản nháp" }).click();
    await organizer.waitForURL("**/manage/events/dien-dan-iot-browser");

    await organizer.goto("/manage/events/dien-dan-iot-browser/speakers");
    await organizer.fill('[name="name"]', "Watanabe Akira");
    await organizer.fill('[name="position_vi"]', "Tổng Giám đốc NTT e-MOI");
    await organizer.getByRole("button", { name: "Thêm diễn giả" }).last().click();
    await organizer.getByText("Watanabe Akira").first().waitFor();

    await organizer.goto("/manage/events/dien-dan-iot-browser/agenda");
    await organizer.fill('[name="starts_at"]', `${day}T08:30`);
    await organizer.fill('[name="ends_at"]', `${day}T09:15`);
    await organizer.fill('[name="room"]', "Hội trường A");
    await organizer.selectOption('[name="kind"]', "keynote");
    await organizer.fill('[name="title_vi"]', "MES và IoT trong nhà máy hiện đại");
    await organizer.fill('[name="title_en"]', "MES and IoT in the modern factory");
    await organizer.getByLabel("Watanabe Akira").check();
    await organizer.getByRole("button", { name: "Thêm mục" }).click();
    await organizer.getByRole("cell", { name: /MES và IoT trong nhà máy hiện đại/ }).waitFor();
    await expectNoSeriousAxeViolations(organizer);
    await organizer.screenshot({ path: screenshotPath("events-manage-agenda"), fullPage: true });

    await organizer.goto("/manage/events/dien-dan-iot-browser");
    await organizer.getByRole("button", { name: "Công bố" }).click();
    await organizer.getByText("Sự kiện đã được công bố.").waitFor();
    await expectNoSeriousAxeViolations(organizer);
    await organizer.screenshot({ path: screenshotPath("events-manage-overview"), fullPage: true });

    const visitor = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
    visitor.on("pageerror", (e) => pageErrors.push(e.message));
    await visitor.goto("/events/dien-dan-iot-browser");
    await visitor.getByText("MES và IoT trong nhà máy hiện đại").waitFor();
    await visitor.getByRole("link", { name: "Đăng ký tham dự" }).click();
    await visitor.waitForURL("**/events/dien-dan-iot-browser/register");
    await visitor.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await visitor.getByText("Vui lòng sửa các trường được đánh dấu bên dưới.").waitFor();
    await expectNoSeriousAxeViolations(visitor);
    await visitor.setViewportSize({ width: 360, height: 740 });
    await visitor.screenshot({ path: screenshotPath("events-register-errors-phone"), fullPage: true });
    await visitor.setViewportSize({ width: 1280, height: 800 });
    await visitor.fill('[name="name"]', "Nguyễn Thị Hương <b>");
    await visitor.fill('[name="email"]', "huong@kami.example");
    await visitor.fill('[name="organization"]', "CTCP Công nghệ Chế tạo Kami");
    await visitor.fill('[name="position"]', "Kỹ sư sản xuất");
    await visitor.getByRole("checkbox").check();
    await visitor.getByRole("button", { name: "Đăng ký", exact: true }).click();
    // The message stands next to the field and, as a link to it, in the summary that took the focus.
    await visitor.locator("#field-name-error").getByText("Không được chứa thẻ HTML").waitFor();
    await visitor.locator(".error-summary").getByRole("link", { name: "Họ và tên: Không được chứa thẻ HTML" }).waitFor();
    await visitor.fill('[name="name"]', "Nguyễn Thị Hương");
    await visitor.getByRole("checkbox").check();
    await visitor.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await visitor.waitForURL("**/tickets/**");
    await visitor.getByText("Đã xác nhận").first().waitFor();
    await visitor.getByAltText("Mã QR của vé").waitFor();
    await expectNoSeriousAxeViolations(visitor);
    await visitor.screenshot({ path: screenshotPath("events-ticket"), fullPage: true });
    const code = new URL(visitor.url()).pathname.split("/").pop()!;

    const mail = await smtp.waitFor((m) => m.to_address === "huong@kami.example");
    expect(mail.subject).toMatch(/Xác nhận đăng ký/);
    expect(mail.text).toContain(`/tickets/${code}`);
    const names = mail.attachments.map((a) => a.filename);
    expect(names).toEqual(["dien-dan-iot-browser.ics", "ticket-dien-dan-iot-browser.pdf"]);
    expect(mail.attachments[1].content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(mail.attachments[0].content.toString()).toContain("BEGIN:VEVENT");

    await organizer.goto("/manage/events/dien-dan-iot-browser/registrations");
    await organizer.getByText("huong@kami.example").waitFor();
    await expectNoSeriousAxeViolations(organizer);
    await organizer.screenshot({ path: screenshotPath("events-manage-registrations"), fullPage: true });
    await organizer.goto("/manage/events/dien-dan-iot-browser/edit");
    await expectNoSeriousAxeViolations(organizer);

    await organizer.goto("/manage/events/dien-dan-iot-browser/check-in");
    await expectNoSeriousAxeViolations(organizer);
    await organizer.fill("#checkin-code", code);
    await organizer.getByRole("button", { name: "Điểm danh" }).first().click();
    await organizer.getByText("Đã điểm danh: Nguyễn Thị Hương").waitFor();
    await organizer.getByText("Đã điểm danh 1/1").waitFor();
    await organizer.screenshot({ path: screenshotPath("events-check-in-desktop"), fullPage: true });
    await organizer.fill("#checkin-code", code);
    await organizer.getByRole("button", { name: "Điểm danh" }).first().click();
    await organizer.getByText(/Vé của Nguyễn Thị Hương đã được điểm danh lúc/).waitFor();

    await organizer.setViewportSize({ width: 360, height: 740 });
    await organizer.goto("/manage/events/dien-dan-iot-browser/check-in?q=huong");
    await organizer.getByText("Nguyễn Thị Hương").first().waitFor();
    const overflow = await organizer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await organizer.screenshot({ path: screenshotPath("events-check-in-phone"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("checks a ticket in by showing its QR code to the camera", async () => {
    const event = await createTestEvent(server.db, { created_by: null });
    const organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
    await server.db.updateTable("events").set({ created_by: organizerId }).where("id", "=", event.id).execute();
    const res = await new Client(server.baseUrl).post(`/events/${event.slug}/register`, registrationFields("camera", { name: "Đỗ Minh Quân" }));
    const code = res.headers.get("location")!.split("?")[0].split("/").pop()!;

    const video = qrVideo(code);
    const cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const context = await cameraBrowser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
      await context.grantPermissions(["camera"]);
      const page = await context.newPage();
      await page.goto("/login");
      await page.fill('input[name="email"]', DEMO.organizer);
      await page.fill('input[name="password"]', "vinhphuc-demo");
      await page.click('main button[type="submit"]');
      await page.waitForURL((url) => url.pathname !== "/login");
      await page.goto(`/manage/events/${event.slug}/check-in`);
      await page.getByRole("button", { name: "Quét mã QR bằng camera" }).click();
      await page.getByText("Đã điểm danh: Đỗ Minh Quân").waitFor({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath("events-check-in-camera-phone"), fullPage: true });
    } finally {
      await cameraBrowser.close();
      fs.rmSync(path.dirname(video), { recursive: true, force: true });
    }
    const row = await server.db.selectFrom("registrations").select("checked_in_at").where("ticket_code", "=", code).executeTakeFirstOrThrow();
    expect(row.checked_in_at).not.toBeNull();
  });
});
