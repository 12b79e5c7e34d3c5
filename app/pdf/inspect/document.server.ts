import { Budget } from "./budget.server";
import { decodeStream } from "./filters.server";
import { Lexer, PdfDict, PdfRef, PdfSyntaxError, type PdfValue } from "./syntax.server";
import { readXrefSection, type XrefEntry } from "./xref.server";

/** One incremental revision: the bytes up to its `%%EOF` and the objects its cross-reference section defines. */
type Revision = { index: number; start: number; end: number; entries: Map<number, XrefEntry>; trailer: PdfDict };

export type PdfObject = { value: PdfValue; stream: { dict: PdfDict; raw: Buffer } | null };

/** How many references in a row are followed before a value is taken as unresolvable (a loop). */
const MAX_HOPS = 16;

type RevisionEnd = { end: number; startxref: number };

/** Every `%%EOF` right after a `startxref`: where a writer closed a revision. */
function findRevisionEnds(buf: Buffer, budget: Budget): RevisionEnd[] {
  const ends: RevisionEnd[] = [];
  for (let at = buf.indexOf("%%EOF"); at >= 0; at = buf.indexOf("%%EOF", at + 5)) {
    const match = /startxref\s+(\d{1,10})\s*$/.exec(buf.toString("latin1", Math.max(0, at - 40), at));
    if (!match) continue;
    budget.spend("revisions", 1);
    let end = at + 5;
    if (buf[end] === 0x0d) end++;
    if (buf[end] === 0x0a) end++;
    ends.push({ end, startxref: Number(match[1]) });
  }
  return ends;
}

/**
 * A PDF read as its revisions: each object can be looked up as it stood at the end of any
 * revision, which is what telling a signature-only update from a content change needs.
 */
export class PdfDocument {
  readonly revisions: Revision[] = [];
  /** Bytes after the last revision that are not whitespace: appended without a cross-reference. */
  readonly trailingBytes: number;
  private readonly cache = new Map<string, PdfObject>();
  private readonly objectStreams = new Map<string, { data: Buffer; first: number; offsets: number[] }>();

  private constructor(
    readonly buf: Buffer,
    readonly budget: Budget,
  ) {
    if (buf.subarray(0, 1024).indexOf("%PDF-") < 0) throw new PdfSyntaxError("no %PDF header");
    let start = 0;
    const ends = findRevisionEnds(buf, budget);
    ends.forEach((candidate, i) => {
      const last = i === ends.length - 1;
      const read = this.readSections(candidate, start);
      // A linearized file's first-page section points on to the main one; an unreadable marker in the
      // middle is a writer's oddity: either way its objects belong with the next revision.
      if (!read) {
        if (last) throw new PdfSyntaxError("the last cross-reference section cannot be read");
        return;
      }
      this.revisions.push({ index: this.revisions.length, start, end: candidate.end, ...read });
      start = candidate.end;
    });
    if (!this.revisions.length) throw new PdfSyntaxError("no cross-reference section");
    this.trailingBytes = buf.subarray(start).toString("latin1").trim().length;
  }

  static open(buf: Buffer, budget = new Budget()): PdfDocument {
    return new PdfDocument(buf, budget);
  }

  private readSections(candidate: RevisionEnd, start: number): { entries: Map<number, XrefEntry>; trailer: PdfDict } | null {
    const entries = new Map<number, XrefEntry>();
    let trailer: PdfDict | null = null;
    const visited = new Set<number>();
    const queue = [candidate.startxref];
    while (queue.length) {
      const offset = queue.shift()!;
      if (visited.has(offset)) continue;
      visited.add(offset);
      if (offset < start || offset >= candidate.end) return null;
      let section: ReturnType<typeof readXrefSection>;
      try {
        section = readXrefSection(this.buf, offset, this.budget);
      } catch (error) {
        if (error instanceof PdfSyntaxError) return null;
        throw error;
      }
      for (const [num, entry] of section.entries) if (!entries.has(num) || entries.get(num)!.kind === "free") entries.set(num, entry);
      trailer ??= section.trailer;
      const hybrid = section.trailer.get("XRefStm");
      if (typeof hybrid === "number") queue.push(hybrid);
      const prev = section.trailer.get("Prev");
      if (typeof prev === "number" && prev >= candidate.end) return null;
      if (typeof prev === "number" && prev >= start) queue.push(prev);
    }
    return trailer ? { entries, trailer } : null;
  }

  /** Where object `num` stood at the end of revision `rev`: null when it did not exist or was freed. */
  entryAt(num: number, rev: number): Exclude<XrefEntry, { kind: "free" }> | null {
    for (let r = rev; r >= 0; r--) {
      const entry = this.revisions[r].entries.get(num);
      if (entry) return entry.kind === "free" ? null : entry;
    }
    return null;
  }

  object(num: number, rev: number, hops = 0): PdfObject | null {
    const entry = this.entryAt(num, rev);
    if (!entry) return null;
    const key = entry.kind === "offset" ? `o${entry.offset}` : `c${num}:${entry.stream}:${entry.index}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (hops > MAX_HOPS) throw new PdfSyntaxError("references loop");
    this.budget.spend("objects", 1);
    const object = entry.kind === "offset" ? this.readAt(entry.offset, num, rev, hops) : this.readCompressed(entry.stream, entry.index, rev, hops);
    this.cache.set(key, object);
    return object;
  }

  /** A value with references followed; a dangling reference is null, as PDF readers take it. */
  resolve(value: PdfValue | undefined, rev: number): PdfValue {
    let current = value ?? null;
    for (let hops = 0; current instanceof PdfRef; hops++) {
      if (hops > MAX_HOPS) throw new PdfSyntaxError("references loop");
      current = this.object(current.num, rev)?.value ?? null;
    }
    return current;
  }

  dict(value: PdfValue | undefined, rev: number): PdfDict | null {
    const resolved = this.resolve(value, rev);
    return resolved instanceof PdfDict ? resolved : null;
  }

  private readAt(offset: number, num: number, rev: number, hops: number): PdfObject {
    if (offset < 0 || offset >= this.buf.length) throw new PdfSyntaxError(`object ${num} points outside the file`);
    const lexer = new Lexer(this.buf, offset, this.budget);
    if (lexer.readInteger() !== num) throw new PdfSyntaxError(`object ${num} is not where the cross-reference says`);
    lexer.readInteger();
    lexer.expectWord("obj");
    const value = lexer.parseValue();
    if (!(value instanceof PdfDict) || lexer.peekWord() !== "stream") return { value, stream: null };
    lexer.pos += "stream".length;
    if (this.buf[lexer.pos] === 0x0d) lexer.pos++;
    if (this.buf[lexer.pos] === 0x0a) lexer.pos++;
    const start = lexer.pos;
    const declared = value.get("Length");
    const length = declared instanceof PdfRef ? this.object(declared.num, rev, hops + 1)?.value : declared;
    let end = typeof length === "number" && Number.isInteger(length) && length >= 0 ? start + length : -1;
    const after = end >= 0 && end <= this.buf.length ? this.buf.toString("latin1", end, Math.min(this.buf.length, end + 12)) : "";
    if (!/^\s*endstream/.test(after)) {
      // A wrong /Length: readers look for the keyword, and so do we.
      const found = this.buf.indexOf("endstream", start);
      if (found < 0) throw new PdfSyntaxError(`stream of object ${num} has no end`);
      end = found;
      while (end > start && (this.buf[end - 1] === 0x0a || this.buf[end - 1] === 0x0d)) end--;
    }
    return { value, stream: { dict: value, raw: this.buf.subarray(start, end) } };
  }

  private readCompressed(streamNum: number, index: number, rev: number, hops: number): PdfObject {
    const entry = this.entryAt(streamNum, rev);
    if (!entry || entry.kind !== "offset") throw new PdfSyntaxError(`object stream ${streamNum} is missing`);
    const key = `s${entry.offset}`;
    let parsed = this.objectStreams.get(key);
    if (!parsed) {
      const container = this.object(streamNum, rev, hops + 1);
      const dict = container?.stream?.dict;
      if (!container?.stream || !dict || dict.name("Type") !== "ObjStm") throw new PdfSyntaxError(`object ${streamNum} is not an object stream`);
      const n = dict.get("N");
      const first = dict.get("First");
      if (typeof n !== "number" || typeof first !== "number" || n < 0 || n > 100_000) throw new PdfSyntaxError(`object stream ${streamNum} has no valid /N or /First`);
      const data = decodeStream(dict, container.stream.raw, this.budget);
      const header = new Lexer(data, 0, this.budget);
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        header.readInteger();
        offsets.push(header.readInteger());
      }
      parsed = { data, first, offsets };
      this.objectStreams.set(key, parsed);
    }
    if (index < 0 || index >= parsed.offsets.length) throw new PdfSyntaxError(`object stream ${streamNum} has no object ${index}`);
    const value = new Lexer(parsed.data, parsed.first + parsed.offsets[index], this.budget).parseValue();
    return { value, stream: null };
  }

  /** The catalog as it stood at the end of revision `rev`. */
  catalog(rev: number): PdfDict | null {
    return this.dict(this.revisions[rev].trailer.get("Root"), rev);
  }

  /** The object number a trailer key points to in revision `rev`, when it is a reference. */
  trailerRef(rev: number, key: string): number | null {
    const value = this.revisions[rev].trailer.get(key);
    return value instanceof PdfRef ? value.num : null;
  }
}

export function typeName(value: PdfValue): string | null {
  return value instanceof PdfDict ? value.name("Type") : null;
}
