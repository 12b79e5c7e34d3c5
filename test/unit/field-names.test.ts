import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_DEPTH, MAX_FIELDS, MAX_NESTED_ROWS, MAX_ROWS, isAcceptedFieldName, nestFields } from "~/lib/field-names.server";
import { parseForm, parseStructuredForm } from "~/lib/forms.server";

const nest = (entries: Record<string, string> | [string, string][]) => nestFields(Array.isArray(entries) ? entries : Object.entries(entries));

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("nesting form field names", () => {
  it("builds rows from indexed names, objects without a prototype", () => {
    const read = nest({ title: "MoU", "clauses.1.body_vi": "Điều 2", "clauses.0.body_vi": "Điều 1", "parties.0.org_id": "kami" });
    if (!read.ok) throw new Error("should be accepted");
    expect(JSON.parse(JSON.stringify(read.value))).toEqual({ title: "MoU", clauses: [{ body_vi: "Điều 1" }, { body_vi: "Điều 2" }], parties: [{ org_id: "kami" }] });
    expect(Object.getPrototypeOf(read.value)).toBeNull();
    expect(Object.getPrototypeOf((read.value.clauses as object[])[0])).toBeNull();
  });

  it.each([
    ["__proto__.polluted"],
    ["constructor.prototype.polluted"],
    ["clauses.__proto__.body_vi"],
    ["clauses.0.__proto__"],
    ["prototype"],
    ["__proto__"],
    ["constructor"],
  ])("refuses %s and leaves every object of the process as it was", (name) => {
    expect(nest([[name, "yes"]])).toEqual({ ok: false, reason: "badName", field: name });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it.each([
    ["a huge index", "clauses.999999999.body_vi"],
    ["the first index over the cap", `clauses.${MAX_ROWS}.body_vi`],
    ["a negative index", "clauses.-1.body_vi"],
    ["a non-canonical index", "clauses.007.body_vi"],
    ["an exponent", "clauses.1e3.body_vi"],
    ["an empty segment", "clauses..body_vi"],
    ["a name deeper than the cap", ["a", "0", "b", "c"].slice(0, MAX_DEPTH + 1).join(".")],
    ["an index at the top", "0.body_vi"],
    ["odd characters", "clauses.0.body vi"],
  ])("refuses %s", (_what, name) => {
    expect(nest([[name, "x"]])).toMatchObject({ ok: false, reason: "badName" });
    expect(isAcceptedFieldName(name)).toBe(false);
  });

  it("takes rows within a row (a commitment's milestones), prototype-free, and only in that one shape", () => {
    const read = nest({ "commitments.1.title_vi": "Đào tạo", "commitments.1.milestones.0.title_vi": "Khóa 1", [`commitments.1.milestones.${MAX_NESTED_ROWS - 1}.due_on`]: "2030-01-01" });
    if (!read.ok) throw new Error("should be accepted");
    const milestones = (read.value.commitments as Record<string, unknown>[])[1]!.milestones as Record<string, unknown>[];
    expect(milestones).toHaveLength(MAX_NESTED_ROWS);
    expect(milestones[0]).toEqual(Object.assign(Object.create(null), { title_vi: "Khóa 1" }));
    expect(Object.getPrototypeOf(milestones[0])).toBeNull();
  });

  it.each([
    ["an inner index at the cap", `commitments.0.milestones.${MAX_NESTED_ROWS}.title_vi`],
    ["a huge inner index", "commitments.0.milestones.999.title_vi"],
    ["a field where the inner row goes", "commitments.0.milestones.title_vi.x"],
    ["a row where the inner list goes", "commitments.0.1.0.title_vi"],
    ["a row as the last segment", "commitments.0.milestones.0.1"],
    ["the prototype at the inner level", "commitments.0.milestones.0.__proto__"],
    ["the prototype as the inner list", "commitments.0.__proto__.0.polluted"],
    ["one level deeper still", "commitments.0.milestones.0.steps.0"],
    ["four segments", "commitments.0.milestones.0"],
  ])("refuses %s", (_what, name) => {
    expect(nest([[name, "x"]])).toMatchObject({ ok: false, reason: "badName" });
    expect(isAcceptedFieldName(name)).toBe(false);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("accepts the last row under the cap, and builds nothing larger than the rows named", () => {
    const read = nest([[`clauses.${MAX_ROWS - 1}.body_vi`, "x"]]);
    expect(read.ok && (read.value.clauses as unknown[]).length).toBe(MAX_ROWS);
  });

  it("refuses a name that treats a value as a group, a list as a group, or a group as a list", () => {
    expect(nest([["clauses", "x"], ["clauses.0.body_vi", "y"]])).toMatchObject({ ok: false });
    expect(nest([["clauses.0.body_vi", "y"], ["clauses", "x"]])).toMatchObject({ ok: false });
    expect(nest([["clauses.0.body_vi", "y"], ["clauses.body_vi", "x"]])).toMatchObject({ ok: false });
    expect(nest([["meta.a", "y"], ["meta.0", "x"]])).toMatchObject({ ok: false });
  });

  it(`refuses more than ${MAX_FIELDS} fields`, () => {
    const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, "x"] as [string, string]);
    expect(nest(many)).toMatchObject({ ok: false, reason: "tooManyFields" });
    expect(nest(many.slice(0, MAX_FIELDS)).ok).toBe(true);
  });

  it("keeps the last of a repeated name", () => {
    const read = nest([["a", "1"], ["a", "2"]]);
    expect(read.ok && read.value.a).toBe("2");
  });
});

describe("parsing a structured form", () => {
  const Schema = z.object({ title: z.string(), clauses: z.array(z.object({ body_vi: z.string() })) });

  it("answers a refused name with a message for the whole form, and does not echo the refused name back", () => {
    const parsed = parseStructuredForm(form([["title", "x"], ["clauses.0.body_vi", "a"], ["clauses.999999999.body_vi", "b"]]), Schema, "en");
    expect(parsed).toEqual({
      ok: false,
      errors: { _form: "The form has a field the portal does not accept. Please reload the page and send it again." },
      values: { title: "x", "clauses.0.body_vi": "a" },
    });
  });

  it("answers too many fields with their limit, in the reader's language", () => {
    const entries = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, "x"] as [string, string]);
    const parsed = parseStructuredForm(form(entries), Schema, "vi");
    expect(!parsed.ok && parsed.errors._form).toBe(`Biểu mẫu có quá nhiều trường hoặc tệp (tối đa ${MAX_FIELDS}).`);
  });
});

describe("parsing a flat form", () => {
  it("never lets a field named __proto__ give the form fields it did not send", () => {
    // On a plain object, `raw.__proto__ = ["x", "y"]` made the form inherit the array's `length`.
    const Schema = z.object({ email: z.string(), length: z.number().optional() });
    const parsed = parseForm(form([["email", "a@example.vn"], ["__proto__", "x"], ["__proto__", "y"]]), Schema, "vi");
    expect(parsed).toEqual({ ok: true, data: { email: "a@example.vn" } });
  });
});
