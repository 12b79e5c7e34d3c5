import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { connect, createTestDatabase, type TestDatabase } from "./database";

const ROOT = path.resolve(__dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type TestServer = {
  baseUrl: string;
  /** The server's process id, for reading its memory from /proc. */
  pid: number;
  /** The server's process, for tests of signals and restarts. */
  child: ChildProcess;
  database: TestDatabase;
  /** The server's DATA_DIR (development certificate, audit chain key), for commands run beside it. */
  dataDir: string;
  /** A Kysely connection to the server's database, for setting up and checking what the server did. */
  db: ReturnType<typeof connect>["db"];
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts the real production server (`node server.mjs`) on a free port with its own fresh
 * database, and waits until /healthz answers. Demo data is loaded unless `DEMO_DATA: "off"`, which
 * needs a PUBLIC_URL: give env as a function of the server's address to use that one.
 * With `options.beside`, the server is one more process on another server's database and DATA_DIR
 * (several processes on one PostgreSQL database, or a restart): it neither creates nor removes them.
 */
export async function startTestServer(
  env: Record<string, string> | ((baseUrl: string) => Record<string, string>) = {},
  /**
   * `beside`: another process on that server's database and data directory (a second worker, a
   * restart); `database`: an existing database with a data directory of its own. Either is left
   * for its owner to drop.
   */
  options: { beside?: TestServer; database?: TestDatabase } = {},
): Promise<TestServer> {
  const shared = options.beside;
  const borrowed = shared?.database ?? options.database;
  const database = borrowed ?? (await createTestDatabase());
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = shared?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "portal-data-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      LOG_REQUESTS: "off",
      OUTBOX_POLL_MS: "200",
      // Test servers seal with the development certificate, also those that run as a real deployment (DEMO_DATA=off).
      SIGNING_DEVELOPMENT_CERTIFICATE: "on",
      // One process, as before workers: a test that wants the cluster asks for it.
      WEB_CONCURRENCY: "1",
      ...(typeof env === "function" ? env(baseUrl) : env),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const connection = connect(database.url);
  return {
    baseUrl,
    pid: child.pid!,
    child,
    database,
    dataDir,
    db: connection.db,
    output: () => output,
    async stop() {
      await connection.db.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!borrowed) await database.drop();
      if (shared) return;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
