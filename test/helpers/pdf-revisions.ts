import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import { buildSignedData, type CmsSigner } from "~/pdf/cms.server";

/** The last trailer's references and size (a table's trailer or a cross-reference stream's dictionary). */
function lastTrailer(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const trailer = text.slice(startxref, text.indexOf("startxref", startxref));
  return {
    startxref,
    root: /\/Root\s+(\d+ \d+ R)/.exec(trailer)![1],
    info: /\/Info\s+(\d+ \d+ R)/.exec(trailer)?.[1] ?? null,
    size: Number(/\/Size\s+(\d+)/.exec(trailer)![1]),
  };
}

/**
 * Appends an incremental update, as an editor would: the given objects (new numbers, or earlier
 * numbers redefined), a cross-reference table for them and a trailer pointing back with /Prev.
 */
export function appendRevision(pdf: Buffer, objects: { num: number; body: string }[]): Buffer {
  const previous = lastTrailer(pdf);
  const parts: Buffer[] = [pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from("\n")])];
  let length = parts[0].length;
  const offsets = new Map<number, number>();
  for (const { num, body } of objects) {
    offsets.set(num, length);
    const chunk = Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, "latin1");
    parts.push(chunk);
    length += chunk.length;
  }
  const xrefAt = length;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const table = nums.map((n) => `${n} 1\n${String(offsets.get(n)).padStart(10, "0")} 00000 n \n`).join("");
  const size = Math.max(previous.size, nums.at(-1)! + 1);
  const trailer = `<< /Size ${size} /Root ${previous.root}${previous.info ? ` /Info ${previous.info}` : ""} /Prev ${previous.startxref} >>`;
  parts.push(Buffer.from(`xref\n${table}trailer\n${trailer}\nstartxref\n${xrefAt}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** The body of object `num` as the file last defines it, between `obj` and `endobj`. */
export function objectBody(pdf: Buffer, num: number): string {
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf(`\n${num} 0 obj`);
  return text.slice(text.indexOf("obj", at) + 3, text.indexOf("endobj", at)).trim();
}

/** The object number of the first page (pdfkit writes pages as `/Type /Page`). */
export function firstPageNumber(pdf: Buffer): number {
  return Number(/(\d+) 0 obj\s*<<\s*\/Type \/Page\b/.exec(pdf.toString("latin1"))![1]);
}

/** Changes what the first page shows: a new content stream drawn after the page's own. */
export function appendPageChange(pdf: Buffer): Buffer {
  const page = firstPageNumber(pdf);
  const size = lastTrailer(pdf).size;
  const stream = "BT /F1 24 Tf 72 72 Td (Amended: 1 000 000 000 VND) Tj ET";
  const body = objectBody(pdf, page).replace(/\/Contents\s+(\d+ 0 R)/, `/Contents [$1 ${size} 0 R]`);
  return appendRevision(pdf, [
    { num: size, body: `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream` },
    { num: page, body },
  ]);
}

class TestCmsSigner extends Signer {
  constructor(private readonly signer: CmsSigner) {
    super();
  }
  async sign(data: Buffer): Promise<Buffer> {
    return buildSignedData(this.signer, { content: data });
  }
}

/** Adds an approval signature in a new revision, as a signing tool does over a document it received. */
export async function signRevision(pdf: Buffer, signer: CmsSigner, name = "Test signer", at = new Date()): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: "Counter-signature",
    contactInfo: "",
    name,
    location: "Ha Noi",
    signingTime: at,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 16384,
  });
  return new SignPdf().sign(withPlaceholder, new TestCmsSigner(signer), at);
}
