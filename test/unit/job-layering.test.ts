import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
/** The domains; the queue and the mail module reach them only through handlers the server hands over. */
const DOMAINS = ["admin", "audit", "auth", "commitments", "events", "files", "mous", "orgs", "pdf", "routes", "server"];

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  return source.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

describe("the job queue and the mail module", () => {
  it("import no domain module", () => {
    const offending: string[] = [];
    for (const dir of ["jobs", "mail"]) {
      for (const name of fs.readdirSync(path.join(APP, dir))) {
        const file = path.join(APP, dir, name);
        for (const from of importsOf(file)) {
          const domain = /^~\/([^/]+)\//.exec(from)?.[1];
          if (domain && DOMAINS.includes(domain)) offending.push(`app/${dir}/${name} imports ${from}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
