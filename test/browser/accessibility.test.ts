import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG, WORKSHOP_SLUG } from "~/demo/demo-data";
import { hasChromium, launchBrowser } from "../helpers/browser";

const SHOTS = "/tmp/a11y15-shots";
import { createTestEvent, registrationFields } from "../helpers/events";
import { Client, DEMO } from "../helpers/http";
import { PERSONA_PASSWORD, signInPersonas } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

const LOCALES = ["vi", "en"] as const;

/** Every rule axe has, its experimental ones included; only serious and critical findings fail. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${new URL(page.url()).pathname} ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`
    );
}

describe.skipIf(!hasChromium)("accessibility of every kind of page, in both languages", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const paths = {
    ticket: "",
    event: "",
    mou: "",
    awaiting: "",
    commitment: "",
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await signInPersonas(server);
    const organizerId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.organizer).executeTakeFirstOrThrow()).id;
    const event = await createTestEvent(server.db, {
      created_by: organizerId,
      slug: "kiem-tra-tiep-can",
    });
    const visitor = new Client(server.baseUrl);
    const registered = await visitor.post(`/events/${event.slug}/register`, registrationFields("lan", { name: "Nguyễn Thị Lan" }));
    paths.ticket = registered.headers.get("location") ?? "";
    paths.event = `/manage/events/${event.slug}`;
    const mous = await server.db.selectFrom("mous").select(["id", "status"]).execute();
    paths.mou = `/mous/${mous.find((m) => m.status === "active")!.id}`;
    paths.awaiting = `/mous/${mous.find((m) => m.status === "awaiting_signatures")!.id}`;
    paths.commitment = `/commitments/${(await server.db.selectFrom("commitments").select("id").where("tracked", "=", 1).orderBy("id").executeTakeFirstOrThrow()).id}`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function pageIn(locale: (typeof LOCALES)[number], email?: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1100, height: 900 },
    });
    contexts.push(context);
    await context.addCookies([{ name: "lang", value: locale, url: server.baseUrl }]);
    const page = await context.newPage();
    if (email) {
      await page.goto("/login");
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', PERSONA_PASSWORD);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main form button[type="submit"]')]);
    }
    return page;
  }

  async function expectAllClean(page: Page, list: string[]) {
    const found: string[] = [];
    for (const path of list) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      found.push(...(await seriousViolations(page)));
    }
    expect(found).toEqual([]);
  }

  it("a failed submit moves the focus to a summary in the reader's language that links to each field", async () => {
    for (const [locale, width] of [
      ["vi", 1100],
      ["en", 390],
    ] as const) {
      const page = await pageIn(locale);
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/events/${WORKSHOP_SLUG}/register`);
      await page.fill('input[name="email"]', "khong-phai-email");
      await page.locator("main form").first().locator('button[type="submit"]').click();
      const summary = page.locator(".error-summary");
      await summary.waitFor();
      // No browser bubble stopped the submit: the server's answer, in the reader's language, is focused.
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      const email = summary.getByRole("link", { name: /^Email: / });
      expect(await email.getAttribute("href")).toBe("#field-email");
      expect(await summary.getByRole("link").count()).toBeGreaterThan(2);
      expect(await page.locator("#field-name").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#field-name").getAttribute("aria-describedby")).toContain("field-name-error");
      await page.screenshot({
        path: `${SHOTS}/failed-submit-${locale}-${width}.png`,
        fullPage: true,
      });
      await email.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-email");
      expect(await seriousViolations(page)).toEqual([]);
    }
  });

  it("without JavaScript the server's summary still comes first and takes the focus", async () => {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      javaScriptEnabled: false,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto("/login");
    await page.click('main form button[type="submit"]');
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary").getAttribute("autofocus")).not.toBeNull();
    expect(await page.locator('.error-summary a[href="#field-email"]').count()).toBe(1);
  });

  it("staff and organizer tables become cards on a 390 px phone, each cell under its heading", async () => {
    const organizer = await pageIn("vi", DEMO.organizer);
    const staff = await pageIn("en", DEMO.staff);
    const checks: [Page, string][] = [
      [organizer, "/manage/events"],
      [organizer, `${paths.event}/registrations`],
      [organizer, `${paths.event}/agenda`],
      [staff, "/dashboard"],
      [staff, "/dashboard/attention"],
      [staff, "/admin/users"],
      [staff, "/admin/orgs"],
      [staff, "/admin/outbox"],
      [staff, "/admin/jobs"],
      [staff, "/admin/audit"],
    ];
    for (const [page, path] of checks) {
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto(path);
      const widths = await page.evaluate(() => {
        for (const details of document.querySelectorAll("details")) details.open = true;
        return {
          page: document.documentElement.scrollWidth,
          frames: [...document.querySelectorAll(".table-wrap")].map((f) => f.scrollWidth - f.clientWidth),
        };
      });
      expect(widths.page, path).toBeLessThanOrEqual(390);
      expect(
        widths.frames.filter((extra) => extra > 0),
        path
      ).toEqual([]);
    }
    await organizer.goto(`${paths.event}/registrations`);
    expect(await organizer.locator('.table-cards td[data-label="Họ và tên"]').count()).toBeGreaterThan(0);
    await organizer.screenshot({
      path: `${SHOTS}/registrations-cards-390.png`,
      fullPage: true,
    });
    await staff.goto("/admin/audit");
    await staff.screenshot({
      path: `${SHOTS}/audit-cards-390.png`,
      fullPage: true,
    });
  });

  for (const locale of LOCALES) {
    it(`public pages pass axe in ${locale}`, async () => {
      const page = await pageIn(locale);
      await expectAllClean(page, ["/", "/events", `/events/${FORUM_SLUG}`, `/events/${WORKSHOP_SLUG}/register`, paths.ticket, "/verify", "/login", "/signup"]);
    });

    it(`organizer pages pass axe in ${locale}`, async () => {
      const page = await pageIn(locale, DEMO.organizer);
      const e = paths.event;
      await expectAllClean(page, [
        "/manage/events",
        "/manage/events/new",
        e,
        `${e}/registrations`,
        `${e}/registrations/new`,
        `${e}/check-in`,
        `${e}/agenda`,
        `${e}/speakers`,
        `${e}/edit`,
      ]);
    });

    it(`company pages pass axe in ${locale}`, async () => {
      const page = await pageIn(locale, DEMO.signerKami);
      await expectAllClean(page, [
        "/mous",
        paths.mou,
        `${paths.mou}/compare?a=1&b=1`,
        `${paths.awaiting}/sign`,
        "/commitments",
        paths.commitment,
        "/orgs/kami",
        "/orgs/kami/scorecard",
        "/orgs/kami/members",
        "/account",
      ]);
    });

    it(`staff pages pass axe in ${locale}`, async () => {
      const page = await pageIn(locale, DEMO.staff);
      await expectAllClean(page, [
        "/dashboard",
        "/dashboard/attention",
        "/admin",
        "/admin/users",
        "/admin/orgs",
        "/admin/outbox",
        "/admin/jobs",
        "/admin/audit",
        "/admin/verification",
      ]);
    });
  }
});
