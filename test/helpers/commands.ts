import { execFile } from "node:child_process";
import path from "node:path";
import type { TestServer } from "./server";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Runs one of the portal's `scripts/db.mjs` tasks against a test server's database and data
 * directory. Asynchronous on purpose: a blocking spawn stalls the test's own HTTP connections,
 * and the server may close a kept-alive one meanwhile ("other side closed" on the next request).
 */
export function runPortalTask(server: TestServer, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/db.mjs", ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, DATABASE_URL: server.database.url, DATA_DIR: server.dataDir, NODE_ENV: "production", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}
