import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sealPdf } from "~/pdf/agreement.server";
import { appendPages, countPages } from "~/pdf/append-pages.server";
import { createSelfSignedP12, readP12, type SigningCertificate } from "~/pdf/certificate.server";
import { startPdf } from "~/pdf/document.server";
import { inspectPdf } from "~/pdf/inspect/inspect.server";
import { signRevision } from "../helpers/pdf-revisions";
import { makeCertificate } from "../helpers/tsa";

async function pdfWithPages(lines: string[]): Promise<Buffer> {
  const { pdf, done } = startPdf({ size: "A4", lang: "vi-VN" });
  lines.forEach((line, i) => {
    if (i) pdf.addPage();
    pdf.font(i % 2 ? "bold" : "regular").fontSize(14).text(line);
  });
  pdf.end();
  return done;
}

function tool(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`;
}

describe("appending pages to a signed PDF in one revision", () => {
  const root = makeCertificate({ commonName: "Test Root CA", ca: true });
  const signer = makeCertificate({ commonName: "Nguyễn Văn Ký", issuer: root });
  let signed: Buffer;
  let appended: Buffer;
  let portal: SigningCertificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "append-pages-"));
  const file = (name: string, content: Buffer) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };

  beforeAll(async () => {
    signed = await signRevision(await pdfWithPages(["Điều khoản một", "Điều khoản hai"]), { key: signer.keyObject, chain: [signer.der, root.der] });
    appended = appendPages(signed, await pdfWithPages(["Chữ ký của các bên / Signatures of the parties", "Nhật ký kiểm tra / Audit trail"]));
    const { signer: cms, subject, facts } = readP12(createSelfSignedP12("pass"), "pass", "test");
    portal = { ...facts, name: subject, signer: cms, source: "development" };
  });

  it("keeps every earlier byte, adds the pages after the signed ones with their Vietnamese text, and passes qpdf", async () => {
    expect(appended.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(countPages(signed)).toBe(2);
    expect(countPages(appended)).toBe(4);
    const at = file("appended.pdf", appended);
    expect(tool("qpdf", ["--check", at])).toContain("No syntax or stream encoding errors found");
    const pages = execFileSync("pdftotext", ["-layout", at, "-"], { encoding: "utf8" }).split("\f");
    expect(pages[0]).toContain("Điều khoản một");
    expect(pages[2]).toContain("Chữ ký của các bên / Signatures of the parties");
    expect(pages[3]).toContain("Nhật ký kiểm tra / Audit trail");
  });

  it("leaves the earlier signature valid for its revision and is told as a content change; a seal over it covers the whole file", async () => {
    const seen = await inspectPdf(appended);
    if (!seen.ok) throw new Error(seen.reason);
    expect(seen.signatures.map((s) => [s.verdict, s.coverage])).toEqual([["valid", "revision"]]);
    expect(seen.changes.at(-1)).toMatchObject({ content: true });
    expect(seen.changes.at(-1)!.kinds).toContain("pageTree");

    const sealed = await sealPdf(appended, portal, { reason: "test", location: "VN", at: new Date(), tsaUrl: null, place: { page: 2, rect: [56, 500, 296, 584] } });
    const after = await inspectPdf(sealed);
    if (!after.ok) throw new Error(after.reason);
    expect(after.signatures.map((s) => [s.verdict, s.coverage])).toEqual([
      ["valid", "revision"],
      ["valid", "wholeFile"],
    ]);
    const at = file("sealed.pdf", sealed);
    expect(tool("qpdf", ["--check", at])).toContain("No syntax or stream encoding errors found");
    expect(tool("pdfsig", [at]).match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
  });

  it("refuses pages that refer to objects outside themselves, rather than writing a broken file", async () => {
    // Object 0 is never in use: the same number of digits keeps the cross-reference offsets right.
    const appendix = (await pdfWithPages(["Trang"])).toString("latin1").replace(/\/Contents (\d+) 0 R/, (_, n: string) => `/Contents ${"0".repeat(n.length)} 0 R`);
    expect(() => appendPages(signed, Buffer.from(appendix, "latin1"))).toThrow(/refer to object 0,/);
  });
});
