import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { parseConfig } from "~/config.server";
import { testDialect } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

const ROOT = path.resolve(__dirname, "../..");

describe("configuration", () => {
  it("is read with defaults: port 3000, SQLite under db/, demo data on", () => {
    const config = parseConfig({ NODE_ENV: "production" });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: "sqlite", file: path.join(process.cwd(), "db", "portal.db") });
    expect(config.demoData).toBe(true);
    expect(config.smtpUrl).toBeNull();
  });

  it("picks PostgreSQL for postgres:// and another SQLite file for file:PATH", () => {
    expect(parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db" }).database.dialect).toBe("postgres");
    expect(parseConfig({ NODE_ENV: "production", DATABASE_URL: "file:/tmp/x.db" }).database).toEqual({ dialect: "sqlite", file: "/tmp/x.db" });
  });

  it("stops the server at start with a message that names a bad variable", () => {
    const run = spawnSync(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: "mysql://root@localhost/portal", PORT: "0" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("DATABASE_URL");
    expect(run.stderr).toContain("postgres://");
  });

  it("refuses a DEMO_DATA value other than on or off", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DEMO_DATA: "maybe" })).toThrow(/DEMO_DATA/);
  });
});

describe("running server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((baseUrl) => ({ LOG_REQUESTS: "on", DEMO_DATA: "off", PUBLIC_URL: baseUrl }));
  });
  afterAll(async () => server?.stop());

  it("logs one JSON line per request with method, path, status and time", async () => {
    await fetch(`${server.baseUrl}/events?x=1`);
    await new Promise((r) => setTimeout(r, 200));
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l));
    const line = lines.find((l) => l.path === "/events");
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/events", status: 200 });
    expect(typeof line.ms).toBe("number");
  });

  it.skipIf(testDialect() !== "postgres")("answers /healthz with 503 when the database does not answer (PostgreSQL)", async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const name = new URL(server.database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: "postgres" });
  });
});
