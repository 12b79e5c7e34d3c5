import type { Budget } from "./budget.server";
import { decodeStream } from "./filters.server";
import { Lexer, PdfDict, PdfSyntaxError } from "./syntax.server";

export type XrefEntry = { kind: "free" } | { kind: "offset"; offset: number } | { kind: "compressed"; stream: number; index: number };
type XrefSection = { entries: Map<number, XrefEntry>; trailer: PdfDict };

/** Object numbers a section may name: beyond this no real file goes, and a claim of more is hostile. */
const MAX_OBJECT_NUMBER = 10_000_000;

function readTable(lexer: Lexer, budget: Budget): XrefSection {
  lexer.expectWord("xref");
  const entries = new Map<number, XrefEntry>();
  while (lexer.peekWord() !== "trailer") {
    const first = lexer.readInteger();
    const count = lexer.readInteger();
    if (first + count > MAX_OBJECT_NUMBER) throw new PdfSyntaxError("cross-reference section too large");
    budget.spend("xrefEntries", count);
    for (let i = 0; i < count; i++) {
      const offset = lexer.readInteger();
      lexer.readInteger();
      const type = lexer.readWord();
      if (type !== "n" && type !== "f") throw new PdfSyntaxError("bad cross-reference entry");
      entries.set(first + i, type === "n" ? { kind: "offset", offset } : { kind: "free" });
    }
  }
  lexer.expectWord("trailer");
  const trailer = lexer.parseValue();
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError("trailer is not a dictionary");
  return { entries, trailer };
}

function field(data: Buffer, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + data[at + i];
  return value;
}

/** A cross-reference stream (PDF 1.5): what Acrobat and remote-signing services write, often with object streams. */
function readStream(lexer: Lexer, buf: Buffer, budget: Budget): XrefSection {
  lexer.readInteger();
  lexer.readInteger();
  lexer.expectWord("obj");
  const dict = lexer.parseValue();
  if (!(dict instanceof PdfDict) || dict.name("Type") !== "XRef") throw new PdfSyntaxError("startxref points to no cross-reference");
  lexer.expectWord("stream");
  if (buf[lexer.pos] === 0x0d) lexer.pos++;
  if (buf[lexer.pos] === 0x0a) lexer.pos++;
  const length = dict.get("Length");
  if (typeof length !== "number" || length < 0 || lexer.pos + length > buf.length) throw new PdfSyntaxError("cross-reference stream has no valid /Length");
  const data = decodeStream(dict, buf.subarray(lexer.pos, lexer.pos + length), budget);
  const w = dict.get("W");
  const size = dict.get("Size");
  if (!Array.isArray(w) || w.length !== 3 || !w.every((n) => typeof n === "number" && n >= 0 && n <= 8) || typeof size !== "number") {
    throw new PdfSyntaxError("cross-reference stream has no valid /W or /Size");
  }
  const [w0, w1, w2] = w as number[];
  const index = dict.get("Index") ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 || !index.every((n) => typeof n === "number" && n >= 0)) throw new PdfSyntaxError("bad /Index");
  const entries = new Map<number, XrefEntry>();
  const rowLength = w0 + w1 + w2;
  let at = 0;
  for (let i = 0; i < index.length; i += 2) {
    const [first, count] = [index[i] as number, index[i + 1] as number];
    if (first + count > MAX_OBJECT_NUMBER) throw new PdfSyntaxError("cross-reference section too large");
    budget.spend("xrefEntries", count);
    for (let k = 0; k < count; k++, at += rowLength) {
      if (at + rowLength > data.length) throw new PdfSyntaxError("cross-reference stream shorter than its /Index");
      const type = w0 ? field(data, at, w0) : 1;
      const a = field(data, at + w0, w1);
      const b = field(data, at + w0 + w1, w2);
      if (type === 0) entries.set(first + k, { kind: "free" });
      else if (type === 1) entries.set(first + k, { kind: "offset", offset: a });
      else if (type === 2) entries.set(first + k, { kind: "compressed", stream: a, index: b });
    }
  }
  return { entries, trailer: dict };
}

/** The cross-reference section at `offset`: a classic table with its trailer, or a stream. */
export function readXrefSection(buf: Buffer, offset: number, budget: Budget): XrefSection {
  const lexer = new Lexer(buf, offset, budget);
  return lexer.peekWord() === "xref" ? readTable(lexer, budget) : readStream(lexer, buf, budget);
}
