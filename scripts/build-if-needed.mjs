import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const OUTPUT = path.join(ROOT, "build", "index.js");
const SOURCES = ["app", "db", "remix.config.js", "package.json", "tsconfig.json"];

function newestMtime(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Runs `remix build` when there is no build yet or a source file is newer than it. */
export function buildIfNeeded() {
  const built = fs.statSync(OUTPUT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built >= sources) return false;
  console.log("Building the portal (remix build)…");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    // Always a production build: the test runner's NODE_ENV=test would give JSX the server cannot run.
    env: { ...process.env, NODE_ENV: "production" },
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
