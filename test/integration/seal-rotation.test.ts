import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { extractSignatures, readCms } from "../helpers/pdf-signatures";
import { startTestServer, type TestServer } from "../helpers/server";
import { signWithEmailedCode } from "../helpers/signing";
import { makeCertificate } from "../helpers/tsa";
import { waitUntil } from "../helpers/wait";

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

/** A sealing certificate as a deployment would configure it: a PKCS#12 file and its passphrase. */
function sealingCertificate(dir: string, commonName: string, passphrase: string) {
  const { cert, key, der } = makeCertificate({ commonName });
  const file = path.join(dir, `${sha256(der).slice(0, 8)}.p12`);
  fs.writeFileSync(file, Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: "3des" })).getBytes(), "binary"));
  return { commonName, fingerprint: sha256(der), env: { SIGNING_P12_PATH: file, SIGNING_P12_PASSPHRASE: passphrase } };
}

describe("a rotation of the sealing certificate", () => {
  let tmp: string;
  let before: TestServer;
  let after: TestServer;
  let certificateA: ReturnType<typeof sealingCertificate>;
  let certificateB: ReturnType<typeof sealingCertificate>;
  let first: Buffer;
  let second: Buffer;

  async function agreementPdf(server: TestServer, reference: string): Promise<Buffer> {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", reference).executeTakeFirstOrThrow();
    await waitUntil(`the agreement of ${reference}`, () => server.db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).executeTakeFirst());
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    const res = await client.get(`/mous/${mou.id}/agreement.pdf`);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** What /verify says of an uploaded file: the matched record, then the list of published certificates. */
  async function verify(pdf: Buffer): Promise<{ record: string; published: string }> {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "ban-sao.pdf");
    const page = await (await new Client(after.baseUrl).post("/verify", form)).text();
    const split = page.indexOf('id="certificates-heading"');
    return { record: page.slice(0, split), published: page.slice(split) };
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-rotation-"));
    certificateA = sealingCertificate(tmp, "Cổng Đổi mới sáng tạo (chứng thư 2026)", "mat-khau-a");
    certificateB = sealingCertificate(tmp, "Cổng Đổi mới sáng tạo (chứng thư 2027)", "mat-khau-b");
    // The demo data seals its first agreement with certificate A while the portal starts.
    before = await startTestServer(certificateA.env);
    first = await agreementPdf(before, "MOU-%-0001");
    // The restart: same database and data directory, the new certificate.
    const exited = new Promise((resolve) => before.child.once("exit", resolve));
    before.child.kill("SIGTERM");
    await exited;
    after = await startTestServer(certificateB.env, { beside: before });
    const mou = await after.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    await signWithEmailedCode(after, DEMO.signer3ds, "Nguyễn Hoàng Nam", mou.id);
    await signWithEmailedCode(after, DEMO.signerKami, "Đỗ Thị Thu Trang", mou.id);
    second = await agreementPdf(after, "MOU-%-0002");
  });
  afterAll(async () => {
    await after?.stop();
    await before?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("seals each agreement with the certificate in use at the time, and its appearance names it", () => {
    for (const [pdf, certificate, name] of [
      [first, certificateA, "first"],
      [second, certificateB, "second"],
    ] as const) {
      expect(sha256(readCms(extractSignatures(pdf).at(-1)!.cms).signerCertificate)).toBe(certificate.fingerprint);
      const file = path.join(tmp, `${name}.pdf`);
      fs.writeFileSync(file, pdf);
      expect(spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout).toContain("Signature is Valid");
      expect(execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ")).toContain(`Sealed by ${certificate.commonName}`);
    }
  });

  it("/verify lists both certificates with their fingerprints, the new one in use and the old one as earlier", async () => {
    const page = await (await new Client(after.baseUrl).get("/verify")).text();
    const published = page.slice(page.indexOf('id="certificates-heading"'));
    expect(published).toContain(certificateA.fingerprint);
    expect(published).toContain(certificateB.fingerprint);
    expect(published.indexOf(certificateB.fingerprint)).toBeLessThan(published.indexOf(certificateA.fingerprint));
    expect(published).toContain("Đang dùng");
    expect(published).toContain("Đã dùng trước đây, vẫn xác thực các văn bản đã niêm phong");
  });

  it("still matches the first agreement exactly after the rotation, naming the certificate that sealed it", async () => {
    const old = await verify(first);
    expect(old.record).toContain("Văn bản do Cổng phát hành");
    expect(old.record).toContain(certificateA.fingerprint);
    expect(old.record).not.toContain(certificateB.fingerprint);
    const recent = await verify(second);
    expect(recent.record).toContain("Văn bản do Cổng phát hành");
    expect(recent.record).toContain(certificateB.fingerprint);
    expect(recent.record).not.toContain(certificateA.fingerprint);
    const rows = await after.db.selectFrom("agreements").innerJoin("mous", "mous.id", "agreements.mou_id").select(["mous.reference", "agreements.certificate_fingerprint"]).execute();
    const sealedWith = (suffix: string) => rows.find((r) => r.reference.endsWith(suffix))?.certificate_fingerprint;
    expect([sealedWith("-0001"), sealedWith("-0002")]).toEqual([certificateA.fingerprint, certificateB.fingerprint]);
  });
});
