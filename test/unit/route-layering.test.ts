import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
/** Kysely's builders and raw SQL: a route that calls one of these is writing a query itself. */
const QUERY_BUILDING = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction|with|withRecursive)\(|\bsql`/;
/** The domains whose functions answer with results or a DomainError, never with HTTP. */
const DOMAINS = ["events", "mous", "commitments", "orgs", "api"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  return source.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

/** `new Response(…)` in the syntax tree (comments and strings do not count). */
function httpResponsesIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Response") found.push("new Response");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const relative = (file: string) => path.relative(path.dirname(APP), file);

describe("route modules", () => {
  it("build no SQL: they parse, authorize, call a domain function and map its result", () => {
    const offending = sourceFiles(path.join(APP, "routes")).flatMap((file) => {
      const problems: string[] = [];
      const match = QUERY_BUILDING.exec(fs.readFileSync(file, "utf8"));
      if (match) problems.push(`${relative(file)} calls ${match[0]}`);
      if (importsOf(file).includes("kysely")) problems.push(`${relative(file)} imports kysely`);
      return problems;
    });
    expect(offending).toEqual([]);
  });
});

describe("domain modules", () => {
  it("throw DomainError, never an HTTP response", () => {
    const offending = DOMAINS.flatMap((domain) =>
      sourceFiles(path.join(APP, domain)).flatMap((file) => httpResponsesIn(file).map((what) => `${relative(file)}: ${what}`)),
    );
    expect(offending).toEqual([]);
  });
});
