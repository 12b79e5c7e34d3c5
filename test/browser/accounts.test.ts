import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer, type CapturedMail } from "../helpers/smtp";

const PASSWORD = "mot-cum-tu-de-nho";

/** The portal link in a delivered email, made relative so it opens on the test server. */
function linkIn(mail: CapturedMail, prefix: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${prefix}[A-Za-z0-9_-]+)`).exec(mail.text ?? "");
  if (!match) throw new Error(`no ${prefix} link in "${mail.subject}"`);
  return match[1];
}

describe.skipIf(!hasChromium)("accounts in a real browser, with mail through a real SMTP server", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    [server, browser] = await Promise.all([startTestServer({ SMTP_URL: smtp.url }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  // Errors thrown in the browser (a server-only value used by a component, a hydration failure) fail the test.
  const pageErrors: string[] = [];
  async function openPage(viewport = { width: 1280, height: 900 }) {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")})`
      );
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).last().click();
  }

  it("signs up, confirms the address from the email, signs in, invites a colleague who joins, and signs out", async () => {
    // 1. A new user signs up, choosing English for their emails.
    const newcomer = await openPage();
    await newcomer.goto(`${server.baseUrl}/signup`);
    await newcomer.getByLabel("Họ và tên").fill("Nguyễn Thu Hà");
    await newcomer.getByLabel("Email").fill("thu.ha@example.vn");
    await newcomer.getByLabel("Mật khẩu").fill("ngan");
    await newcomer.getByLabel("Ngôn ngữ ưu tiên").selectOption("en");
    await newcomer.getByRole("button", { name: "Tạo tài khoản" }).click();
    // Too short: the message sits next to the field, the other values stay.
    await newcomer.locator("#field-password-error").waitFor();
    expect(await newcomer.getByLabel("Họ và tên").inputValue()).toBe("Nguyễn Thu Hà");
    expect(await seriousViolations(newcomer)).toEqual([]);
    await newcomer.screenshot({ path: screenshotPath("accounts-signup-error"), fullPage: true });
    await newcomer.getByLabel("Mật khẩu").fill(PASSWORD);
    await newcomer.getByRole("button", { name: "Tạo tài khoản" }).click();
    await newcomer.getByRole("heading", { name: "Kiểm tra hộp thư của bạn" }).waitFor();

    // 2. The confirmation arrives by SMTP, in English, and its link confirms the address.
    const welcome = await smtp.waitFor((m) => m.to_address === "thu.ha@example.vn");
    expect(welcome.subject).toBe("Confirm your email address");
    await newcomer.goto(server.baseUrl + linkIn(welcome, "/verify-email/"));
    await newcomer.getByRole("button", { name: "Xác nhận email" }).click();
    await newcomer.getByText("Địa chỉ email đã được xác nhận. Mời bạn đăng nhập.").waitFor();

    // 3. Signing in works now, and the account page lists the profile.
    await newcomer.getByLabel("Email").fill("thu.ha@example.vn");
    await newcomer.getByLabel("Mật khẩu").fill(PASSWORD);
    await newcomer.getByRole("button", { name: "Đăng nhập" }).last().click();
    await newcomer.waitForURL("**/mous");
    await newcomer.goto(`${server.baseUrl}/account`);
    await newcomer.getByRole("heading", { name: "Tài khoản của tôi" }).waitFor();
    expect(await newcomer.getByLabel("Họ và tên").inputValue()).toBe("Nguyễn Thu Hà");
    expect(await seriousViolations(newcomer)).toEqual([]);
    await newcomer.screenshot({ path: screenshotPath("accounts-account"), fullPage: true });

    // 4. Kami's admin invites a colleague into the organization.
    const admin = await openPage();
    await signIn(admin, DEMO.signerKami, "vinhphuc-demo");
    await admin.waitForURL("**/mous");
    await admin.goto(`${server.baseUrl}/orgs/kami`);
    await admin.getByRole("link", { name: "Thành viên" }).click();
    await admin.getByRole("heading", { name: "Mời thành viên" }).waitFor();
    await admin.locator("#invite-email").fill("dong.nghiep@example.vn");
    await admin.getByRole("button", { name: "Gửi lời mời" }).click();
    await admin.getByText("Đã gửi lời mời đến dong.nghiep@example.vn.").waitFor();
    await admin.getByRole("cell", { name: "dong.nghiep@example.vn", exact: true }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.screenshot({ path: screenshotPath("accounts-members"), fullPage: true });

    // 5. The colleague opens the invitation, signs up through it and accepts.
    const invitation = await smtp.waitFor((m) => m.to_address === "dong.nghiep@example.vn");
    expect(invitation.subject).toBe("Lời mời tham gia CTCP Công nghệ Chế tạo Kami");
    const colleague = await openPage({ width: 360, height: 760 });
    await colleague.goto(server.baseUrl + linkIn(invitation, "/invitations/"));
    await colleague.getByRole("heading", { name: "Lời mời tham gia CTCP Công nghệ Chế tạo Kami" }).waitFor();
    await colleague.screenshot({ path: screenshotPath("accounts-invitation-phone"), fullPage: true });
    await colleague.getByRole("link", { name: "Tạo tài khoản mới" }).click();
    expect(await colleague.getByLabel("Email").inputValue()).toBe("dong.nghiep@example.vn");
    await colleague.getByLabel("Họ và tên").fill("Phan Văn Đức");
    await colleague.getByLabel("Mật khẩu").fill(PASSWORD);
    await colleague.getByRole("button", { name: "Tạo tài khoản" }).click();
    await colleague.getByRole("button", { name: "Chấp nhận lời mời" }).click();
    await colleague.waitForURL("**/orgs/kami");
    await colleague.getByRole("heading", { level: 1, name: "CTCP Công nghệ Chế tạo Kami" }).waitFor();
    const overflow = await colleague.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await colleague.screenshot({ path: screenshotPath("accounts-org-phone"), fullPage: true });

    await admin.reload();
    await admin.getByRole("cell", { name: "Phan Văn Đức", exact: true }).waitFor();

    // 6. Signing out ends the session: the account page asks to sign in again.
    await colleague.goto(`${server.baseUrl}/account`);
    await colleague.getByText("CTCP Công nghệ Chế tạo Kami").first().waitFor();
    await colleague
      .getByText("Menu")
      .click()
      .catch(() => undefined);
    await colleague.getByRole("button", { name: "Đăng xuất" }).click();
    await colleague.waitForURL(`${server.baseUrl}/`);
    await colleague.goto(`${server.baseUrl}/account`);
    await colleague.waitForURL("**/login?redirectTo=%2Faccount");
    expect(pageErrors).toEqual([]);
  });

  it("shows staff the outbox and the audit log with an intact chain", async () => {
    const staff = await openPage();
    await signIn(staff, DEMO.staff, "vinhphuc-demo");
    await staff.waitForURL("**/dashboard");
    await staff.goto(`${server.baseUrl}/admin/outbox`);
    await staff.screenshot({ path: screenshotPath("accounts-outbox"), fullPage: true });
    await staff.getByRole("link", { name: "Lời mời tham gia CTCP Công nghệ Chế tạo Kami" }).click();
    await staff.getByRole("heading", { name: "Nội dung (văn bản)" }).waitFor();
    await staff.goto(`${server.baseUrl}/admin/audit`);
    await staff.getByText(/Chuỗi nhật ký toàn vẹn/).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: screenshotPath("accounts-audit"), fullPage: true });
    await staff.goto(`${server.baseUrl}/admin/users`);
    await staff.getByText("thu.ha@example.vn").waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: screenshotPath("accounts-admin-users"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
