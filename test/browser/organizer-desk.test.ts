import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";

async function expectNoSeriousAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).options({ rules: {} }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/login");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "vinhphuc-demo");
  await page.click('main button[type="submit"]');
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

/** Whether the page itself scrolls sideways (a table scrolling inside its own frame does not count). */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!hasChromium)("the organizer's desk in the browser", () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let organizerId: string;
  let event: { id: string; slug: string };
  let approvals: { id: string; slug: string };
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
    organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
    event = await createTestEvent(server.db, { created_by: organizerId, slug: "ban-don-tiep" });
    approvals = await createTestEvent(server.db, { created_by: organizerId, slug: "can-duyet", requires_approval: 1 });
    const visitor = new Client(server.baseUrl);
    await visitor.post(`/events/${event.slug}/register`, registrationFields("quan", { name: "Phạm Minh Quân", phone: "0912 345 678" }));
    await visitor.post(`/events/${event.slug}/register`, registrationFields("hoa", { name: "Phạm Thị Hoa" }));
    await visitor.post(`/events/${event.slug}/register`, registrationFields("tung", { name: "Đỗ Văn Tùng" }));
    for (const n of ["a1", "a2", "a3"]) await visitor.post(`/events/${approvals.slug}/register`, registrationFields(n));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it("checks in by words in any order, adds a walk-in, approves in bulk, cancels with a mail, and clones", async () => {
    const page = await signIn(browser, server.baseUrl, DEMO.organizer);
    const base = `/manage/events/${event.slug}`;

    await page.goto(`${base}/check-in`);
    await page.fill("#checkin-q", "quân phạm");
    await page.getByRole("button", { name: "Tìm kiếm" }).click();
    await page.getByText("Phạm Minh Quân").waitFor();
    expect(await page.getByText("Phạm Thị Hoa").count()).toBe(0);
    await page.locator(".checkin-match").getByRole("button", { name: "Điểm danh" }).click();
    await page.getByText("Đã điểm danh: Phạm Minh Quân").waitFor();
    await page.getByText("Đã điểm danh 1/3").waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: "/tmp/desk-check-in.png", fullPage: true });

    await page.goto(`${base}/registrations`);
    await page.getByRole("link", { name: "Thêm người đăng ký" }).click();
    await page.waitForURL(`**${base}/registrations/new`);
    await page.fill('[name="name"]', "Ding Ming Chee");
    await page.fill('[name="email"]', "ding@3ds.example");
    await page.fill('[name="organization"]', "Dassault Systèmes");
    await page.fill('[name="position"]', "Business development");
    await page.selectOption('[name="attendee_locale"]', "en");
    await page.getByLabel(/Người tham dự đã được đọc và đồng ý/).check();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Thêm", exact: true }).click();
    await page.waitForURL(`**${base}/registrations`);
    await page.getByText("Đã thêm Ding Ming Chee (Đã xác nhận).").waitFor();
    await smtp.waitFor((m) => m.to_address === "ding@3ds.example" && /^Registration confirmed/.test(m.subject ?? ""));

    await page.locator("tr", { hasText: "Phạm Thị Hoa" }).getByText("Hủy đăng ký", { exact: true }).click();
    await page.locator("tr", { hasText: "Phạm Thị Hoa" }).getByLabel("Lý do (gửi cho người đăng ký)").fill("Trùng với đoàn của Kami");
    await page.locator("tr", { hasText: "Phạm Thị Hoa" }).getByRole("button", { name: "Xác nhận hủy đăng ký" }).click();
    await page.getByText("Đã hủy đăng ký; người đăng ký sẽ nhận email thông báo.").waitFor();
    const told = await smtp.waitFor((m) => m.to_address === "attendeehoa@example.vn" && /^Đăng ký bị hủy/.test(m.subject ?? ""));
    expect(told.text).toContain("Lý do từ ban tổ chức: Trùng với đoàn của Kami");
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: "/tmp/desk-registrations.png", fullPage: true });

    await page.goto(`/manage/events/${approvals.slug}/registrations`);
    await page.getByLabel("Chọn Nguyễn Thị Hằng a1").check();
    await page.getByLabel("Chọn Nguyễn Thị Hằng a3").check();
    await page.selectOption("#bulk-intent", "approve");
    await page.getByRole("button", { name: "Áp dụng cho những người đã chọn" }).click();
    await page.getByText("Đã xử lý 2 đăng ký; bỏ qua 0 đăng ký không phù hợp.").waitFor();
    const statuses = await server.db.selectFrom("registrations").select(["email", "status"]).where("event_id", "=", approvals.id).orderBy("email").execute();
    expect(statuses.map((r) => r.status)).toEqual(["confirmed", "pending", "confirmed"]);

    await page.goto(`${base}/clone`);
    await page.fill('[name="slug"]', "ban-don-tiep-2032");
    await page.fill('[name="starts_at"]', "2032-03-10T08:30");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Tạo bản sao" }).click();
    await page.waitForURL("**/manage/events/ban-don-tiep-2032");
    await page.getByText("Đã tạo bản sao dạng nháp; hãy xem lại rồi công bố.").waitFor();
  });

  it("fits every staff and organizer table on a 390 px screen without sideways scrolling of the page", async () => {
    const organizer = await signIn(browser, server.baseUrl, DEMO.organizer);
    const staff = await signIn(browser, server.baseUrl, DEMO.staff);
    const pages: [Page, string][] = [
      [organizer, "/manage/events"],
      [organizer, `/manage/events/${event.slug}/registrations`],
      [organizer, `/manage/events/${event.slug}/check-in`],
      [organizer, `/manage/events/${event.slug}/agenda`],
      [organizer, `/manage/events/${event.slug}/speakers`],
      [staff, "/dashboard"],
      [staff, "/admin"],
      [staff, "/admin/users"],
      [staff, "/admin/orgs"],
      [staff, "/admin/audit"],
      [staff, "/admin/outbox"],
      [staff, "/admin/jobs"],
      [staff, "/mous"],
      [staff, "/commitments"],
    ];
    const overflowing: string[] = [];
    for (const [page, path] of pages) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path);
      if (await pageOverflows(page)) overflowing.push(path);
    }
    await organizer.goto(`/manage/events/${event.slug}/registrations`);
    await organizer.screenshot({ path: "/tmp/desk-registrations-390.png", fullPage: true });
    expect(overflowing).toEqual([]);
  });
});
