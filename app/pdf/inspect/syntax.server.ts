import type { Budget } from "./budget.server";

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
}
/** Keys in a Map, never on an object: a PDF may name a key `__proto__`. */
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  name(key: string): string | null {
    const value = this.entries.get(key);
    return value instanceof PdfName ? value.name : null;
  }
}
export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;

/** The file does not follow PDF syntax where it must: told to the reader as "not a readable PDF". */
export class PdfSyntaxError extends Error {}

/** Nesting deeper than this is no document anyone writes; it is refused before it can exhaust the stack. */
const MAX_DEPTH = 64;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Reads PDF values from a position in the file, spending the inspection's budget on each. */
export class Lexer {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    private readonly budget: Budget,
  ) {}

  skipSpace(): void {
    const buf = this.buf;
    while (this.pos < buf.length) {
      const byte = buf[this.pos];
      if (WHITESPACE.has(byte)) this.pos++;
      else if (byte === 0x25) {
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** A bare word (keyword or number) at the position, without moving past it. */
  peekWord(): string {
    this.skipSpace();
    let end = this.pos;
    while (end < this.buf.length && end - this.pos < 32 && !WHITESPACE.has(this.buf[end]) && !DELIMITERS.has(this.buf[end])) end++;
    return this.buf.toString("latin1", this.pos, end);
  }

  readWord(): string {
    const word = this.peekWord();
    this.pos += word.length;
    return word;
  }

  expectWord(word: string): void {
    const got = this.readWord();
    if (got !== word) throw new PdfSyntaxError(`expected ${word} at ${this.pos}`);
  }

  readInteger(): number {
    const word = this.readWord();
    if (!/^\d{1,10}$/.test(word)) throw new PdfSyntaxError(`expected an integer at ${this.pos}`);
    return Number(word);
  }

  parseValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError("objects nested too deeply");
    this.budget.spend("tokens", 1);
    this.skipSpace();
    const buf = this.buf;
    if (this.pos >= buf.length) throw new PdfSyntaxError("unexpected end of file");
    const byte = buf[this.pos];
    if (byte === 0x2f) return this.parseName();
    if (byte === 0x28) return this.parseLiteralString();
    if (byte === 0x3c && buf[this.pos + 1] === 0x3c) return this.parseDict(depth);
    if (byte === 0x3c) return this.parseHexString();
    if (byte === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.parseValue(depth + 1));
      }
    }
    const word = this.readWord();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      if (/^\d+$/.test(word)) {
        // "12 0 R" is a reference: look two words ahead and come back if it is not.
        const save = this.pos;
        const gen = this.readWord();
        if (/^\d+$/.test(gen) && this.readWord() === "R") return new PdfRef(Number(word), Number(gen));
        this.pos = save;
      }
      return Number(word);
    }
    throw new PdfSyntaxError(`unexpected ${JSON.stringify(word.slice(0, 16)) || "delimiter"} at ${this.pos}`);
  }

  private parseDict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.buf[this.pos] === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      const key = this.parseValue(depth + 1);
      if (!(key instanceof PdfName)) throw new PdfSyntaxError(`a dictionary key must be a name, at ${this.pos}`);
      entries.set(key.name, this.parseValue(depth + 1));
    }
  }

  private parseName(): PdfName {
    let end = ++this.pos;
    while (end < this.buf.length && !WHITESPACE.has(this.buf[end]) && !DELIMITERS.has(this.buf[end])) end++;
    const raw = this.buf.toString("latin1", this.pos, end);
    this.pos = end;
    return new PdfName(raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }

  private parseHexString(): PdfString {
    const end = this.buf.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfSyntaxError("unterminated hex string");
    let hex = this.buf.toString("latin1", this.pos + 1, end).replace(/\s+/g, "");
    if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfSyntaxError(`bad hex string at ${this.pos}`);
    if (hex.length % 2) hex += "0";
    this.pos = end + 1;
    return new PdfString(Buffer.from(hex, "hex"));
  }

  private parseLiteralString(): PdfString {
    const buf = this.buf;
    const out: number[] = [];
    let nesting = 0;
    let i = this.pos + 1;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (c === 0x5c) {
        const next = buf[++i];
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (next in simple) out.push(simple[next]);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let k = 0; k < 2 && buf[i + 1] >= 0x30 && buf[i + 1] <= 0x37; k++) octal = octal * 8 + (buf[++i] - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d && buf[i + 1] === 0x0a) i++;
        else if (next !== 0x0a && next !== 0x0d) out.push(next);
        continue;
      }
      if (c === 0x28) nesting++;
      if (c === 0x29 && nesting-- === 0) break;
      out.push(c);
    }
    if (i >= buf.length) throw new PdfSyntaxError("unterminated string");
    this.pos = i + 1;
    return new PdfString(Buffer.from(out));
  }
}

/** Two values are the same PDF object: references compare by number, streams elsewhere by bytes. */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof PdfName && b instanceof PdfName) return a.name === b.name;
  if (a instanceof PdfRef && b instanceof PdfRef) return a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString && b instanceof PdfString) return a.bytes.equals(b.bytes);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a instanceof PdfDict && b instanceof PdfDict) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) if (!b.entries.has(key) || !sameValue(value, b.entries.get(key))) return false;
    return true;
  }
  return false;
}

/** A text string as PDF writes it: UTF-16BE with its byte-order mark, or PDFDocEncoding (read as Latin-1). */
export function decodeTextString(value: PdfValue | undefined): string | null {
  if (!(value instanceof PdfString)) return null;
  const bytes = value.bytes;
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))).swap16().toString("utf16le");
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  return bytes.toString("latin1");
}
