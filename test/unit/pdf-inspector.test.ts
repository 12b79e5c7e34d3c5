import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import PDFDocument from "pdfkit";
import { beforeAll, describe, expect, it } from "vitest";
import { sealPdf } from "~/pdf/agreement.server";
import { createSelfSignedP12, readP12, type SigningCertificate } from "~/pdf/certificate.server";
import { inspectPdf } from "~/pdf/inspect/inspect.server";
import { appendPageChange, appendRevision, objectBody, firstPageNumber, signRevision } from "../helpers/pdf-revisions";
import { makeCertificate } from "../helpers/tsa";

function plainPdf(pages = 2): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: true });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    for (let i = 0; i < pages; i++) {
      if (i) doc.addPage();
      doc.fontSize(14).text(`Page ${i + 1}: the agreement's text`);
    }
    doc.end();
  });
}

describe("the PDF inspector", () => {
  let sealed: Buffer;
  let portal: SigningCertificate;
  const root = makeCertificate({ commonName: "Test Root CA", ca: true });
  const intermediate = makeCertificate({ commonName: "Test Issuing CA", ca: true, issuer: root });
  const signer = makeCertificate({ commonName: "Nguyễn Văn Ký", issuer: intermediate });
  const chain = { key: signer.keyObject, chain: [signer.der, intermediate.der, root.der] };

  beforeAll(async () => {
    const { signer: cms, subject, facts } = readP12(createSelfSignedP12("pass"), "pass", "test");
    portal = { ...facts, name: subject, signer: cms, source: "development" };
    sealed = await sealPdf(await plainPdf(), portal, { reason: "test", location: "VN", at: new Date(), tsaUrl: null, place: { page: 0, rect: [56, 500, 296, 584] } });
  });

  it("reads a sealed file as two revisions, the seal valid and covering the whole file, added by signing alone", async () => {
    const seen = await inspectPdf(sealed);
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.revisions).toHaveLength(2);
    expect(seen.signatures).toHaveLength(1);
    expect(seen.signatures[0]).toMatchObject({ verdict: "valid", coverage: "wholeFile", subFilter: "ETSI.CAdES.detached", revision: 1 });
    expect(seen.signatures[0].certificate?.fingerprint).toBe(portal.fingerprint);
    expect(seen.signatures[0].claimedTime).not.toBeNull();
    expect(seen.changes).toEqual([expect.objectContaining({ revision: 1, content: false })]);
    expect(seen.changes[0].kinds).toContain("signature");
  });

  it("tells a counter-signature appended after the seal: the seal covers its revision, the new one the file", async () => {
    const seen = await inspectPdf(await signRevision(sealed, chain));
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.signatures.map((s) => [s.coverage, s.verdict, s.revision])).toEqual([
      ["revision", "valid", 1],
      ["wholeFile", "valid", 2],
    ]);
    expect(seen.signatures[1].certificate?.subject).toContain("Nguyễn Văn Ký");
    expect(seen.signatures[1].chain).toHaveLength(3);
    expect(seen.changes.map((c) => c.content)).toEqual([false, false]);
  });

  it("tells a page changed in an appended revision as a content change", async () => {
    const seen = await inspectPdf(appendPageChange(sealed));
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.signatures[0]).toMatchObject({ verdict: "valid", coverage: "revision" });
    expect(seen.changes.at(-1)).toMatchObject({ revision: 2, content: true });
    expect(seen.changes.at(-1)!.kinds).toContain("page");
  });

  it("tells a non-signature annotation added to a page as a content change", async () => {
    const page = firstPageNumber(sealed);
    const annot = 900;
    const body = objectBody(sealed, page).replace(/\/Annots\s*\[/, `/Annots [${annot} 0 R `);
    const changed = appendRevision(sealed, [
      { num: annot, body: "<< /Type /Annot /Subtype /FreeText /Rect [10 10 300 40] /Contents (Paid in full) /DA (/Helv 12 Tf 0 g) >>" },
      { num: page, body },
    ]);
    const seen = await inspectPdf(changed);
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.changes.at(-1)).toMatchObject({ content: true, kinds: expect.arrayContaining(["annotation"]) });
  });

  it("finds one changed byte: the seal no longer verifies", async () => {
    const copy = Buffer.from(sealed);
    const at = copy.indexOf("/Producer");
    copy[at + 2] = copy[at + 2] === 0x72 ? 0x52 : 0x72;
    const seen = await inspectPdf(copy);
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.signatures[0].verdict).toBe("invalid");
  });

  it("reads cross-reference streams with object streams, and what an update changes in them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inspect-"));
    try {
      fs.writeFileSync(path.join(dir, "in.pdf"), await plainPdf());
      execFileSync("qpdf", ["--object-streams=generate", "in.pdf", "out.pdf"], { cwd: dir });
      const packed = fs.readFileSync(path.join(dir, "out.pdf"));
      expect(packed.toString("latin1")).toContain("/ObjStm");
      const seen = await inspectPdf(packed);
      expect(seen).toMatchObject({ ok: true, signatures: [], changes: [] });
      // The page lives in an object stream; an update written as a classic table redefines it.
      const page = Number(/page 1: (\d+) 0 R/.exec(execFileSync("qpdf", ["--show-pages", "out.pdf"], { cwd: dir, encoding: "utf8" }))![1]);
      const body = execFileSync("qpdf", [`--show-object=${page}`, "out.pdf"], { cwd: dir, encoding: "utf8" }).trim();
      const changed = await inspectPdf(appendRevision(packed, [{ num: page, body: body.replace(/\/MediaBox \[[^\]]*\]/, "/MediaBox [ 0 0 300 300 ]") }]));
      expect(changed).toMatchObject({ ok: true, changes: [{ revision: 1, content: true, kinds: ["page"] }] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers a file that is no PDF, a truncated one and hostile nesting with a reason, never an exception", async () => {
    expect(await inspectPdf(Buffer.from("hello, this is not a PDF"))).toEqual({ ok: false, reason: "notPdf" });
    expect(await inspectPdf(sealed.subarray(0, 1000))).toEqual({ ok: false, reason: "unreadable" });
    // Cut inside the seal's revision: the first revision is whole, the rest is told as bytes without a revision.
    const cut = await inspectPdf(sealed.subarray(0, sealed.length - 100));
    expect(cut).toMatchObject({ ok: true, signatures: [], revisions: [{ index: 0 }] });
    expect(cut.ok && cut.trailingBytes).toBeGreaterThan(0);
    const deep = Buffer.from(`%PDF-1.7\n1 0 obj\n${"[".repeat(100_000)}\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${9 + 8 + 100_001 + 7}\n%%EOF\n`);
    expect(await inspectPdf(deep)).toMatchObject({ ok: false });
    const selfPrev = Buffer.from("%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev 9 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n");
    expect(await inspectPdf(selfPrev)).toMatchObject({ ok: true, signatures: [] });
    const objects = "1 0 obj\n2 0 R\nendobj\n2 0 obj\n1 0 R\nendobj\n";
    const xrefAt = 9 + objects.length;
    const loop = Buffer.from(`%PDF-1.7\n${objects}xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n${String(9 + 19).padStart(10, "0")} 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    expect(await inspectPdf(loop)).toEqual({ ok: false, reason: "unreadable" });
    const huge = Buffer.from("%PDF-1.7\nxref\n0 9000000\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n");
    expect(await inspectPdf(huge)).toMatchObject({ ok: false });
  });
});

describe("the PDF inspector's bounds", () => {
  it("stops a compressed cross-reference stream that inflates past its budget, as too complex", async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(40 * 1024 * 1024));
    const head = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /XRef /Size 2 /W [1 4 2] /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`);
    const pdf = Buffer.concat([head, bomb, Buffer.from(`\nendstream\nendobj\nstartxref\n9\n%%EOF\n`)]);
    expect(await inspectPdf(pdf)).toEqual({ ok: false, reason: "tooComplex" });
  });
});
