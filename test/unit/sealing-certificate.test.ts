import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { sealPdf } from "~/pdf/agreement.server";
import { readP12 } from "~/pdf/certificate.server";
import { parseCertificate } from "~/pdf/cms.server";
import { extractSignatures } from "../helpers/pdf-signatures";
import { makeCertificate } from "../helpers/tsa";
import * as pkijs from "pkijs";

function onePagePdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.text("Biên bản ghi nhớ").end();
  return done;
}

describe("a sealing certificate issued by a CA", () => {
  const root = makeCertificate({ commonName: "Test Root CA", ca: true });
  const leaf = makeCertificate({ commonName: "Cổng Đổi mới sáng tạo", issuer: root });
  // The file lists the CA first: the signer is found by its key, not by its place.
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(leaf.key, [root.cert, leaf.cert], "mat-khau", { algorithm: "3des" })).getBytes(), "binary");

  it("is read with its chain, the signer's certificate first", () => {
    const { signer, subject, facts } = readP12(p12, "mat-khau", "test");
    expect(subject).toBe("Cổng Đổi mới sáng tạo");
    expect(signer.chain.map((der) => der.equals(leaf.der))).toEqual([true, false]);
    expect(signer.chain[1].equals(root.der)).toBe(true);
    expect(facts.issuer).toContain("Test Root CA");
  });

  it("embeds the whole chain in the seal, which openssl verifies up to the root", async () => {
    const { signer, subject, facts } = readP12(p12, "mat-khau", "test");
    const sealed = await sealPdf(await onePagePdf(), { ...facts, name: subject, signer, source: "configured" }, { reason: "test", location: "VN", at: new Date(), tsaUrl: null, place: { page: 0, rect: [72, 72, 312, 156] } });
    const { cms, signedBytes } = extractSignatures(sealed)[0];
    const certificates = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms)).content }).certificates ?? [];
    expect(certificates.map((c) => (c as pkijs.Certificate).subject.typesAndValues.at(-1)?.value.valueBlock.value)).toEqual(
      [leaf.der, root.der].map((der) => parseCertificate(der).subject.typesAndValues.at(-1)?.value.valueBlock.value),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-chain-"));
    try {
      fs.writeFileSync(path.join(dir, "seal.p7s"), cms);
      fs.writeFileSync(path.join(dir, "content"), signedBytes);
      fs.writeFileSync(path.join(dir, "root.pem"), root.pem);
      const out = spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", "seal.p7s", "-content", "content", "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null"], { cwd: dir, encoding: "utf8" });
      expect(out.stderr).toContain("Verification successful");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
