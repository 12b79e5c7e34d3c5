import { typeName, type PdfDocument, type PdfObject } from "./document.server";
import { PdfDict, PdfRef, sameValue, type PdfValue } from "./syntax.server";

/** What a later revision does that only signing does: add a signature and what shows and keeps it. */
const SIGNATURE_CHANGES = ["signature", "signatureField", "form", "appearance", "securityStore", "annotationsAdded", "metadata"] as const;
/** What changes the document a reader sees or the way it is put together. */
const CONTENT_CHANGES = ["page", "annotation", "pageTree", "catalog", "removed", "other"] as const;
export type ChangeKind = (typeof SIGNATURE_CHANGES)[number] | (typeof CONTENT_CHANGES)[number];

export type RevisionChanges = { revision: number; kinds: ChangeKind[]; content: boolean };

/** Keys a signing tool may change in the catalog: the form, the validation store, metadata, extension levels. */
const CATALOG_SIGNING_KEYS = new Set(["AcroForm", "DSS", "Metadata", "Extensions"]);
const MAX_PAGES = 20_000;
const MAX_COLLECTED_REFS = 10_000;

function dictWithout(a: PdfDict, b: PdfDict, ignored: Set<string>): boolean {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  for (const key of keys) if (!ignored.has(key) && !sameValue(a.get(key), b.get(key))) return false;
  return true;
}

function sameObject(a: PdfObject, b: PdfObject): boolean {
  if (!sameValue(a.value, b.value)) return false;
  if (!a.stream || !b.stream) return !a.stream && !b.stream;
  return a.stream.raw.equals(b.stream.raw);
}

/** Whether an annotation is the widget of a signature field (its own /FT or a parent's). */
function isSignatureWidget(doc: PdfDocument, value: PdfValue, rev: number): boolean {
  const annot = doc.dict(value, rev);
  if (!annot || annot.name("Subtype") !== "Widget") return false;
  let field: PdfDict | null = annot;
  for (let depth = 0; field && depth < 16; depth++) {
    const type = field.name("FT");
    if (type) return type === "Sig";
    field = doc.dict(field.get("Parent"), rev);
  }
  return false;
}

/** An /Annots array that kept every earlier entry and gained only signature widgets. */
function annotsGainOnlySignatures(doc: PdfDocument, before: PdfValue | undefined, after: PdfValue | undefined, rev: number): boolean {
  const old = doc.resolve(before, rev - 1) ?? [];
  const now = doc.resolve(after, rev) ?? [];
  if (!Array.isArray(old) || !Array.isArray(now)) return false;
  if (!old.every((entry) => now.some((n) => sameValue(n, entry)))) return false;
  return now.every((entry) => old.some((o) => sameValue(o, entry)) || isSignatureWidget(doc, entry, rev));
}

/** Object numbers reachable from a value (the validation store and its arrays), bounded. */
function collectRefs(doc: PdfDocument, value: PdfValue | undefined, rev: number, into: Set<number>, depth = 0): void {
  if (depth > 6 || into.size > MAX_COLLECTED_REFS || value === undefined || value === null) return;
  if (value instanceof PdfRef) {
    if (into.has(value.num)) return;
    into.add(value.num);
    collectRefs(doc, doc.object(value.num, rev)?.value ?? null, rev, into, depth + 1);
  } else if (Array.isArray(value)) for (const item of value) collectRefs(doc, item, rev, into, depth + 1);
  else if (value instanceof PdfDict) for (const item of value.entries.values()) collectRefs(doc, item, rev, into, depth + 1);
}

/** The page tree's nodes and the indirect /Annots arrays of its pages, in revision `rev`. */
function pageTree(doc: PdfDocument, rev: number): { nodes: Set<number>; annots: Set<number> } {
  const nodes = new Set<number>();
  const annots = new Set<number>();
  const walk = (value: PdfValue | undefined, depth: number) => {
    if (!(value instanceof PdfRef) || nodes.has(value.num) || nodes.size > MAX_PAGES || depth > 32) return;
    nodes.add(value.num);
    const node = doc.dict(value, rev);
    if (!node) return;
    const list = node.get("Annots");
    if (list instanceof PdfRef) annots.add(list.num);
    const kids = doc.resolve(node.get("Kids"), rev);
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
  };
  walk(doc.catalog(rev)?.get("Pages"), 0);
  return { nodes, annots };
}

function catalogChanges(before: PdfDict | null, after: PdfDict | null): ChangeKind[] {
  if (!before || !after) return ["catalog"];
  const kinds: ChangeKind[] = [];
  if (!dictWithout(before, after, CATALOG_SIGNING_KEYS)) kinds.push("catalog");
  if (!sameValue(before.get("AcroForm"), after.get("AcroForm"))) kinds.push("form");
  if (!sameValue(before.get("DSS"), after.get("DSS"))) kinds.push("securityStore");
  if (!sameValue(before.get("Metadata"), after.get("Metadata")) || !sameValue(before.get("Extensions"), after.get("Extensions"))) kinds.push("metadata");
  return kinds;
}

/**
 * What revision `rev` changes against the one before it, object by object. Signing adds a
 * signature dictionary, its field and widget, the form entry, appearances, a validation store and
 * the page's /Annots gaining that widget; anything else (a page's content or resources, the page
 * tree, the catalog beyond those keys, another annotation, a removed object) is a content change.
 */
export function classifyRevision(doc: PdfDocument, rev: number): RevisionChanges {
  const kinds = new Set<ChangeKind>();
  const catalog = doc.catalog(rev);
  const rootNum = doc.trailerRef(rev, "Root");
  if (rootNum !== doc.trailerRef(rev - 1, "Root")) for (const kind of catalogChanges(doc.catalog(rev - 1), catalog)) kinds.add(kind);
  const store = new Set<number>();
  collectRefs(doc, catalog?.get("DSS"), rev, store);
  const acroForm = catalog?.get("AcroForm");
  const formNums = new Set<number>();
  if (acroForm instanceof PdfRef) formNums.add(acroForm.num);
  const fields = doc.dict(acroForm, rev)?.get("Fields");
  if (fields instanceof PdfRef) formNums.add(fields.num);
  const infoNum = doc.trailerRef(rev, "Info");
  let tree: ReturnType<typeof pageTree> | null = null;

  for (const [num, entry] of doc.revisions[rev].entries) {
    if (num === 0) continue;
    const after = entry.kind === "free" ? null : doc.object(num, rev);
    const before = doc.object(num, rev - 1);
    const type = after ? typeName(after.value) : null;
    if (type === "XRef" || type === "ObjStm") continue;
    if (!after) {
      if (before) kinds.add("removed");
      continue;
    }
    if (before && sameObject(before, after)) continue;
    if (type === "Sig" || type === "DocTimeStamp") kinds.add("signature");
    else if (isSignatureWidget(doc, after.value, rev)) kinds.add("signatureField");
    else if (store.has(num) || type === "DSS") kinds.add("securityStore");
    else if (num === infoNum || type === "Metadata") kinds.add("metadata");
    else if (!before) kinds.add("appearance");
    else if (num === rootNum) for (const kind of catalogChanges(doc.dict(before.value, rev - 1), doc.dict(after.value, rev))) kinds.add(kind);
    else if (formNums.has(num)) kinds.add("form");
    else if (type === "Page" && before.value instanceof PdfDict && after.value instanceof PdfDict) {
      const onlyAnnots = dictWithout(before.value, after.value, new Set(["Annots"]));
      if (!onlyAnnots) kinds.add("page");
      else kinds.add(annotsGainOnlySignatures(doc, before.value.get("Annots"), after.value.get("Annots"), rev) ? "annotationsAdded" : "annotation");
    } else if (Array.isArray(after.value) && (tree ??= pageTree(doc, rev)).annots.has(num)) {
      kinds.add(annotsGainOnlySignatures(doc, new PdfRef(num, 0), new PdfRef(num, 0), rev) ? "annotationsAdded" : "annotation");
    } else if (type === "Pages" || (tree ??= pageTree(doc, rev)).nodes.has(num)) kinds.add("pageTree");
    else kinds.add("other");
  }
  const sorted = [...kinds].sort();
  return { revision: rev, kinds: sorted, content: sorted.some((k) => (CONTENT_CHANGES as readonly string[]).includes(k)) };
}
