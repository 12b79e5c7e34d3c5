import { ANNOTATION_FLAGS, DEFAULT_BYTE_RANGE_PLACEHOLDER, PDFObject, SIG_FLAGS } from "@signpdf/utils";
import type { SealAppearance } from "./seal-appearance.server";

/** Where the seal's widget goes: a page (from 0) and a rectangle in PDF points, [left bottom right top]. */
export type SealPlace = { page: number; rect: [number, number, number, number] };

export type SealPlaceholder = {
  place: SealPlace;
  appearance: SealAppearance;
  subFilter: string;
  signatureLength: number;
  reason: string;
  name: string;
  location: string;
  at: Date;
  appName: string;
};

/** `xref` is where the newest cross-reference table really starts: the next revision's /Prev. */
export type Revision = { offsets: Map<number, number>; size: number; trailer: string; xref: number };

/** The objects' offsets over every cross-reference table (newest wins) and the newest trailer. */
function readRevision(pdf: string): Revision {
  const offsets = new Map<number, number>();
  const startxref = Number(/startxref\s+(\d+)/.exec(pdf.slice(pdf.lastIndexOf("startxref")))?.[1]);
  let trailer = "";
  let newest = -1;
  // Tolerates a pointer one byte early (as @signpdf/placeholder-plain writes it): a prior signature may come from there.
  for (let at: number | null = startxref, hops = 0; at !== null && hops < 64; hops++) {
    const xref = pdf.indexOf("xref", at);
    if (!Number.isFinite(at) || xref < 0 || xref - at > 2) throw new Error("The PDF to seal has no classic cross-reference table where startxref points (cross-reference streams are not supported).");
    if (newest < 0) newest = xref;
    const end = pdf.indexOf("trailer", xref);
    let number = 0;
    for (const line of pdf.slice(xref + 4, end).split(/\r?\n/)) {
      const header = /^\s*(\d+) \d+\s*$/.exec(line);
      const entry = /^(\d{10}) \d{5} ([nf])/.exec(line.trim());
      if (header) number = Number(header[1]);
      else if (entry) {
        if (entry[2] === "n" && !offsets.has(number)) offsets.set(number, Number(entry[1]));
        number++;
      }
    }
    const dict = pdf.slice(end + 7, pdf.indexOf("startxref", end));
    trailer ||= dict;
    const prev = /\/Prev\s+(\d+)/.exec(dict);
    at = prev ? Number(prev[1]) : null;
  }
  return { offsets, size: Number(/\/Size\s+(\d+)/.exec(trailer)![1]), trailer, xref: newest };
}

export function reference(dict: string, key: string): number | null {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return match ? Number(match[1]) : null;
}

/** Adds `entry` at the end of a dictionary's top level. */
function withEntry(dict: string, entry: string): string {
  const end = dict.lastIndexOf(">>");
  return `${dict.slice(0, end)}${entry}\n${dict.slice(end)}`;
}

/** Appends a reference to the array under `key`, inline; null when the array is not written inline. */
export function withArrayItem(dict: string, key: string, item: string): string | null {
  const match = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dict);
  if (!match) return null;
  const close = match.index + match[0].length - 1;
  return `${dict.slice(0, close)} ${item}${dict.slice(close)}`;
}

/** The newest revision of a classic-xref PDF: its objects' bodies by number, its catalog and its pages in order. */
export function readPageTree(file: Buffer) {
  const pdf = file.toString("latin1");
  const revision = readRevision(pdf);
  const body = (number: number) => {
    const offset = revision.offsets.get(number);
    if (offset === undefined) throw new Error(`The PDF has no object ${number}.`);
    const start = pdf.indexOf("obj", offset) + 3;
    return pdf.slice(start, pdf.indexOf("endobj", start)).trim();
  };
  const rootNumber = reference(revision.trailer, "Root")!;
  const root = body(rootNumber);
  const pagesRoot = reference(root, "Pages")!;
  const pages: number[] = [];
  const collectPages = (number: number, depth: number) => {
    const node = body(number);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
    if (!kids) return void pages.push(number);
    if (depth < 32) for (const [, kid] of kids[1].matchAll(/(\d+)\s+0\s+R/g)) collectPages(Number(kid), depth + 1);
  };
  collectPages(pagesRoot, 0);
  return { pdf, revision, body, rootNumber, root, pagesRoot, pages };
}

/**
 * Adds the portal's signature field to a finished PDF as an incremental update, ready for
 * SignPdf: the signature dictionary with its placeholders, a widget with a visible appearance
 * on the given page, the page's /Annots and the AcroForm's /Fields (SigFlags 3). Nothing
 * already in the file changes, so the same call seals a file that others have signed before.
 */
export function addSealPlaceholder(file: Buffer, seal: SealPlaceholder): Buffer {
  const { pdf, revision, body, rootNumber, root, pages } = readPageTree(file);
  const { size, trailer, xref } = revision;
  const pageNumber = pages[seal.place.page];
  if (pageNumber === undefined) throw new Error(`The PDF to seal has no page ${seal.place.page + 1}.`);

  const appearance = seal.appearance.numbered(size);
  const signature = size + appearance.length;
  const widget = signature + 1;
  const written = new Map<number, Buffer>(appearance.map((object, i) => [size + i, object]));
  const placeholder = DEFAULT_BYTE_RANGE_PLACEHOLDER;
  const dictionary = PDFObject.convert({
    Type: "Sig",
    Filter: "Adobe.PPKLite",
    SubFilter: seal.subFilter,
    ByteRange: [0, placeholder, placeholder, placeholder],
    Contents: Buffer.alloc(seal.signatureLength),
    Reason: new String(seal.reason),
    M: seal.at,
    Name: new String(seal.name),
    Location: new String(seal.location),
    Prop_Build: { Filter: { Name: "Adobe.PPKLite" }, App: { Name: seal.appName } },
  }) as string;
  written.set(signature, Buffer.from(dictionary, "latin1"));
  const acroForm = reference(root, "AcroForm");
  const form = acroForm === null ? null : body(acroForm);
  // Field names must differ: a seal over earlier signatures takes the next number.
  const earlierFields = form ? [.../\/Fields\s*\[([^\]]*)\]/.exec(form)?.[1].matchAll(/\d+\s+0\s+R/g) ?? []].length : 0;
  const [left, bottom, right, top] = seal.place.rect;
  written.set(
    widget,
    Buffer.from(
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (PortalSeal${earlierFields ? earlierFields + 1 : ""})\n/V ${signature} 0 R\n/Rect [${left} ${bottom} ${right} ${top}]\n/F ${ANNOTATION_FLAGS.PRINT}\n/P ${pageNumber} 0 R\n/AP << /N ${size} 0 R >>\n>>`,
      "latin1",
    ),
  );

  const page = body(pageNumber);
  const annots = reference(page, "Annots");
  if (annots !== null) written.set(annots, Buffer.from(body(annots).replace(/\]\s*$/, ` ${widget} 0 R]`), "latin1"));
  else written.set(pageNumber, Buffer.from(withArrayItem(page, "Annots", `${widget} 0 R`) ?? withEntry(page, `/Annots [${widget} 0 R]`), "latin1"));

  const sigFlags = `/SigFlags ${SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY}`;
  if (acroForm !== null && form !== null) {
    const fields = withArrayItem(form, "Fields", `${widget} 0 R`);
    if (!fields) throw new Error("The PDF to seal has an AcroForm whose /Fields is not an inline array.");
    written.set(acroForm, Buffer.from(/\/SigFlags\s+\d+/.test(fields) ? fields.replace(/\/SigFlags\s+\d+/, sigFlags) : withEntry(fields, sigFlags), "latin1"));
  } else if (/\/AcroForm\s*<</.test(root)) {
    throw new Error("The PDF to seal has an AcroForm written inside its catalog, which this sealer does not rewrite.");
  } else {
    const newForm = widget + 1;
    // /Type first, as pdfkit writes it: @signpdf's placeholder, which parties' tools use to sign after
    // the seal, finds an existing form only by "N 0 obj\n<<\n/Type /AcroForm".
    written.set(newForm, Buffer.from(`<<\n/Type /AcroForm\n${sigFlags}\n/Fields [${widget} 0 R]\n>>`, "latin1"));
    written.set(rootNumber, Buffer.from(withEntry(root, `/AcroForm ${newForm} 0 R`), "latin1"));
  }
  return appendRevision(file.subarray(0, pdf.lastIndexOf("%%EOF") + 5), written, { size, trailer, xref });
}

/** Writes the objects, a cross-reference section for them and a trailer pointing at the previous one. */
export function appendRevision(file: Buffer, objects: Map<number, Buffer>, previous: Pick<Revision, "size" | "trailer" | "xref">): Buffer {
  const chunks: Buffer[] = [file];
  let length = file.length;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  const at = new Map<number, number>();
  for (const number of numbers) {
    push(Buffer.from("\n", "latin1"));
    at.set(number, length);
    push(Buffer.concat([Buffer.from(`${number} 0 obj\n`, "latin1"), objects.get(number)!, Buffer.from("\nendobj", "latin1")]));
  }
  push(Buffer.from("\n", "latin1"));
  const start = length;
  let table = "xref\n";
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    table += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) table += `${String(at.get(numbers[k])).padStart(10, "0")} 00000 n \n`;
    i = j + 1;
  }
  const keep = (key: string) => new RegExp(`/${key}\\s*(\\d+\\s+0\\s+R|\\[[^\\]]*\\])`).exec(previous.trailer)?.[0];
  const size = Math.max(previous.size, numbers.at(-1)! + 1);
  const trailer = [`/Size ${size}`, keep("Root"), keep("Info"), keep("ID"), `/Prev ${previous.xref}`].filter(Boolean).join("\n");
  push(Buffer.from(`${table}trailer\n<<\n${trailer}\n>>\nstartxref\n${start}\n%%EOF\n`, "latin1"));
  return Buffer.concat(chunks);
}
