import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG } from "~/demo/demo-data";
import { hasChromium, launchBrowser, screenshotPath } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasChromium)("cached public pages in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a page served from the cache runs its scripts under the hash-based policy and navigates on the client", async () => {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const blocked: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      // Twice: the second answer is the cached copy (or a 304 to the browser's own).
      await page.goto(`${server.baseUrl}/events/${FORUM_SLUG}`);
      const response = await page.reload();
      expect([200, 304]).toContain(response?.status());
      await page.waitForFunction(() => "__remixRouter" in window);
      await page.screenshot({ path: screenshotPath(`cached-forum-${width}`), fullPage: width > 400 });
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
      await page.locator('a[href="/"]:visible').first().click();
      await page.waitForURL(`${server.baseUrl}/`);
      await page.getByRole("heading", { level: 2, name: "Sự kiện sắp diễn ra" }).waitFor();
      // Hydrated pages navigate on the client: the document, and the marker on it, survive.
      expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
      expect(blocked).toEqual([]);
      await page.close();
    }
  });
});
