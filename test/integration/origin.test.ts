import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "~/config.server";
import { Client, DEMO } from "../helpers/http";
import { latestEmail } from "../helpers/mail-links";
import { startTestServer, type TestServer } from "../helpers/server";
import { waitUntil } from "../helpers/wait";

const ROOT = path.resolve(__dirname, "../..");
const EVIL = "evil.example";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A request as an attacker sends it: any Host, any forwarded headers, and an Origin that matches
 * the forged host (fetch will not let a caller choose Host, node:http will).
 */
function forged(server: TestServer, method: string, pathname: string, headers: Record<string, string>, body?: URLSearchParams): Promise<Reply> {
  const { port } = new URL(server.baseUrl);
  const payload = body?.toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: pathname,
        headers: {
          ...(payload ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The origin a portal without PUBLIC_URL answers to, whatever Host a request claims. */
function loopbackOrigin(server: TestServer): string {
  return `http://localhost:${new URL(server.baseUrl).port}`;
}

/**
 * The ways a client can claim another host. A forwarded host is dropped, and a Host that is not a
 * loopback name on the portal's port becomes localhost, so the Origin must be the loopback one to
 * get past the cross-site check.
 */
const DISGUISES: { name: string; headers: (server: TestServer) => Record<string, string> }[] = [
  { name: "a forged Host", headers: (server) => ({ Host: EVIL, Origin: loopbackOrigin(server) }) },
  { name: "a forged X-Forwarded-Host", headers: (server) => ({ "X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "https", Origin: server.baseUrl }) },
  { name: "a forged Host and X-Forwarded-Host", headers: (server) => ({ Host: EVIL, "X-Forwarded-Host": EVIL, Origin: loopbackOrigin(server) }) },
];

/** A cookie jar over forged(): every request of one user carries the same disguise. */
class ForgedClient {
  private cookies = new Map<string, string>();
  constructor(
    private server: TestServer,
    private disguise: Record<string, string>,
  ) {}

  async send(method: string, pathname: string, body?: Record<string, string>): Promise<Reply> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await forged(this.server, method, pathname, { ...this.disguise, ...(cookie ? { Cookie: cookie } : {}) }, body ? new URLSearchParams(body) : undefined);
    for (const line of res.headers["set-cookie"] ?? []) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  async signIn(email: string) {
    const res = await this.send("POST", "/login", { email, password: "vinhphuc-demo" });
    expect(res.status, res.body).toBe(302);
  }
}

function expectOnlyConfiguredLinks(text: string | null | undefined, origin: string) {
  expect(text).toBeTruthy();
  const links = text!.match(/https?:\/\/[^\s/"'<>)]+/g) ?? [];
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(link).toBe(origin);
  expect(text).not.toContain(EVIL);
}

describe("links in emails and agreements name the configured origin, whatever host the request claims", () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = `http://localhost:${new URL(server.baseUrl).port}`;
  });
  afterAll(async () => server?.stop());

  for (const disguise of DISGUISES) {
    describe(`with ${disguise.name} and the loopback Origin`, () => {
      it("mails a password reset link to the configured origin", async () => {
        const before = await latestEmail(server.db, DEMO.signerKami, "reset_password");
        const res = await new ForgedClient(server, disguise.headers(server)).send("POST", "/forgot-password", { email: DEMO.signerKami });
        expect(res.status).toBeLessThan(400);
        const mail = await latestEmail(server.db, DEMO.signerKami, "reset_password");
        expect(mail?.id).not.toBe(before?.id);
        expectOnlyConfiguredLinks(mail?.text_body, origin);
        expectOnlyConfiguredLinks(mail?.html_body, origin);
      });

      it("mails the sign-up confirmation link to the configured origin", async () => {
        const email = `new-${disguise.name.length}@example.vn`;
        const res = await new ForgedClient(server, disguise.headers(server)).send("POST", "/signup", {
          name: "Người Thử",
          email,
          password: "mot-mat-khau-dai-du",
          locale: "vi",
        });
        expect(res.status, res.body).toBeLessThan(400);
        const mail = await latestEmail(server.db, email);
        expectOnlyConfiguredLinks(mail?.text_body, origin);
      });

      it("mails an organization invitation to the configured origin", async () => {
        const admin = new ForgedClient(server, disguise.headers(server));
        await admin.signIn(DEMO.signerKami);
        const email = `invited-${disguise.name.length}@example.vn`;
        const res = await admin.send("POST", "/orgs/kami/members", { intent: "invite", email, role: "member" });
        expect(res.status, res.body).toBeLessThan(400);
        const mail = await latestEmail(server.db, email);
        expectOnlyConfiguredLinks(mail?.text_body, origin);
      });
    });
  }

  it("seals the configured verification link into the agreement when the last signer's requests forge the host", async () => {
    const mou = await server.db.selectFrom("mous").select("id").where("status", "=", "awaiting_signatures").executeTakeFirstOrThrow();
    const [hostDisguise, , bothDisguise] = DISGUISES;
    const signers = [
      { email: DEMO.signerKami, client: new ForgedClient(server, hostDisguise.headers(server)) },
      { email: DEMO.signer3ds, client: new ForgedClient(server, bothDisguise.headers(server)) },
    ];
    for (const { email, client } of signers) {
      await client.signIn(email);
      expect((await client.send("POST", `/mous/${mou.id}/sign`, { intent: "code" })).status).toBe(302);
      const mail = await latestEmail(server.db, email, "mou_signing_code");
      expectOnlyConfiguredLinks(mail?.text_body, origin);
      const code = /\b(\d{6})\b/.exec(mail!.text_body!)![1];
      const res = await client.send("POST", `/mous/${mou.id}/sign`, { intent: "sign", code, method: "typed", typed_signature: "Chữ ký", consent: "on" });
      expect(res.status, res.body).toBe(302);
    }
    // The seal is a job that runs after the last signer's request has answered.
    const agreement = await waitUntil("the sealed agreement", () => server.db.selectFrom("agreements").select("verification_code").where("mou_id", "=", mou.id).executeTakeFirst());
    const done = await waitUntil("the mail that the agreement is sealed", () => latestEmail(server.db, DEMO.signerKami, "mou_completed"));
    expectOnlyConfiguredLinks(done?.text_body, origin);
    const reader = new Client(server.baseUrl);
    await reader.signIn(DEMO.signerKami);
    const pdf = Buffer.from(await (await reader.get(`/mous/${mou.id}/agreement.pdf`)).arrayBuffer());

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-origin-"));
    try {
      const file = path.join(dir, "agreement.pdf");
      fs.writeFileSync(file, pdf);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      expect(text).toContain(`${origin}/verify?code=${agreement.verification_code}`);
      expect(text).not.toContain(EVIL);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses, with 403 and never a 500, a post whose forged Host and Origin agree", async () => {
    const claims: Record<string, string>[] = [
      { Host: EVIL, Origin: `http://${EVIL}` },
      { Host: EVIL, "X-Forwarded-Host": EVIL, Origin: `http://${EVIL}` },
      { Host: `${EVIL}:${new URL(server.baseUrl).port}`, Origin: `http://${EVIL}:${new URL(server.baseUrl).port}` },
    ];
    for (const headers of claims) {
      for (const pathname of ["/forgot-password", "/login", "/events/mes-iot/register"]) {
        const res = await forged(server, "POST", pathname, headers, new URLSearchParams({ email: DEMO.signerKami }));
        expect(res.status, `${pathname} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
  });

  it("still refuses a cross-site post that forges nothing but its Origin", async () => {
    const res = await forged(server, "POST", "/forgot-password", { Origin: `http://${EVIL}` }, new URLSearchParams({ email: DEMO.signerKami }));
    expect(res.status).toBe(403);
  });
});

describe("a real deployment (DEMO_DATA=off) without PUBLIC_URL", () => {
  it("is refused by the configuration, naming PUBLIC_URL", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DEMO_DATA: "off" })).toThrow(/PUBLIC_URL: required when DEMO_DATA=off/);
    expect(parseConfig({ NODE_ENV: "production", DEMO_DATA: "off", PUBLIC_URL: "https://portal.example.vn/", SIGNING_P12_PATH: "/etc/portal/seal.p12" }).publicUrl).toBe("https://portal.example.vn");
  });

  it("does not start, and says why", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nourl-"));
    try {
      const run = spawnSync(process.execPath, ["server.mjs"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "0", DATABASE_URL: `file:${path.join(dir, "p.db")}`, DATA_DIR: dir, DEMO_DATA: "off" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("PUBLIC_URL");
      expect(`${run.stdout}${run.stderr}`).not.toContain("portal listening");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
