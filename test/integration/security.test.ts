import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { latestEmail } from "../helpers/mail-links";
import { runPortalTask } from "../helpers/commands";
import { startTestServer, type TestServer } from "../helpers/server";

describe("security baseline", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  const login = (headers: Record<string, string>) =>
    fetch(`${server.baseUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: DEMO.staff, password: "vinhphuc-demo" }),
      headers,
      redirect: "manual",
    });

  describe("cross-site requests", () => {
    it("refuses a POST whose Origin is another site", async () => {
      expect((await login({ Origin: "https://evil.example" })).status).toBe(403);
    });

    it("refuses a POST with no Origin and a Referer from another site", async () => {
      expect((await login({ Referer: "https://evil.example/page" })).status).toBe(403);
    });

    it("refuses a POST that says nothing about where it comes from", async () => {
      expect((await login({})).status).toBe(403);
    });

    it("allows a POST from the portal itself, by Origin or by Referer", async () => {
      expect((await login({ Origin: server.baseUrl })).status).toBe(302);
      expect((await login({ Referer: `${server.baseUrl}/login` })).status).toBe(302);
    });
  });

  describe("headers", () => {
    it("sends a CSP with frame-ancestors and a per-response nonce, nosniff and a Referrer-Policy on every page", async () => {
      const staff = new Client(server.baseUrl);
      await staff.signIn(DEMO.staff);
      for (const page of ["/", "/login", "/signup", "/forgot-password", "/orgs/kami", "/no-such-page"]) {
        const res = await fetch(server.baseUrl + page, { redirect: "manual" });
        const csp = res.headers.get("content-security-policy") ?? "";
        expect(csp, page).toContain("frame-ancestors 'none'");
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        const html = await res.text();
        if (page === "/") {
          // The signed-out home page comes from the render cache: one copy for everyone, so its
          // inline scripts are allowed by hash, each one, and no nonce is shared between readers.
          expect(nonce, page).toBeUndefined();
          const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter(Boolean);
          expect(inline.length, page).toBeGreaterThan(0);
          for (const script of inline) expect(csp, page).toContain(`'sha256-${crypto.createHash("sha256").update(script).digest("base64")}'`);
          expect(html, page).not.toContain("nonce=");
        } else {
          expect(nonce, page).toBeTruthy();
          expect(html, page).toContain(`nonce="${nonce}"`);
        }
        expect(res.headers.get("x-content-type-options"), page).toBe("nosniff");
        expect(res.headers.get("referrer-policy"), page).toBe("strict-origin-when-cross-origin");
      }
      for (const page of ["/account", "/admin/audit"]) {
        const res = await staff.get(page);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-security-policy"), page).toContain("frame-ancestors");
        expect(res.headers.get("x-content-type-options"), page).toBe("nosniff");
      }
    });

    it("gives the session cookie HttpOnly and SameSite=Lax, and no Secure over plain http", async () => {
      const res = await login({ Origin: server.baseUrl });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("portal_session="))!;
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    });
  });

  it("sends no Strict-Transport-Security over plain http", async () => {
    for (const page of ["/", "/login", "/no-such-page"]) {
      expect((await fetch(server.baseUrl + page)).headers.get("strict-transport-security"), page).toBeNull();
    }
  });

  it("does not believe X-Forwarded-For by default: a rotated one leaves the recorded address alone", async () => {
    const ips = await failedLoginAddresses(server, "rotating@example.vn", ["203.0.113.7", "198.51.100.23"]);
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  describe("the audit chain", () => {
    it("verifies an intact chain and names the first entry altered in the database", async () => {
      const staff = new Client(server.baseUrl);
      await staff.signIn(DEMO.staff);
      await staff.post("/orgs/ntt", { intent: "verify" });
      const ok = await runPortalTask(server, ["audit:verify"]);
      expect(ok.output).toContain("Audit chain OK");
      expect(ok.code).toBe(0);

      const victim = await server.db
        .selectFrom("audit_log")
        .select(["id", "seq"])
        .where("action", "=", "org.verified")
        .executeTakeFirstOrThrow();
      await server.db.updateTable("audit_log").set({ actor_label: "someone-else@example.vn" }).where("id", "=", victim.id).execute();
      const broken = await runPortalTask(server, ["audit:verify"]);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`#${victim.seq} (id ${victim.id})`);

      const page = await (await staff.get("/admin/audit")).text();
      expect(page).toContain(`mục #${victim.seq}`);
    });
  });
});

describe("security behind a proxy (PUBLIC_URL=https://…)", () => {
  const PUBLIC_URL = "https://portal.example.vn";
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL });
  });
  afterAll(async () => server?.stop());

  // What the proxy in front of the portal forwards: the public host and scheme.
  const post = (path: string, fields: Record<string, string>, origin: string) =>
    fetch(server.baseUrl + path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { Origin: origin, "X-Forwarded-Host": "portal.example.vn", "X-Forwarded-Proto": "https" },
      redirect: "manual",
    });

  it("takes PUBLIC_URL as the portal's own origin: the request's host no longer counts", async () => {
    expect((await post("/login", { email: DEMO.staff, password: "vinhphuc-demo" }, server.baseUrl)).status).toBe(403);
    expect((await post("/login", { email: DEMO.staff, password: "vinhphuc-demo" }, PUBLIC_URL)).status).toBe(302);
  });

  it("accepts the portal's own form posts even when the proxy forwards neither host nor scheme", async () => {
    const bare = (fields: Record<string, string>) =>
      fetch(`${server.baseUrl}/login`, { method: "POST", body: new URLSearchParams(fields), headers: { Origin: PUBLIC_URL }, redirect: "manual" });
    expect((await bare({ email: DEMO.staff, password: "vinhphuc-demo" })).status).toBe(302);
    expect((await bare({ email: DEMO.staff, password: "sai-mat-khau-roi" })).status).toBe(400);
  });

  it("marks the session cookie Secure", async () => {
    const res = await post("/login", { email: DEMO.staff, password: "vinhphuc-demo" }, PUBLIC_URL);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("portal_session="))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });

  it("sends Strict-Transport-Security on every response, refusals and static files included", async () => {
    const responses = [
      await fetch(`${server.baseUrl}/`),
      await fetch(`${server.baseUrl}/no-such-page`),
      await fetch(`${server.baseUrl}/favicon.svg`),
      await post("/login", { email: DEMO.staff, password: "vinhphuc-demo" }, "https://evil.example"),
    ];
    for (const res of responses) expect(res.headers.get("strict-transport-security"), res.url).toBe("max-age=31536000; includeSubDomains");
  });

  it("builds the links in emails on PUBLIC_URL", async () => {
    await post("/forgot-password", { email: DEMO.signerKami }, PUBLIC_URL);
    const mail = await latestEmail(server.db, DEMO.signerKami, "reset_password");
    expect(mail?.text_body).toContain(`${PUBLIC_URL}/reset-password/`);
  });
});

describe("behind one trusted proxy (TRUST_PROXY=1)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
  });
  afterAll(async () => server?.stop());

  it("records the client address the proxy forwards", async () => {
    expect(await failedLoginAddresses(server, "proxied@example.vn", ["203.0.113.7", "198.51.100.23"])).toEqual(["203.0.113.7", "198.51.100.23"]);
  });
});

/** Fails a sign-in once per X-Forwarded-For value and returns the addresses the audit log recorded, in order. */
async function failedLoginAddresses(server: TestServer, email: string, forwardedFor: string[]): Promise<(string | null)[]> {
  for (const ip of forwardedFor) {
    const res = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({ email, password: "sai-mat-khau-roi" }),
      headers: { Origin: server.baseUrl, "X-Forwarded-For": ip },
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  }
  const rows = await server.db
    .selectFrom("audit_log")
    .select("ip")
    .where("action", "=", "auth.login_failed")
    .where("actor_label", "=", email)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.ip);
}
