import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const MAX_LINES = 400;
/** Long by nature, not by tangling: message catalogues and demo data are lists, read one entry at a time. */
const LONG_ALLOWED = [/^app\/i18n\/messages\//, /^app\/demo\/[^/]*data[^/]*$/];
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return SOURCE.test(entry.name) ? [rel] : [];
  });
}

/** Every module a file names: imports, re-exports, dynamic `import()` and `import("…")` types. */
function moduleSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the code's layout", () => {
  it(`has no source file in app/ or db/ over ${MAX_LINES} lines, message catalogues and demo data aside`, () => {
    const long = [...sourceFiles("app"), ...sourceFiles("db")]
      .filter((file) => !LONG_ALLOWED.some((allowed) => allowed.test(file)))
      .map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it("keeps db/ (schema and migrations) free of imports from app/", () => {
    const files = sourceFiles("db");
    expect(files).toContain("db/schema.ts");
    const offending = files.flatMap((file) =>
      moduleSpecifiers(file)
        .filter((from) => from.startsWith("~/") || (from.startsWith(".") && path.resolve(ROOT, path.dirname(file), from).startsWith(path.join(ROOT, "app") + path.sep)))
        .map((from) => `${file} imports ${from}`),
    );
    expect(offending).toEqual([]);
  });

  it("opens every decision record with a Date and a Status line, and names only records that exist", () => {
    const dir = path.join(ROOT, "docs/decisions");
    const records = fs.readdirSync(dir).filter((name) => name.endsWith(".md"));
    expect(records.length).toBeGreaterThan(0);
    const numbers = new Set(records.map((name) => name.slice(0, 4)));
    const problems: string[] = [];
    for (const name of records) {
      if (!/^\d{4}-[a-z0-9-]+\.md$/.test(name)) problems.push(`${name}: not named NNNN-kebab-title.md`);
      const [title, blank, dateLine, statusLine] = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
      if (!title?.startsWith("# ") || blank !== "") problems.push(`${name}: does not open with "# Title" and a blank line`);
      const date = /^- Date: (\d{4}-\d{2}-\d{2})$/.exec(dateLine ?? "")?.[1];
      if (!date || Number.isNaN(Date.parse(date))) problems.push(`${name}: third line is not "- Date: YYYY-MM-DD"`);
      const status = /^- Status: (.+)$/.exec(statusLine ?? "")?.[1];
      if (!status || !/^(accepted|superseded by \d{4})\b/.test(status)) problems.push(`${name}: fourth line is not "- Status: accepted…" or "- Status: superseded by NNNN…"`);
      for (const [, other] of (status ?? "").matchAll(/\b(?:superseded by|supersedes)\b[^0-9]*(\d{4})/g)) {
        if (!numbers.has(other)) problems.push(`${name}: its status names ${other}, which is not a decision record`);
      }
    }
    expect(problems).toEqual([]);
  });
});
