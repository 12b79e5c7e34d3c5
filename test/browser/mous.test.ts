import AxeBuilder from "@axe-core/playwright";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { DEMO } from "../helpers/http";
import { PERSONA_EMAILS, PERSONA_PASSWORD, signInPersonas } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";

const hasPoppler = spawnSync("pdftoppm", ["-v"]).error === undefined;

describe.skipIf(!hasChromium)("an MoU from first draft to a verified, signed PDF", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    await signInPersonas(server); // adds the Kami member
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function signedIn(email: string, password = PERSONA_PASSWORD): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
    return page;
  }

  async function expectNoSeriousAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  async function signWithEmailedCode(page: Page, email: string, mouId: string, method: "drawn" | "typed") {
    await page.goto(`${server.baseUrl}/mous/${mouId}/sign`);
    await page.waitForLoadState("networkidle");
    const before = smtp.to(email).length;
    await page.getByRole("button", { name: "Gửi mã cho tôi" }).click();
    await page.getByText(`Mã đã được gửi đến ${email}`).waitFor();
    const mail = await smtp.waitFor((m) => m.to_address === email && /Mã xác nhận ký/.test(m.subject ?? "") && smtp.to(email).indexOf(m) >= before);
    const code = /(\d{6})/.exec(mail.subject ?? "")![1];
    await page.fill('input[name="code"]', code);
    if (method === "drawn") {
      await page.getByLabel("Vẽ chữ ký").check();
      const canvas = page.locator(".signature-pad canvas");
      await canvas.waitFor();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
      await page.mouse.down();
      for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 30 + i * 16, box.y + box.height * (0.5 + 0.25 * Math.sin(i / 2.5)), { steps: 2 });
      await page.mouse.up();
      await page.getByText("Đã có chữ ký.").waitFor();
    } else {
      await page.fill('input[name="typed_signature"]', "Nguyễn Hoàng Nam");
    }
    await page.locator('input[name="consent"]').check();
    await page.screenshot({ path: screenshotPath(`mous-sign-${method}`), fullPage: true });
    await page.getByRole("button", { name: "Ký", exact: true }).click();
  }

  it("is drafted, reviewed into version 2, signed by both parties and verified", async () => {
    // A Kami member drafts with Dassault Systèmes.
    const drafter = await signedIn(PERSONA_EMAILS.member);
    await drafter.goto(`${server.baseUrl}/mous/new`);
    await expectNoSeriousAxeViolations(drafter);
    await drafter.fill('input[name="title_vi"]', "Biên bản ghi nhớ hợp tác đào tạo kỹ sư số tại Vĩnh Phúc");
    await drafter.fill('input[name="title_en"]', "MoU on training digital engineers in Vĩnh Phúc");
    await drafter.selectOption('select[name="parties.1.org_id"]', "dassault-systemes");
    await drafter.fill('input[name="clauses.0.heading_vi"]', "Mục đích");
    await drafter.fill('textarea[name="clauses.0.body_vi"]', "Hai Bên hợp tác đào tạo kỹ sư về DELMIA và ENOVIA cho doanh nghiệp Vĩnh Phúc.");
    await drafter.fill('textarea[name="clauses.0.body_en"]', "The Parties cooperate to train engineers in DELMIA and ENOVIA for Vĩnh Phúc companies.");
    await drafter.selectOption('select[name="commitments.0.org_id"]', "dassault-systemes");
    await drafter.fill('input[name="commitments.0.title_vi"]', "Đào tạo kỹ sư DELMIA");
    await drafter.fill('input[name="commitments.0.kpi_target"]', "50");
    await drafter.fill('input[name="commitments.0.kpi_unit_vi"]', "kỹ sư");
    await drafter.fill('input[name="commitments.0.due_on"]', "2030-06-30");
    // A milestone planned with the text; with JavaScript another row comes and goes in place.
    const firstCommitment = drafter.locator("fieldset.mou-commitment").first();
    await drafter.fill('input[name="commitments.0.milestones.0.title_vi"]', "Khóa DELMIA đầu tiên");
    await drafter.fill('input[name="commitments.0.milestones.0.due_on"]', "2029-12-31");
    await drafter.fill('input[name="commitments.0.milestones.0.weight"]', "2");
    await firstCommitment.getByRole("button", { name: "Thêm mốc" }).click();
    await drafter.locator('input[name="commitments.0.milestones.1.title_vi"]').waitFor();
    await firstCommitment.getByRole("button", { name: "Bỏ mốc" }).nth(1).click();
    expect(await drafter.locator('input[name="commitments.0.milestones.1.title_vi"]').count()).toBe(0);
    await drafter.screenshot({ path: screenshotPath("mous-new"), fullPage: true });
    await drafter.click('form.mou-form button[type="submit"]');
    await drafter.waitForURL(/\/mous\/(?!new$)[a-z0-9]+$/).catch(async (error) => {
      await drafter.screenshot({ path: screenshotPath("mous-new-failed"), fullPage: true });
      throw error;
    });
    const mouId = new URL(drafter.url()).pathname.split("/")[2];
    const reference = (await server.db.selectFrom("mous").select("reference").where("id", "=", mouId).executeTakeFirstOrThrow()).reference;

    // Dassault Systèmes' admin is asked by email, and accepts: only then can the draft be shared.
    const invitation = await smtp.waitFor((m) => m.to_address === DEMO.signer3ds && (m.subject ?? "").startsWith(`[${reference}] Mời tham gia`));
    const partner = await signedIn(DEMO.signer3ds);
    await partner.goto(`${server.baseUrl}${new URL(/https?:\/\/\S+\/invitation/.exec(invitation.text ?? "")![0]).pathname}`);
    await expectNoSeriousAxeViolations(partner);
    await partner.getByRole("button", { name: "Chấp nhận tham gia" }).click();
    await partner.getByText("Tổ chức của bạn đã tham gia biên bản này.").waitFor();

    await drafter.getByRole("button", { name: "Chia sẻ để các bên góp ý" }).click();
    await drafter.getByText("Đã chia sẻ bản nháp (phiên bản 1).").waitFor();
    await drafter.fill('input[name="email"]', DEMO.signerKami);
    await drafter.fill('input[name="name"]', "Đỗ Thị Thu Trang");
    await drafter.getByRole("button", { name: "Thêm người ký" }).click();
    await drafter.getByText("Đã thêm người ký.").waitFor();
    await drafter.screenshot({ path: screenshotPath("mous-shared"), fullPage: true });

    // Dassault Systèmes reviews: a change request, its signatory, and the change, which makes version 2.
    await partner.goto(`${server.baseUrl}/mous/${mouId}`);
    await partner.fill("#comment-body", "Đề nghị nâng chỉ tiêu lên 60 kỹ sư.");
    await partner.getByLabel("Đề nghị sửa đổi", { exact: true }).check();
    await partner.getByRole("button", { name: "Gửi", exact: true }).click();
    await partner.getByText("Đã gửi góp ý.").waitFor();
    await partner.fill('input[name="email"]', DEMO.signer3ds);
    await partner.fill('input[name="name"]', "Nguyễn Hoàng Nam");
    await partner.fill('input[name="title"]', "Giám đốc quốc gia, Việt Nam");
    await partner.getByRole("button", { name: "Thêm người ký" }).click();
    await partner.getByText("Đã thêm người ký.").waitFor();
    await partner.goto(`${server.baseUrl}/mous/${mouId}/edit`);
    await partner.fill('input[name="commitments.0.kpi_target"]', "60");
    await partner.click('form.mou-form button[type="submit"]');
    await partner.getByText("Đã lưu thành phiên bản 2.").waitFor();

    // The drafter compares the two versions, then sends version 2 for signature.
    await drafter.goto(`${server.baseUrl}/mous/${mouId}/compare?a=1&b=2`);
    await drafter.getByRole("heading", { name: `${reference}: so sánh phiên bản 1 và 2` }).waitFor();
    expect(await drafter.locator("tr.changed").count()).toBe(1);
    await drafter.screenshot({ path: screenshotPath("mous-compare"), fullPage: true });
    await drafter.goto(`${server.baseUrl}/mous/${mouId}`);
    await drafter.getByRole("button", { name: "Gửi ký" }).click();
    await drafter.getByText("Đã gửi ký. Người ký nhận được thư mời.").waitFor();
    await smtp.waitFor((m) => m.to_address === DEMO.signer3ds && (m.subject ?? "").startsWith(`[${reference}] Mời ký`));

    // Kami's signer draws with the mouse; Dassault Systèmes' signer types.
    const kamiSigner = await signedIn(DEMO.signerKami);
    await signWithEmailedCode(kamiSigner, DEMO.signerKami, mouId, "drawn");
    await kamiSigner.getByText("Bạn đã ký. Cảm ơn!").waitFor();
    await signWithEmailedCode(partner, DEMO.signer3ds, mouId, "typed");
    await partner.getByText("Tất cả các bên đã ký").waitFor();
    await partner.screenshot({ path: screenshotPath("mous-completed"), fullPage: true });

    // The completed mail carries the sealed PDF.
    const completed = await smtp.waitFor((m) => m.to_address === DEMO.signerKami && (m.subject ?? "").startsWith(`[${reference}] Đã ký xong`), 30_000);
    const attachment = completed.attachments.find((a) => a.contentType === "application/pdf");
    expect(attachment?.filename).toBe(`${reference}-v2.pdf`);
    const pdf = attachment!.content;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Sealed, the milestone planned with the text is the commitment's plan.
    const commitmentId = (await server.db.selectFrom("commitments").select("id").where("mou_id", "=", mouId).executeTakeFirstOrThrow()).id;
    await partner.goto(`${server.baseUrl}/commitments/${commitmentId}`);
    await partner.locator("#milestones-heading").waitFor();
    expect(await partner.textContent("main")).toContain("Khóa DELMIA đầu tiên");
    await partner.screenshot({ path: screenshotPath("mous-commitment-planned"), fullPage: true });
    if (hasPoppler) {
      const file = screenshotPath("mous-agreement").replace(/\.png$/, ".pdf");
      fs.writeFileSync(file, pdf);
      execFileSync("pdftoppm", ["-r", "60", "-png", file, file.replace(/\.pdf$/, "")]);
      expect(fs.readdirSync(path.dirname(file)).some((f) => f.startsWith("mous-agreement-") && f.endsWith(".png"))).toBe(true);
    }

    // Anyone can check the file on /verify; a copy changed by one byte is refused.
    const visitor = await browser.newPage();
    await visitor.goto(`${server.baseUrl}/verify`);
    await visitor.setInputFiles('input[name="file"]', { name: `${reference}.pdf`, mimeType: "application/pdf", buffer: pdf });
    await visitor.getByRole("button", { name: "Kiểm tra" }).click();
    await visitor.getByRole("heading", { name: "Văn bản do Cổng phát hành" }).waitFor();
    expect(await visitor.textContent("main")).toContain("Nguyễn Hoàng Nam");
    await visitor.screenshot({ path: screenshotPath("mous-verify-ok"), fullPage: true });
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 3)] ^= 0x20;
    await visitor.setInputFiles('input[name="file"]', { name: "tampered.pdf", mimeType: "application/pdf", buffer: tampered });
    await visitor.getByRole("button", { name: "Kiểm tra" }).click();
    await visitor.getByRole("heading", { name: "Không phải văn bản do Cổng phát hành" }).waitFor();
    await visitor.screenshot({ path: screenshotPath("mous-verify-tampered"), fullPage: true });
    await visitor.close();
    // The whole life of an MoU in one walk (drafting with milestones, two versions, two signings, a
    // seal, three verifications): about 30 s on an idle machine, twice that beside the rest of the suite.
  }, 150_000);

  it("shows a signing page that works on a phone and passes axe", async () => {
    const awaiting = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', DEMO.signerKami);
    await page.fill('input[name="password"]', PERSONA_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
    await page.goto(`${server.baseUrl}/mous/${awaiting.id}/sign`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Vẽ chữ ký").check();
    await page.locator(".signature-pad canvas").waitFor();
    // Nothing wider than the phone: long hashes and the consent statement wrap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: screenshotPath("mous-sign-phone"), fullPage: true });
  });
});
