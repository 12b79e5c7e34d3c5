/**
 * Turns flat form field names into nested values (`clauses.2.body_vi` → `{ clauses: [, , { body_vi }] }`).
 * The names come from whoever sent the form, so every limit is checked before anything is built:
 * a name may never reach an object's prototype, and no name can make the server build something
 * larger than the form itself.
 */

/** More rows than any MoU needs; an index is what sizes the array, so it is the one number that must be capped. */
export const MAX_ROWS = 200;
/** `clauses.0.body_vi`: a section, a row, a field. */
export const MAX_DEPTH = 3;
/**
 * `commitments.0.milestones.2.title_vi`: rows within a row, the one deeper shape taken (list,
 * row, list, row, field, nothing else), and its inner rows capped lower: no name builds more.
 */
export const NESTED_DEPTH = 5;
export const MAX_NESTED_ROWS = 20;
export const MAX_FIELDS = 2000;

/** Names that would reach the prototype of an object if followed. */
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Canonical decimals only: `007` and `7` must not be two names for one row. */
const INDEX = /^(0|[1-9]\d{0,2})$/;

export type NestedFields = { ok: true; value: Record<string, unknown> } | { ok: false; reason: "tooManyFields" | "badName"; field: string };

type Node = Record<string, unknown> | unknown[];

function segmentKind(segment: string): "index" | "name" | null {
  if (INDEX.test(segment) && Number(segment) < MAX_ROWS) return "index";
  if (NAME.test(segment) && !FORBIDDEN.has(segment)) return "name";
  return null;
}

/** A container of the kind the next segment asks for; objects have no prototype. */
function containerFor(kind: "index" | "name"): Node {
  return kind === "index" ? [] : (Object.create(null) as Record<string, unknown>);
}

/** Whether a name alone is one `nestFields` takes: the values of a refused form are echoed back only with such names. */
export function isAcceptedFieldName(field: string): boolean {
  const segments = field.split(".");
  const kinds = segments.map(segmentKind);
  if (segments.length === NESTED_DEPTH) return kinds.join() === "name,index,name,index,name" && Number(segments[3]) < MAX_NESTED_ROWS;
  if (segments.length > MAX_DEPTH) return false;
  return kinds[0] === "name" && kinds.every((k) => k !== null);
}

/**
 * Nests the text entries of a form. Refuses, rather than guesses, a name with a forbidden or
 * malformed segment, an index that is negative, non-canonical or not below `MAX_ROWS`, a name
 * deeper than `MAX_DEPTH` other than rows within a row (`NESTED_DEPTH`, inner index below
 * `MAX_NESTED_ROWS`), a name that treats a value as a group or a list as a group (or the
 * reverse), and more than `MAX_FIELDS` entries. A repeated name keeps its last value.
 */
export function nestFields(entries: Iterable<[string, string]>): NestedFields {
  const root = Object.create(null) as Record<string, unknown>;
  let count = 0;
  for (const [field, value] of entries) {
    if (++count > MAX_FIELDS) return { ok: false, reason: "tooManyFields", field };
    if (!isAcceptedFieldName(field)) return { ok: false, reason: "badName", field };
    const segments = field.split(".");
    const kinds = segments.map(segmentKind);
    let node: Node = root;
    for (let i = 0; i < segments.length; i++) {
      const kind = kinds[i];
      if (Array.isArray(node) !== (kind === "index")) return { ok: false, reason: "badName", field };
      const key = kind === "index" ? Number(segments[i]) : segments[i];
      const slot = node as Record<string | number, unknown>;
      if (i === segments.length - 1) {
        if (slot[key] !== undefined && typeof slot[key] !== "string") return { ok: false, reason: "badName", field };
        slot[key] = value;
        break;
      }
      const next = kinds[i + 1]!;
      slot[key] ??= containerFor(next);
      if (typeof slot[key] !== "object") return { ok: false, reason: "badName", field };
      node = slot[key] as Node;
    }
  }
  return { ok: true, value: root };
}
