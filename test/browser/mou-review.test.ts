import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { Client, DEMO } from "../helpers/http";
import { PERSONA_EMAILS, PERSONA_PASSWORD, signInPersonas } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasChromium)("the reviewer's table in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let mouId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await signInPersonas(server);
    browser = await launchBrowser();
    // A shared draft between Kami (lead) and Dassault Systèmes, with one edit that carries a note.
    const kami = new Client(server.baseUrl);
    await kami.signIn(DEMO.signerKami);
    const ds = new Client(server.baseUrl);
    await ds.signIn(DEMO.signer3ds);
    const draft = {
      title_vi: "Biên bản ghi nhớ về đào tạo MES",
      title_en: "Memorandum on MES training",
      purpose_vi: "Đào tạo kỹ sư vận hành MES tại Vĩnh Phúc.",
      purpose_en: "Train MES engineers in Vĩnh Phúc.",
      effective_on: "2027-03-01",
      visibility: "private",
      lead: "0",
      "parties.0.org_id": "kami",
      "parties.1.org_id": "dassault-systemes",
      "clauses.0.body_vi": "Hai bên hợp tác đào tạo 40 kỹ sư.",
      "commitments.0.org_id": "dassault-systemes",
      "commitments.0.title_vi": "Đào tạo kỹ sư MES",
      "commitments.0.due_on": "2030-01-01",
    };
    const created = await kami.post("/mous/new", draft);
    mouId = /\/mous\/([^/?#]+)/.exec(created.headers.get("location") ?? "")![1];
    await ds.post(`/mous/${mouId}/invitation`, { intent: "accept", org_id: "dassault-systemes" });
    await kami.post(`/mous/${mouId}`, { intent: "share" });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, width: number, locale: "vi" | "en" = "vi"): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    if (locale === "en") await context.addCookies([{ name: "lang", value: "en", url: server.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PERSONA_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('form.form button[type="submit"]')]);
    return page;
  }

  const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  async function expectNoSeriousAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  it("an edit with a note, a thread answered on a phone and resolved by the lead", async () => {
    const editor = await signedIn(PERSONA_EMAILS.member, 1280);
    await editor.goto(`${server.baseUrl}/mous/${mouId}/edit`);
    await editor.fill("#field-clauses-0-body_vi", "Hai bên hợp tác đào tạo 60 kỹ sư.");
    await editor.getByLabel("Ghi chú về thay đổi này").fill("Nâng chỉ tiêu lên 60 kỹ sư.");
    await Promise.all([editor.waitForURL(`${server.baseUrl}/mous/${mouId}`), editor.getByRole("button", { name: "Lưu" }).click()]);
    await editor.getByText("Nâng chỉ tiêu lên 60 kỹ sư.").first().waitFor();
    await editor.fill("#comment-body", "Đề nghị ghi rõ địa điểm đào tạo.");
    await editor.getByRole("radio", { name: "Đề nghị sửa đổi" }).check();
    await Promise.all([editor.waitForLoadState("networkidle"), editor.getByRole("button", { name: "Gửi", exact: true }).click()]);
    await editor.getByText("1/1 chủ đề đang mở").waitFor();

    const phone = await signedIn(DEMO.signer3ds, 390);
    await phone.goto(`${server.baseUrl}/mous/${mouId}`);
    await phone.getByText("Trả lời", { exact: true }).click();
    await phone.getByLabel(/Trả lời Vũ Văn Bình/).fill("Tại Khu công nghiệp Bá Thiện.");
    await phone.getByRole("button", { name: "Gửi trả lời" }).click();
    await phone.getByText("Tại Khu công nghiệp Bá Thiện.").waitFor();
    expect(await overflows(phone)).toBe(false);
    await phone.locator("#comments-heading").scrollIntoViewIfNeeded();
    await phone.screenshot({ path: screenshotPath("mou-thread-390"), fullPage: true });

    const lead = await signedIn(DEMO.signerKami, 1280);
    await lead.goto(`${server.baseUrl}/mous/${mouId}`);
    await lead.getByRole("button", { name: "Đánh dấu đã giải quyết" }).click();
    await lead.getByText("Mọi chủ đề đã được giải quyết").waitFor();
    await expect(lead.locator("details.mou-thread.resolved").getAttribute("open")).resolves.toBeNull();
    await expectNoSeriousAxeViolations(lead);
    await lead.screenshot({ path: screenshotPath("mou-thread-resolved-1280"), fullPage: true });

    const reader = await signedIn(DEMO.signer3ds, 1280, "en");
    await reader.goto(`${server.baseUrl}/mous/${mouId}/compare?a=1&b=2`);
    await reader.getByText("1 January 2030").first().waitFor();
    await reader.getByText("Nâng chỉ tiêu lên 60 kỹ sư.").waitFor();
    await reader.screenshot({ path: screenshotPath("mou-compare-en-1280"), fullPage: true });
  });

  it("the signing page shows what is signed, readable on a phone in both languages", async () => {
    const awaiting = await server.db.selectFrom("mous").select("id").where("status", "=", "awaiting_signatures").executeTakeFirstOrThrow();
    for (const locale of ["vi", "en"] as const) {
      const page = await signedIn(DEMO.signerKami, 390, locale);
      await page.goto(`${server.baseUrl}/mous/${awaiting.id}/sign`);
      await page.getByText(locale === "vi" ? "Bên thực hiện" : "Owed by").first().waitFor();
      expect(await overflows(page)).toBe(false);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: screenshotPath(`mou-sign-${locale}-390`), fullPage: true });
    }
  });
});
