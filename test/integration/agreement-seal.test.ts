import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readP12 } from "~/pdf/certificate.server";
import { Client, DEMO } from "../helpers/http";
import { extractSignatures, readCms } from "../helpers/pdf-signatures";
import { darkShare, sealTimeOf, signatureFields } from "../helpers/seal-widget";
import { startTestServer, type TestServer } from "../helpers/server";
import { signWithEmailedCode } from "../helpers/signing";
import { TestTsa } from "../helpers/tsa";
import { waitUntil } from "../helpers/wait";

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

describe("the agreement seal: PAdES with a timestamp, and a certificate anyone can check", () => {
  let server: TestServer;
  let tsa: TestTsa;
  let tmp: string;
  beforeAll(async () => {
    tsa = await TestTsa.start();
    server = await startTestServer({ TSA_URL: tsa.url, OUTBOX_RETRY_BASE_MS: "300" });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-seal-"));
  });
  afterAll(async () => {
    await server?.stop();
    await tsa?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function agreementPdf(reference: string): Promise<Buffer> {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", reference).executeTakeFirstOrThrow();
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    const res = await client.get(`/mous/${mou.id}/agreement.pdf`);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  async function sign(email: string, name: string, mouId: string): Promise<void> {
    expect((await signWithEmailedCode(server, email, name, mouId)).res.status).toBe(302);
  }

  /** Checks the timestamp token in the seal against the test TSA's certificate with openssl. */
  function verifyTimestamp(pdf: Buffer, name: string): void {
    const { timestampToken, signatureValue } = readCms(extractSignatures(pdf).at(-1)!.cms);
    expect(timestampToken).not.toBeNull();
    fs.writeFileSync(path.join(tmp, `${name}.tst`), timestampToken!);
    fs.writeFileSync(path.join(tmp, "tsa.pem"), tsa.certificate.pem);
    const out = spawnSync("openssl", ["ts", "-verify", "-token_in", "-in", `${name}.tst`, "-digest", sha256(signatureValue), "-CAfile", "tsa.pem"], { cwd: tmp, encoding: "utf8" });
    expect(out.stdout + out.stderr).toContain("Verification: OK");
  }

  it("is a whole-document ETSI.CAdES.detached signature with signing-certificate-v2, its time in /M, a clean file", () => {
    return agreementPdf("MOU-%-0001").then((pdf) => {
      const file = path.join(tmp, "seeded.pdf");
      fs.writeFileSync(file, pdf);
      const sig = spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
      expect(sig).toContain("Signature Type: ETSI.CAdES.detached");
      expect(sig).toContain("Total document signed");
      expect(sig).toContain("Signature is Valid");
      const cms = extractSignatures(pdf).at(-1)!.cms;
      fs.writeFileSync(path.join(tmp, "seal.p7s"), cms);
      const printed = execFileSync("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", "seal.p7s"], { cwd: tmp, encoding: "utf8" });
      expect(printed).toContain("id-smime-aa-signingCertificateV2");
      // PAdES: the time is the dictionary's /M, never a CMS signing-time attribute.
      expect(printed).not.toContain("signingTime");
      expect(pdf.toString("latin1")).toMatch(/\/M \(D:\d{14}/);
      const check = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
      expect(check.status).toBe(0);
      expect(check.stdout + check.stderr).not.toMatch(/WARNING/i);
    });
  });

  it("shows the seal on the page that lists the signatories: its widget, appearance, certificate name and the time of /M", async () => {
    const file = path.join(tmp, "appearance.pdf");
    fs.writeFileSync(file, await agreementPdf("MOU-%-0001"));
    const { fields, sigFlags } = signatureFields(file);
    expect(sigFlags).toBe(3);
    expect(fields).toHaveLength(1);
    const [seal] = fields;
    const [left, bottom, right, top] = seal.rect;
    expect(right - left).toBeGreaterThan(100);
    expect(top - bottom).toBeGreaterThan(50);
    expect(seal.appearance).toMatchObject({ "/Type": "/XObject", "/Subtype": "/Form" });
    const page = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(seal.page), "-l", String(seal.page), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(page).toContain("Chữ ký của các bên / Signatures of the parties");
    // The certificate's common name, then its organization.
    expect(page).toContain("Đóng dấu bởi / Sealed by Innovation Forum Portal (development) Innovation Forum Portal Thời điểm");
    expect(page).toContain(`Thời điểm / Time ${sealTimeOf(seal.signature)}`);
    expect(darkShare(file, seal.page, seal.rect, 842)).toBeGreaterThan(0.04);
  });

  it("carries an RFC 3161 timestamp over the signature that verifies against the TSA", async () => {
    verifyTimestamp(await agreementPdf("MOU-%-0001"), "seeded");
    expect(tsa.requests).toBeGreaterThan(0);
  });

  it("says on every page that a development certificate sealed it", async () => {
    const file = path.join(tmp, "pages.pdf");
    fs.writeFileSync(file, await agreementPdf("MOU-%-0001"));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
    expect(text.split("development certificate").length - 1).toBeGreaterThanOrEqual(pages);
  });

  it("has a QR code on every page that decodes from a 100 dpi scan to the verification link", async () => {
    const file = path.join(tmp, "scan.pdf");
    fs.writeFileSync(file, await agreementPdf("MOU-%-0001"));
    execFileSync("pdftoppm", ["-r", "100", "-gray", file, path.join(tmp, "scan")]);
    const scans = fs.readdirSync(tmp).filter((f) => f.startsWith("scan-") && f.endsWith(".pgm"));
    expect(scans.length).toBeGreaterThan(3);
    for (const scan of scans) {
      const pgm = fs.readFileSync(path.join(tmp, scan));
      // PGM: "P5\n<width> <height>\n255\n" then one byte a pixel.
      const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString("latin1"))!.map(Number);
      const pixels = pgm.subarray(pgm.length - width * height);
      const rgba = new Uint8ClampedArray(width * height * 4);
      pixels.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
      expect(jsQR(rgba, width, height)?.data, scan).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/verify\?code=/);
    }
  });

  async function auditText(reference: string): Promise<string> {
    const file = path.join(tmp, "audit.pdf");
    fs.writeFileSync(file, await agreementPdf(reference));
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  }

  it("prints the seeded agreement's trail from the draft on, with each signatory's email", async () => {
    const text = await auditText("MOU-%-0001");
    expect(text).toContain("Tạo bản nháp / Draft created");
    expect(text).toContain(`<${DEMO.signerKami}>`);
    expect(text).toContain(`<${DEMO.signer3ds}>`);
  });

  it("gives on the seeded audit page, in order from the draft, each signatory's name, email, organization, method, Vietnam time, plain address and the signed version's hash", async () => {
    const text = await auditText("MOU-%-0001");
    const audit = text.slice(text.indexOf("Nhật ký ký kết / Audit trail"));
    expect(audit).toContain("giờ Việt Nam (UTC+7)");
    const mou = await server.db.selectFrom("mous").select(["id", "current_version_id"]).where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const { content_hash: hash } = await server.db.selectFrom("mou_versions").select("content_hash").where("id", "=", mou.current_version_id!).executeTakeFirstOrThrow();
    const signers = await server.db.selectFrom("signatories").select(["email", "signed_at", "ip"]).where("mou_id", "=", mou.id).orderBy("signed_at").execute();
    const vietnamTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(11, 16);
    const steps = [
      "Tạo bản nháp / Draft created",
      "Phiên bản 1 / Version 1",
      "Khóa phiên bản 1 và gửi ký / Version 1 frozen and sent for signature",
      ...signers.map((s) => `${vietnamTime(s.signed_at!)} · Ký (gõ tên), xác nhận bằng mã gửi qua email / Signed (typed), confirmed with an emailed code`),
      "Phát hành và niêm phong bằng chữ ký số / Issued and sealed with a digital signature",
    ];
    const positions = steps.map((step) => audit.indexOf(step));
    expect(positions.every((p) => p >= 0), steps.filter((_, i) => positions[i] < 0).join("; ")).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(audit).toContain(`Nguyễn Hoàng Nam <${DEMO.signer3ds}>, Tập đoàn Dassault Systèmes · IP: ${signers[0].ip} SHA-256: ${hash}`);
    expect(audit).toContain(`Đỗ Thị Thu Trang <${DEMO.signerKami}>, CTCP Công nghệ Chế tạo Kami · IP: ${signers[1].ip} SHA-256: ${hash}`);
  });

  it("/verify publishes the sealing certificate's fingerprint, and it is the certificate in the seal", async () => {
    const pdf = await agreementPdf("MOU-%-0001");
    const fingerprint = sha256(readCms(extractSignatures(pdf).at(-1)!.cms).signerCertificate);
    const visitor = new Client(server.baseUrl);
    const page = await (await visitor.get("/verify")).text();
    expect(page).toContain(fingerprint);
    expect(page).toContain("Chứng thư thử nghiệm");
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "ban-goc.pdf");
    const answer = await (await visitor.post("/verify", form)).text();
    expect(answer).toContain("Văn bản do Cổng phát hành");
    expect(answer.split(fingerprint).length - 1).toBeGreaterThanOrEqual(2);
    const download = await visitor.get(`/verify/certificates/${fingerprint}`);
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(fingerprint);
    expect((await visitor.get(`/verify/certificates/${"0".repeat(64)}`)).status).toBe(404);
  });

  it("a failing timestamp authority fails the seal job, shown on /admin, and the retry seals with a timestamp", async () => {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    tsa.failing = true;
    await sign(DEMO.signer3ds, "Nguyễn Hoàng Nam", mou.id);
    await sign(DEMO.signerKami, "Đỗ Thị Thu Trang", mou.id);
    const failing = await waitUntil("a failed seal attempt", async () => {
      const job = await server.db.selectFrom("jobs").selectAll().where("kind", "=", "agreement.seal").executeTakeFirst();
      return job && Number(job.attempts) >= 2 && job;
    });
    expect(failing.last_error).toContain("TSA_URL");
    expect(await server.db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).execute()).toHaveLength(0);
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    expect(await (await staff.get("/admin/jobs")).text()).toContain("TSA_URL");

    tsa.failing = false;
    await waitUntil("the sealed agreement", () => server.db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).executeTakeFirst());
    verifyTimestamp(await agreementPdf("MOU-%-0002"), "retried");

    // Signed here through the portal: the audit page gives the addresses as written plainly.
    const text = await auditText("MOU-%-0002");
    expect(text).toContain("Tạo bản nháp / Draft created");
    expect(text).toMatch(new RegExp(`<${DEMO.signerKami}>, [^·]+ · IP: 127\\.0\\.0\\.1`));
    expect(text).not.toContain("::ffff:");
  });
});

describe("a real deployment that chose the development certificate", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((baseUrl) => ({ DEMO_DATA: "off", PUBLIC_URL: baseUrl, SIGNING_DEVELOPMENT_CERTIFICATE: "on" }));
  });
  afterAll(async () => server?.stop());

  it("starts, and /verify says the certificate is a development one", async () => {
    const page = await (await new Client(server.baseUrl).get("/verify")).text();
    expect(page).toContain("Chứng thư thử nghiệm (development certificate)");
  });

  it("keeps the development key under a random passphrase in DATA_DIR, not one written in the code", () => {
    const p12 = fs.readFileSync(path.join(server.dataDir, "development-seal.p12"));
    const passphrase = fs.readFileSync(path.join(server.dataDir, "development-seal.passphrase"), "utf8").trim();
    expect(passphrase).toMatch(/^[0-9a-f]{64}$/);
    expect(() => readP12(p12, "development-only", "test")).toThrow(/wrong SIGNING_P12_PASSPHRASE/);
    expect(readP12(p12, passphrase, "test").subject).toContain("development");
  });
});
