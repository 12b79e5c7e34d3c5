import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditTypeLabel } from "~/audit/audit-labels";
import { translator } from "~/i18n/translate";

const APP = path.resolve(__dirname, "../../app");

function appFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? appFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** Action codes and object types written out in full where entries are recorded. */
function recordedLiterals() {
  const actions = new Set<string>();
  const types = new Set<string>();
  for (const file of appFiles(APP)) {
    const text = fs.readFileSync(file, "utf8");
    for (const call of text.matchAll(/recordAudit\(trx, \{|auditRegistration\(trx, \w+, /g)) {
      // The call's own fields: up to the next recorded entry, at most a few lines on.
      const fields = text.slice(call.index! + call[0].length).split(/recordAudit\(|auditRegistration\(/)[0].slice(0, 600);
      const action = /^"([a-z_.]+)"|\baction: ([^\n]+)/.exec(fields);
      for (const code of (action?.[1] ? `"${action[1]}"` : action?.[2] ?? "").matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) actions.add(code[1]);
      const type = /\bentityType: "([a-z_]+)"/.exec(fields);
      if (type) types.add(type[1]);
    }
  }
  return { actions, types };
}

describe("the audit log's words", () => {
  const vi = translator("vi");
  const en = translator("en");

  it("names an action and an object type in the reader's language", () => {
    expect(auditActionLabel(vi, "mou.signed")).toBe("Ký biên bản");
    expect(auditActionLabel(en, "mou.signed")).toBe("Signed an MoU");
    expect(auditTypeLabel(en, "registration")).toBe("Registration");
  });

  it("shows an action or type without a message by its code, never a blank", () => {
    expect(auditActionLabel(vi, "mou.something_new")).toBe("mou.something_new");
    expect(auditActionLabel(en, "constructor")).toBe("constructor");
    expect(auditTypeLabel(vi, "__proto__")).toBe("__proto__");
  });

  it("has a message for every action and object type the code records by name", () => {
    const { actions, types } = recordedLiterals();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => auditActionLabel(en, a) === a)).toEqual([]);
    expect([...types].filter((t) => auditTypeLabel(en, t) === t)).toEqual([]);
  });
});
