import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("confirmations after a redirect", () => {
  it("travel as a flash, never in the query string (?notice=, ?saved=, ?resent=, ?updated=, ?invited=, ?new=)", () => {
    const pattern = /[?&](notice|saved|resent|updated|invited|new)=|searchParams\.get\("(notice|saved|resent|updated|invited|new)"\)|params\.get\("(notice|saved|resent|updated|invited|new)"\)/;
    const offenders = sourceFiles(APP)
      .filter((file) => pattern.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(APP, file));
    expect(offenders).toEqual([]);
  });
});
