import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
/** The one module allowed to read a request's body. */
const READER = path.join(APP, "lib/form-body.server.ts");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("reading request bodies", () => {
  it("goes through the bounded reader everywhere: no unbounded formData(), text(), json() or multipart parser elsewhere", () => {
    const unbounded = /\brequest\.(formData|text|json|arrayBuffer|blob)\(\)|parseMultipartFormData|unstable_parseMultipartFormData/;
    const offenders = sourceFiles(APP)
      .filter((file) => file !== READER)
      .filter((file) => unbounded.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(APP, file));
    expect(offenders).toEqual([]);
  });
});
