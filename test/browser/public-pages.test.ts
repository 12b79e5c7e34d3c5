import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG, WORKSHOP_SLUG } from "~/demo/demo-data";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasChromium)("public pages in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  }

  it("opens the home page in Vietnamese, switches to English, opens the forum and sees the speakers", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.baseUrl);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    await page.getByRole("heading", { level: 2, name: "Sự kiện sắp diễn ra" }).waitFor();
    await page.screenshot({ path: screenshotPath("home-vi"), fullPage: true });

    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 2, name: "Upcoming events" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.getByRole("link", { name: "Events", exact: true }).first().click();
    await page.getByRole("link", { name: "Building the local digital economy on high-tech supply chains" }).first().click();
    await page.waitForURL(`**/events/${FORUM_SLUG}`);
    const speakers = page.locator(".speaker-name");
    await speakers.first().waitFor();
    expect(await speakers.allTextContents()).toEqual(["Trần Duy Đông", "Vũ Quốc Huy", "Ding Ming Chee", "Watanabe Akira"]);
    await page.getByRole("heading", { name: "Agenda" }).waitFor();
    await page.screenshot({ path: screenshotPath("forum-en"), fullPage: true });

    // The choice is remembered on the next visit.
    await page.goto(server.baseUrl);
    await page.getByRole("heading", { level: 2, name: "Upcoming events" }).waitFor();
    await page.close();
  });

  it("works on a phone-sized screen with the menu", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 760 } });
    await page.goto(`${server.baseUrl}/events/${FORUM_SLUG}`);
    await page.getByText("Menu").click();
    await page.locator(".nav-toggle").getByRole("link", { name: "Sự kiện" }).waitFor();
    await page.screenshot({ path: screenshotPath("forum-phone"), fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.close();
  });

  it("keeps the header on one line for staff, who see the most links, on laptop and desktop screens", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Email").fill("staff@nic.demo.example");
    await page.getByLabel("Mật khẩu").fill("vinhphuc-demo");
    await page.getByRole("button", { name: "Đăng nhập" }).last().click();
    await page.waitForURL("**/dashboard");
    for (const width of [1920, 1366, 1280, 1120]) {
      await page.setViewportSize({ width, height: 800 });
      const { header, link } = await page.evaluate(() => ({
        header: document.querySelector(".site-header")!.getBoundingClientRect().height,
        link: document.querySelector(".nav-desktop a")!.getBoundingClientRect().height,
      }));
      expect(header, `header height at ${width}px`).toBeLessThan(link + 36);
    }
    await context.close();
  });

  it("can be used by keyboard: skip link, then the main navigation", async () => {
    const page = await browser.newPage();
    await page.goto(server.baseUrl);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Bỏ qua, đến nội dung chính");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  for (const locale of ["vi", "en"] as const) {
    it(`has no serious or critical accessibility violations on the public pages (${locale})`, async () => {
      const context = await browser.newContext();
      await context.addCookies([{ name: "lang", value: locale, url: server.baseUrl }]);
      const page = await context.newPage();
      const problems: string[] = [];
      const pages = ["/", "/events", `/events/${FORUM_SLUG}`, `/events/${WORKSHOP_SLUG}/register`, "/verify", "/login", "/signup", "/forgot-password", "/khong-ton-tai"];
      for (const path of pages) {
        await page.goto(server.baseUrl + path);
        problems.push(...(await seriousViolations(page)).map((p) => `${path}: ${p}`));
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
