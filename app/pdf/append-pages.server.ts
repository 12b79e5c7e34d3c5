import { appendRevision, readPageTree } from "./seal-placeholder.server";

/** The pages of a PDF's newest revision: what the pages appended after them are numbered from. */
export function countPages(file: Buffer): number {
  return readPageTree(file).pages.length;
}

/**
 * Appends the pages of `appendix` (a small pdfkit document) to `file` in one incremental
 * revision, leaving every earlier byte as it is, so signatures over `file` stay valid for their
 * revision: the appendix's objects are renumbered after `file`'s /Size, its pages hung under
 * `file`'s page tree root, whose /Kids and /Count are redefined. Its catalog, page tree and
 * /Info are left behind: the document's are `file`'s.
 */
export function appendPages(file: Buffer, appendix: Buffer): Buffer {
  const target = readPageTree(file);
  const source = readPageTree(appendix);
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(source.revision.trailer);
  const left = new Set([source.rootNumber, source.pagesRoot, ...(info ? [Number(info[1])] : [])]);
  const imported = [...source.revision.offsets.keys()].filter((n) => !left.has(n)).sort((a, b) => a - b);
  // The appendix's pages name its page tree root as /Parent: they become children of the file's.
  const renumbered = new Map([...imported.map((n, i): [number, number] => [n, target.revision.size + i]), [source.pagesRoot, target.pagesRoot]]);
  const renumber = (dict: string) =>
    dict.replace(/(\d+)\s+0\s+R\b/g, (_, n: string) => {
      const to = renumbered.get(Number(n));
      if (to === undefined) throw new Error(`The pages to append refer to object ${n}, which is not theirs to bring.`);
      return `${to} 0 R`;
    });

  const written = new Map<number, Buffer>();
  for (const number of imported) {
    const body = source.body(number);
    // Only the dictionary carries references; a stream's bytes are copied untouched.
    const streamAt = body.search(/\bstream\r?\n/);
    const dict = renumber(streamAt < 0 ? body : body.slice(0, streamAt));
    written.set(renumbered.get(number)!, Buffer.from(dict + (streamAt < 0 ? "" : body.slice(streamAt)), "latin1"));
  }

  const kids = source.pages.map((n) => `${renumbered.get(n)} 0 R`).join(" ");
  const root = target.body(target.pagesRoot);
  const withKids = root.replace(/\/Kids\s*\[([^\]]*)\]/, (_, existing: string) => `/Kids [${existing.trim()} ${kids}]`);
  const withCount = withKids.replace(/\/Count\s+(\d+)/, (_, count: string) => `/Count ${Number(count) + source.pages.length}`);
  if (withKids === root || withCount === withKids) throw new Error("The PDF's page tree root has no inline /Kids and /Count to extend.");
  written.set(target.pagesRoot, Buffer.from(withCount, "latin1"));
  return appendRevision(file.subarray(0, target.pdf.lastIndexOf("%%EOF") + 5), written, target.revision);
}
