import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { waitUntil } from "../helpers/wait";

const workersOf = (pid: number) =>
  fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

const exitOf = (server: TestServer) =>
  new Promise<{ code: number | null; ms: number }>((resolve) => {
    const started = Date.now();
    server.child.once("exit", (code) => resolve({ code, ms: Date.now() - started }));
  });

describe("processes", () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.stop());

  it("a single process finishes a request in flight after SIGTERM and is gone within 10 s", async () => {
    server = await startTestServer();
    const exited = exitOf(server);
    const inFlight = fetch(`${server.baseUrl}/events`);
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill("SIGTERM");
    expect((await inFlight).status).toBe(200);
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("WEB_CONCURRENCY=2 serves from two workers, replaces one that dies, and all leave on SIGTERM", async () => {
    server = await startTestServer({ WEB_CONCURRENCY: "2" });
    const primary = server.pid;
    await waitUntil("two workers", async () => workersOf(primary).length === 2);
    const [victim] = workersOf(primary);
    process.kill(victim, "SIGKILL");
    await waitUntil("a replacement worker", async () => {
      const now = workersOf(primary);
      return now.length === 2 && !now.includes(victim);
    });
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const workers = workersOf(primary);
    const exited = exitOf(server);
    server.child.kill("SIGTERM");
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    for (const pid of workers) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });
});
