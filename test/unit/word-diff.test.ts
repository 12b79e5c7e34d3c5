import { describe, expect, it } from "vitest";
import { partChange, wordDiff } from "~/mous/word-diff";

describe("comparing MoU versions", () => {
  it("marks the words changed inside a clause, keeping the rest as it was", () => {
    const parts = wordDiff("Đào tạo 200 kỹ sư về DELMIA.", "Đào tạo 250 kỹ sư về DELMIA và ENOVIA.");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["200"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["250", "và ENOVIA"]);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("Đào tạo 250 kỹ sư về DELMIA và ENOVIA.");
  });

  it("tells an added or removed clause from a changed one", () => {
    expect(partChange(undefined, { body: "x" })).toBe("added");
    expect(partChange({ body: "x" }, undefined)).toBe("removed");
    expect(partChange({ body: "x" }, { body: "y" })).toBe("changed");
    expect(partChange({ body: "x" }, { body: "x" })).toBe("same");
  });
});
