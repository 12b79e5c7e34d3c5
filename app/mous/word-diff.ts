import { diffWordsWithSpace } from "diff";

export type WordChange = { text: string; kind: "same" | "added" | "removed" };

/** The words of `after` against `before`: what a reviewer reads to see what changed inside a clause. */
export function wordDiff(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before, after).map((part) => ({ text: part.value, kind: part.added ? "added" : part.removed ? "removed" : "same" }));
}

/** How one numbered part moved between two versions. */
export type PartChange = "same" | "changed" | "added" | "removed";

export function partChange(before: unknown, after: unknown): PartChange {
  if (before == null) return after == null ? "same" : "added";
  if (after == null) return "removed";
  return JSON.stringify(before) === JSON.stringify(after) ? "same" : "changed";
}
