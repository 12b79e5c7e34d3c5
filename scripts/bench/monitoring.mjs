// Issue 11's section of `npm run bench`: the monitoring pages at 10,000 and 50,000 sample MoUs,
// on SQLite and on PostgreSQL, each on a fresh database and a production server of its own.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const P95_TARGET_MS = 300;
const PAGE_TARGET_BYTES = 300 * 1024;
const PASSWORD = "vinhphuc-demo";
const STAFF = "staff@nic.demo.example";
const MEMBER = "signer@kami.demo.example";

const PAGES = [
  { name: "/dashboard (staff)", path: "/dashboard", as: "staff" },
  { name: "/commitments (staff)", path: "/commitments", as: "staff" },
  { name: "/commitments (company member)", path: "/commitments", as: "member" },
  { name: "/mous (staff)", path: "/mous", as: "staff" },
  { name: "/dashboard.csv (staff)", path: "/dashboard.csv", as: "staff" },
  { name: "/dashboard.pdf (staff)", path: "/dashboard.pdf", as: "staff" },
  { name: "/api/v1/commitments (staff token)", path: "/api/v1/commitments", as: "token" },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function freshDatabase(dialect) {
  const name = `bench_monitoring_${crypto.randomBytes(4).toString("hex")}`;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-monitoring-"));
    return { url: `file:${path.join(dir, `${name}.db`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function runTask(root, env, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["scripts/db.mjs", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`db.mjs ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return Date.now() - started;
}

async function startServer(root, env) {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: String(port), LOG_REQUESTS: "off", WEB_CONCURRENCY: "1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return { baseUrl, stop: () => new Promise((r) => (child.once("exit", r), child.kill("SIGTERM"))) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not answer /healthz");
}

async function signIn(baseUrl, email) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  if (res.status !== 302) throw new Error(`sign-in as ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** A staff read-API token through the documented command (`npm run api:token`); null when it fails. */
function apiToken(root, env) {
  const result = spawnSync("npm", ["run", "-s", "api:token", "--", "--email", STAFF, "--name", "bench"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) return null;
  return result.stdout.trim().split("\n").pop() || null;
}

async function measure(baseUrl, page, headers, seconds) {
  const first = await fetch(baseUrl + page.path, { headers, redirect: "manual" });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status !== 200) return { status: first.status, bytes, p95: null };
  const result = await autocannon({ url: baseUrl + page.path, connections: 4, duration: seconds, headers });
  const p95 = result.latency.p97_5 !== undefined && result.latency.p90 !== undefined ? (result.latency.p90 + result.latency.p97_5) / 2 : result.latency.p99;
  return { status: 200, bytes, p95, errors: result.non2xx + result.errors };
}

export default async function run(ctx) {
  const root = ctx.root;
  const sizes = ctx.sizes?.length ? ctx.sizes : ctx.quick ? [500] : [10_000, 50_000];
  const seconds = ctx.quick ? 3 : 10;
  const rows = [];
  const reference = new Map();
  for (const dialect of ["sqlite", "postgres"]) {
    for (const size of sizes) {
      const database = await freshDatabase(dialect);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-monitoring-data-"));
      const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
      let server;
      try {
        runTask(root, env, ["seed"]);
        const seedMs = runTask(root, env, ["seed:scale", "--mous", String(size)]);
        rows.push({ section: "monitoring", name: `seed ${size} MoUs (${dialect})`, value: Math.round(seedMs / 100) / 10, unit: "s", ...(dialect === "sqlite" && size === 10_000 ? { target: "< 120 s", met: seedMs < 120_000 } : {}) });
        // Before the server: the command blocks this process for seconds, long enough for the server
        // to close a kept-alive connection that the next fetch would then find dead.
        const token = apiToken(root, env);
        server = await startServer(root, env);
        const cookies = { staff: await signIn(server.baseUrl, STAFF), member: await signIn(server.baseUrl, MEMBER) };
        for (const page of PAGES) {
          const headers = page.as === "token" ? (token ? { Authorization: `Bearer ${token}` } : null) : { Cookie: cookies[page.as] };
          const label = `${page.name} at ${size} MoUs (${dialect})`;
          if (!headers) {
            rows.push({ section: "monitoring", name: `${label}: npm run api:token failed`, value: 0, unit: "p95 ms", met: false });
            continue;
          }
          const m = await measure(server.baseUrl, page, headers, seconds);
          const key = `${dialect} ${page.name}`;
          if (m.p95 === null) {
            rows.push({ section: "monitoring", name: `${label}: HTTP ${m.status}`, value: 0, unit: "p95 ms", met: false });
            continue;
          }
          const earlier = size === 50_000 ? reference.get(key) : undefined;
          if (size === 10_000) reference.set(key, m);
          rows.push({
            section: "monitoring",
            name: `${label} p95`,
            value: Math.round(m.p95),
            unit: "ms",
            ...(earlier ? { reference: { name: "10,000 MoUs", value: Math.round(earlier.p95) }, target: "≤ 2 × 10,000", met: m.p95 <= 2 * earlier.p95 } : { target: `< ${P95_TARGET_MS} ms`, met: m.p95 < P95_TARGET_MS && !m.errors }),
          });
          rows.push({
            section: "monitoring",
            name: `${label} size`,
            value: Math.round(m.bytes / 102.4) / 10,
            unit: "KB",
            ...(earlier ? { reference: { name: "10,000 MoUs", value: Math.round(earlier.bytes / 102.4) / 10 }, target: "≤ 2 × 10,000", met: m.bytes <= 2 * earlier.bytes } : { target: "≤ 300 KB", met: m.bytes <= PAGE_TARGET_BYTES }),
          });
        }
      } finally {
        await server?.stop();
        await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  return rows;
}
