import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve(__dirname, "../../app/routes");
/** Only these run on the server alone; everything else in a route file also runs in the browser. */
const SERVER_EXPORTS = new Set(["loader", "action", "headers"]);

/** Names a route imports as values from `*.server` modules: empty objects in the browser bundle. */
function serverValueImports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (!/\.server$/.test(from)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
    }
    if (statement.importClause?.name) names.add(statement.importClause.name.text);
  }
  return names;
}

/** Identifiers a browser-side function uses that resolve to a server import (not to a local of the same name). */
function serverNamesUsed(fn: ts.Node, serverNames: Set<string>): string[] {
  const declared = new Set<string>();
  const used: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) {
      declared.add(node.name.text);
    }
    if (ts.isIdentifier(node) && serverNames.has(node.text)) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName) used.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return used.filter((name) => !declared.has(name));
}

describe("route modules", () => {
  it("use values from .server modules only in their loader and action", () => {
    const problems: string[] = [];
    for (const file of fs.readdirSync(ROUTES).filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(ROUTES, file), "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const serverNames = serverValueImports(source);
      if (!serverNames.size) continue;
      for (const statement of source.statements) {
        let name: string | undefined;
        if (ts.isFunctionDeclaration(statement)) name = statement.name?.text ?? "default";
        else if (ts.isVariableStatement(statement)) {
          const decl = statement.declarationList.declarations[0];
          name = ts.isIdentifier(decl.name) ? decl.name.text : undefined;
        } else continue;
        if (!name || SERVER_EXPORTS.has(name)) continue;
        // Helpers that only loaders and actions call are server-side too; they are named in the file.
        const callers = text.match(new RegExp(`\\b${name}\\(`, "g"))?.length ?? 0;
        const isComponentOrBrowserExport = /^[A-Z]/.test(name) || name === "default" || ["meta", "links", "handle"].includes(name);
        if (!isComponentOrBrowserExport && callers > 0) continue;
        for (const used of serverNamesUsed(statement, serverNames)) problems.push(`${file}: ${name} uses ${used}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
