import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
const DOMAINS = ["admin", "api", "auth", "commitments", "events", "mous", "orgs"];
const SCHEMA_DECLARATION = /^(export )?const \w+Schema = z\b/m;

function files(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(file, pattern);
    return pattern.test(entry.name) ? [file] : [];
  });
}

const relative = (file: string) => path.relative(path.dirname(APP), file);

describe("form schemas", () => {
  it("live in each domain's *.schema.ts, not in routes or server modules", () => {
    const elsewhere = [...files(path.join(APP, "routes"), /\.tsx?$/), ...DOMAINS.flatMap((d) => files(path.join(APP, d), /\.server\.ts$/))]
      .filter((file) => SCHEMA_DECLARATION.test(fs.readFileSync(file, "utf8")))
      .map(relative);
    expect(elsewhere).toEqual([]);
  });

  it("import no server module, so that a form in the browser can use them too", () => {
    const serverBound = DOMAINS.flatMap((d) => files(path.join(APP, d), /\.schema\.ts$/))
      .filter((file) => /from "[^"]*\.server"/.test(fs.readFileSync(file, "utf8")))
      .map(relative);
    expect(serverBound).toEqual([]);
  });
});
