import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
/** A write to a table the derived status reads: its module must refresh the stored copy. */
const STATUS_INPUT_WRITE = /\.(insertInto|updateTable|deleteFrom)\(\s*"(commitments|milestones)"\s*\)/;
/** A refresh, directly or through `withStatusChange`, which refreshes before and after its change. */
const REFRESH = /\b(refreshCommitmentStatus(es)?|withStatusChange)\(/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe("the stored commitment status (decision 0015)", () => {
  it("is refreshed by every module that writes commitments or milestones", () => {
    const forgetful = sourceFiles(APP)
      .filter((file) => {
        const text = fs.readFileSync(file, "utf8");
        return STATUS_INPUT_WRITE.test(text) && !REFRESH.test(text);
      })
      .map((file) => path.relative(path.dirname(APP), file));
    expect(forgetful).toEqual([]);
  });
});
