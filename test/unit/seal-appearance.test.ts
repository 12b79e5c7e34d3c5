import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer } from "@signpdf/utils";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAgreementPdf, sealPdf, type AgreementDocument } from "~/pdf/agreement.server";
import { readP12, type SigningCertificate } from "~/pdf/certificate.server";
import { buildSignedData } from "~/pdf/cms.server";
import { darkShare, sealTimeOf, signatureFields } from "../helpers/seal-widget";
import { makeCertificate } from "../helpers/tsa";

const SEALER = "Cổng Đổi mới sáng tạo Vĩnh Phúc";

function certificate(commonName: string): SigningCertificate {
  const leaf = makeCertificate({ commonName });
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(leaf.key, [leaf.cert], "mat-khau", { algorithm: "3des" })).getBytes(), "binary");
  const { signer, subject, facts } = readP12(p12, "mat-khau", "test");
  return { ...facts, name: subject, signer, source: "configured" };
}

/** A party's own signature, as another tool would make it: a detached CMS over the byte ranges. */
class CmsSigner extends Signer {
  constructor(private readonly certificate: SigningCertificate) {
    super();
  }
  async sign(data: Buffer): Promise<Buffer> {
    return buildSignedData(this.certificate.signer, { content: data });
  }
}

function agreement(): AgreementDocument {
  const at = "2026-12-01T03:04:05.000Z";
  const signatory = (name: string, organization: string) => ({ name, title: null, organization, email: `${organization.toLowerCase()}@example.test`, kind: "typed" as const, data: name, signedAt: at });
  return {
    reference: "MOU-2026-0042",
    title: { vi: "Hợp tác chuyển đổi số", en: "Digital transformation" },
    purpose: { vi: null, en: null },
    scope: { vi: null, en: null },
    event: null,
    effectiveOn: null,
    expiresOn: null,
    versionNumber: 1,
    versionHash: "a".repeat(64),
    parties: [{ name_vi: "Kami", name_en: "Kami", lead: true, logo: null }],
    clauses: [{ heading_vi: "Phạm vi", heading_en: "Scope", body_vi: "Hai bên cùng hợp tác.", body_en: "Both parties cooperate." }],
    commitments: [],
    signatories: [signatory("Đỗ Thị Thu Trang", "Kami"), signatory("Ding Ming Chee", "Dassault")],
    audit: [{ at, actor: "kami@example.test", step: "Ký / Signed", ip: "203.0.113.7", hash: null }],
    verifyUrl: "http://localhost:3000/verify?code=TEST",
    issuedAt: at,
    developmentCertificate: false,
  };
}

function pageText(file: string, page: number): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("the seal's visible appearance", () => {
  let dir: string;
  let file: string;
  let place: Awaited<ReturnType<typeof renderAgreementPdf>>["sealPlace"];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-appearance-"));
    const rendered = await renderAgreementPdf(agreement());
    place = rendered.sealPlace;
    const sealed = await sealPdf(rendered.pdf, certificate(SEALER), { reason: "test", location: "Viet Nam", at: new Date("2026-12-01T18:30:09Z"), tsaUrl: null, place });
    file = path.join(dir, "sealed.pdf");
    fs.writeFileSync(file, sealed);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is a widget with a real rectangle on the page that lists the signatories, in the AcroForm with SigFlags 3", () => {
    const { fields, sigFlags } = signatureFields(file);
    expect(sigFlags).toBe(3);
    expect(fields).toHaveLength(1);
    const [seal] = fields;
    expect(seal.page).toBe(place.page + 1);
    expect(pageText(file, seal.page)).toContain("Chữ ký của các bên / Signatures of the parties");
    const [left, bottom, right, top] = seal.rect;
    expect(right - left).toBeGreaterThanOrEqual(200);
    expect(top - bottom).toBeGreaterThanOrEqual(70);
    expect(bottom).toBeGreaterThan(0);
    expect(top).toBeLessThan(842);
  });

  it("has its own appearance stream (/AP /N, a Form XObject) naming the certificate and the time of /M in Viet Nam", () => {
    const [seal] = signatureFields(file).fields;
    expect(seal.appearance).toMatchObject({ "/Type": "/XObject", "/Subtype": "/Form" });
    expect(sealTimeOf(seal.signature)).toBe("02/12/2026 01:30:09 (UTC+7)");
    const text = pageText(file, seal.page);
    expect(text).toContain("Đóng dấu bởi / Sealed by");
    expect(text).toContain(SEALER);
    expect(text).toContain(`Thời điểm / Time ${sealTimeOf(seal.signature)}`);
  });

  it("is drawn where poppler renders the page, and the seal stays valid over the whole clean file", () => {
    const [seal] = signatureFields(file).fields;
    // The room under the signatures is blank in the page's own content: what is dark there is the seal.
    expect(darkShare(file, seal.page, seal.rect, 842)).toBeGreaterThan(0.04);
    const sig = spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
    expect(sig).toContain("Signature Type: ETSI.CAdES.detached");
    expect(sig).toContain("Total document signed");
    expect(sig).toContain("Signature is Valid");
    const check = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
    expect(check.status).toBe(0);
    expect(check.stdout + check.stderr).not.toMatch(/WARNING/i);
  });

  it("can be added over a file someone signed before, as an incremental update that leaves that signature valid", async () => {
    const twice = path.join(dir, "twice.pdf");
    fs.writeFileSync(
      twice,
      await sealPdf(fs.readFileSync(file), certificate("Second Sealer"), { reason: "again", location: "Viet Nam", at: new Date("2026-12-01T19:00:00Z"), tsaUrl: null, place: { page: 0, rect: [56, 500, 296, 584] } }),
    );
    const sig = spawnSync("pdfsig", [twice], { encoding: "utf8" }).stdout;
    expect(sig.split("Signature is Valid").length - 1).toBe(2);
    expect(sig).toContain(SEALER);
    expect(sig).toContain("Second Sealer");
    const { fields, sigFlags } = signatureFields(twice);
    expect(sigFlags).toBe(3);
    expect(fields.map((f) => [f.name, f.page]).sort()).toEqual([
      ["PortalSeal", place.page + 1],
      ["PortalSeal2", 1],
    ]);
    expect(pageText(twice, 1)).toContain("Second Sealer");
    expect(spawnSync("qpdf", ["--check", twice], { encoding: "utf8" }).status).toBe(0);
  });

  it("can be added over a signature made with @signpdf's own placeholder, whose startxref points one byte early", async () => {
    const rendered = await renderAgreementPdf(agreement());
    const other = certificate("Người ký khác");
    const placeholder = plainAddPlaceholder({ pdfBuffer: rendered.pdf, reason: "party", contactInfo: "", name: "party", location: "VN", signatureLength: 8192 });
    const signedByParty = await new SignPdf().sign(placeholder, new CmsSigner(other));
    const over = path.join(dir, "over-party.pdf");
    fs.writeFileSync(over, await sealPdf(signedByParty, certificate(SEALER), { reason: "seal", location: "Viet Nam", at: new Date(), tsaUrl: null, place: rendered.sealPlace }));
    expect(spawnSync("pdfsig", [over], { encoding: "utf8" }).stdout.split("Signature is Valid").length - 1).toBe(2);
    const { fields, sigFlags } = signatureFields(over);
    expect(sigFlags).toBe(3);
    expect(fields.find((f) => f.name === "PortalSeal2")?.page).toBe(rendered.sealPlace.page + 1);
  });
});
