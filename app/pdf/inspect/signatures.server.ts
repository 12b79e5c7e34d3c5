import { checkCms, type CmsCheck } from "./cms-check.server";
import type { PdfDocument } from "./document.server";
import { decodeTextString, PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from "./syntax.server";

/** How much of the file a signature's byte range covers. */
export type Coverage = "wholeFile" | "revision" | "partial" | "malformed";

export type SignatureFinding = CmsCheck & {
  field: string | null;
  subFilter: string | null;
  /** The signature dictionary's /M, as ISO time. */
  claimedTime: string | null;
  byteRange: number[] | null;
  coverage: Coverage;
  /** The revision whose end the signature covers (the last one when it covers the whole file). */
  revision: number | null;
};

/** A form with more signature fields than this is not an agreement: the rest are not read. */
const MAX_FIELDS = 2_000;
const MAX_FIELD_DEPTH = 16;

/** D:YYYYMMDDHHmmSS+HH'mm' (the PDF date) as an ISO instant; null when it is not one. */
function parsePdfDate(value: PdfValue | undefined): string | null {
  const text = decodeTextString(value);
  const m = text && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Z+-])(\d{2})?'?(\d{2})?'?)?/.exec(text);
  if (!m) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", sign, oh = "00", om = "00"] = m;
  const offset = !sign || sign === "Z" ? "Z" : `${sign}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

type FoundField = { name: string | null; sig: PdfDict; key: string };

/** The signature fields with a value, walked from the AcroForm of revision `rev`, field names joined with dots. */
function signatureFields(doc: PdfDocument, rev: number): FoundField[] {
  const acroForm = doc.dict(doc.catalog(rev)?.get("AcroForm"), rev);
  const found: FoundField[] = [];
  let visited = 0;
  const walk = (value: PdfValue | undefined, parentName: string | null, parentType: string | null, depth: number) => {
    const list = doc.resolve(value, rev);
    if (!Array.isArray(list) || depth > MAX_FIELD_DEPTH) return;
    for (const item of list) {
      if (++visited > MAX_FIELDS) return;
      const field = doc.dict(item, rev);
      if (!field) continue;
      const part = decodeTextString(field.get("T"));
      const name = part === null ? parentName : parentName ? `${parentName}.${part}` : part;
      const type = field.name("FT") ?? parentType;
      const v = field.get("V");
      const sig = type === "Sig" ? doc.dict(v, rev) : null;
      if (sig) found.push({ name, sig, key: v instanceof PdfRef ? `r${v.num}` : `f${name}` });
      walk(field.get("Kids"), name, type, depth + 1);
    }
  };
  walk(acroForm?.get("Fields"), null, null, 0);
  return found;
}

function byteRangeOf(sig: PdfDict): number[] | null {
  const range = sig.get("ByteRange");
  if (!Array.isArray(range) || range.length !== 4 || !range.every((n) => typeof n === "number" && Number.isInteger(n) && n >= 0)) return null;
  return range as number[];
}

/**
 * Where the byte range ends: the whole file, the end of a revision (its `%%EOF` and line end), or
 * anywhere else. The gap must hold exactly the hex string of /Contents, nothing a reader would show.
 */
function coverageOf(doc: PdfDocument, range: number[] | null): { coverage: Coverage; revision: number | null } {
  const buf = doc.buf;
  if (!range) return { coverage: "malformed", revision: null };
  const [a, b, c, d] = range;
  if (a !== 0 || b >= c || c + d > buf.length || buf[b] !== 0x3c || buf[c - 1] !== 0x3e) return { coverage: "malformed", revision: null };
  if (!/^[0-9a-fA-F]*$/.test(buf.toString("latin1", b + 1, c - 1))) return { coverage: "malformed", revision: null };
  const end = c + d;
  const revision = doc.revisions.find((r) => r.end >= end && r.end - end <= 2 && buf.toString("latin1", end - 5, end + (r.end - end)).trim() === "%%EOF");
  if (end === buf.length) return { coverage: "wholeFile", revision: revision?.index ?? doc.revisions.length - 1 };
  return revision ? { coverage: "revision", revision: revision.index } : { coverage: "partial", revision: null };
}

/** Every signature the document's forms name, in every revision, oldest first, each checked over its own bytes. */
export async function findSignatures(doc: PdfDocument): Promise<SignatureFinding[]> {
  const seen = new Map<string, FoundField>();
  for (let rev = doc.revisions.length - 1; rev >= 0; rev--) {
    for (const field of signatureFields(doc, rev)) if (!seen.has(field.key)) seen.set(field.key, field);
  }
  const findings: SignatureFinding[] = [];
  for (const { name, sig } of seen.values()) {
    const byteRange = byteRangeOf(sig);
    const { coverage, revision } = coverageOf(doc, byteRange);
    const contents = sig.get("Contents");
    const subFilter = sig.get("SubFilter") instanceof PdfName ? (sig.get("SubFilter") as PdfName).name : null;
    const signedBytes = byteRange && coverage !== "malformed" ? Buffer.concat([doc.buf.subarray(0, byteRange[1]), doc.buf.subarray(byteRange[2], byteRange[2] + byteRange[3])]) : null;
    const cms: CmsCheck =
      contents instanceof PdfString && signedBytes
        ? await checkCms(contents.bytes, signedBytes, subFilter)
        : { verdict: "unreadable", certificate: null, chain: [], signingTime: null, timestamp: null };
    findings.push({ ...cms, field: name, subFilter, claimedTime: parsePdfDate(sig.get("M")), byteRange, coverage, revision });
  }
  return findings.sort((x, y) => (x.byteRange?.[2] ?? 0) + (x.byteRange?.[3] ?? 0) - ((y.byteRange?.[2] ?? 0) + (y.byteRange?.[3] ?? 0)));
}
