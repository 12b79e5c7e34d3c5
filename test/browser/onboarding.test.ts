import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";

const PASSWORD = "mot-cum-tu-de-nho";
const COMPANY = "Công ty TNHH Cơ khí Chính xác Vĩnh Phúc";

describe.skipIf(!hasChromium)("a company joins on its own and sends its first MoU once verified", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    [server, browser] = await Promise.all([startTestServer({ SMTP_URL: smtp.url }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function openPage(viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, email: string, password = "vinhphuc-demo") {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
  }

  async function expectNoSeriousAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  it("signs up, confirms, registers the company with its tax code, drafts with Kami, is verified by staff and sends for signature", async () => {
    // 1. Sign up and confirm the address from the email.
    const founder = await openPage();
    await founder.goto(`${server.baseUrl}/signup`);
    await founder.getByLabel("Họ và tên").fill("Trần Văn Khánh");
    await founder.getByLabel("Email").fill("khanh@cokhi-vp.example.vn");
    await founder.getByLabel("Mật khẩu").fill(PASSWORD);
    await founder.getByRole("button", { name: "Tạo tài khoản" }).click();
    await founder.getByRole("heading", { name: "Kiểm tra hộp thư của bạn" }).waitFor();
    const welcome = await smtp.waitFor((m) => m.to_address === "khanh@cokhi-vp.example.vn");
    await founder.goto(server.baseUrl + /https?:\/\/[^\s/]+(\/verify-email\/[A-Za-z0-9_-]+)/.exec(welcome.text ?? "")![1]);
    await founder.getByRole("button", { name: "Xác nhận email" }).click();
    await founder.getByText("Địa chỉ email đã được xác nhận. Mời bạn đăng nhập.").waitFor();
    await signIn(founder, "khanh@cokhi-vp.example.vn", PASSWORD);

    // 2. Register the company: a malformed tax code is refused next to the field, then the right one.
    await founder.goto(`${server.baseUrl}/account`);
    await founder.getByRole("link", { name: "Đăng ký tổ chức" }).click();
    await founder.getByRole("heading", { level: 1, name: "Đăng ký tổ chức" }).waitFor();
    await founder.fill('input[name="name_vi"]', COMPANY);
    await founder.fill('input[name="name_en"]', "Vinh Phuc Precision Engineering Co., Ltd.");
    await founder.fill('input[name="province"]', "Vĩnh Phúc");
    await founder.fill('input[name="sector"]', "Cơ khí chính xác");
    await founder.fill('input[name="tax_code"]', "25001234");
    await founder.fill('input[name="contact_name"]', "Trần Văn Khánh");
    await founder.fill('input[name="contact_email"]', "khanh@cokhi-vp.example.vn");
    await founder.getByRole("button", { name: "Đăng ký tổ chức" }).click();
    await founder.locator("#field-tax_code-error").getByText("Mã số phải gồm 10 hoặc 13 chữ số.").waitFor();
    await founder.screenshot({ path: "/tmp/t12-orgs-new-error.png", fullPage: true });
    await founder.fill('input[name="tax_code"]', "2500123456");
    await founder.getByRole("button", { name: "Đăng ký tổ chức" }).click();
    await founder.getByRole("heading", { level: 1, name: COMPANY }).waitFor();
    await founder.getByText("Đang chờ xác minh").waitFor();
    await expectNoSeriousAxeViolations(founder);
    await founder.screenshot({ path: "/tmp/t12-org-profile.png", fullPage: true });
    const orgId = new URL(founder.url()).pathname.split("/")[2];

    // 3. Draft an MoU with Kami; Kami's admin accepts and names its signatory.
    await founder.goto(`${server.baseUrl}/mous/new`);
    await founder.fill('input[name="title_vi"]', "Biên bản ghi nhớ về gia công chi tiết chính xác");
    await founder.fill('input[name="title_en"]', "MoU on precision parts machining");
    await founder.selectOption('select[name="parties.0.org_id"]', orgId);
    await founder.selectOption('select[name="parties.1.org_id"]', "kami");
    await founder.fill('textarea[name="clauses.0.body_vi"]', "Hai Bên hợp tác gia công chi tiết chính xác cho dây chuyền MES.");
    await founder.click('form.mou-form button[type="submit"]');
    await founder.waitForURL(/\/mous\/(?!new$)[a-z0-9]+$/);
    const mouId = new URL(founder.url()).pathname.split("/")[2];
    const kami = await openPage();
    await signIn(kami, DEMO.signerKami);
    await kami.goto(`${server.baseUrl}/mous/${mouId}/invitation`);
    await kami.getByRole("button", { name: "Chấp nhận tham gia" }).click();
    await kami.getByText("Tổ chức của bạn đã tham gia biên bản này.").waitFor();
    await kami.getByText("Tổ chức chưa được xác minh").first().waitFor();
    await kami.fill('input[name="email"]', DEMO.signerKami);
    await kami.fill('input[name="name"]', "Đỗ Thị Thu Trang");
    await kami.getByRole("button", { name: "Thêm người ký" }).click();
    await kami.getByText("Đã thêm người ký.").waitFor();

    await founder.reload();
    await founder.fill('input[name="email"]', "khanh@cokhi-vp.example.vn");
    await founder.fill('input[name="name"]', "Trần Văn Khánh");
    await founder.getByRole("button", { name: "Thêm người ký" }).click();
    await founder.getByText("Đã thêm người ký.").waitFor();

    // 4. Unverified, the company cannot send it for signature.
    await founder.getByRole("button", { name: "Gửi ký" }).click();
    await founder.getByText("Tổ chức chủ trì chưa được NIC xác minh, nên chưa thể gửi biên bản đi ký.").waitFor();

    // 5. Staff verify it from the queue, at phone width.
    const staff = await openPage({ width: 390, height: 844 });
    await signIn(staff, DEMO.staff);
    await staff.goto(`${server.baseUrl}/admin`);
    await staff.getByRole("link", { name: "Tổ chức chờ xác minh" }).click();
    const card = staff.locator("article", { has: staff.getByRole("heading", { name: COMPANY }) });
    await card.getByText("2500123456").waitFor();
    await expectNoSeriousAxeViolations(staff);
    await staff.screenshot({ path: "/tmp/t12-verification-phone.png", fullPage: true });
    expect(await staff.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await card.getByRole("button", { name: "Xác minh tổ chức" }).click();
    await staff.getByText("Đã ghi nhận quyết định.").waitFor();
    await smtp.waitFor((m) => m.to_address === "khanh@cokhi-vp.example.vn" && (m.subject ?? "").includes("đã được xác minh"));

    // 6. Verified, it sends the MoU for signature.
    await founder.reload();
    await founder.getByRole("button", { name: "Gửi ký" }).click();
    await founder.getByText("Đã gửi ký. Người ký nhận được thư mời.").waitFor();
    await founder.screenshot({ path: "/tmp/t12-mou-sent.png", fullPage: true });
  });
});
