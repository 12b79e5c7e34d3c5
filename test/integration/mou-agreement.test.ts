import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSelfSignedP12 } from "~/pdf/certificate.server";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const ROOT = path.resolve(__dirname, "../..");
const hasPoppler = spawnSync("pdfsig", ["-v"]).error === undefined;
if (!hasPoppler) console.warn("pdfsig/pdftotext checks skipped: poppler-utils is not installed (apt-get install -y poppler-utils).");

async function verifyUpload(client: Client, pdf: Buffer, filename: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), filename);
  const res = await client.post("/verify", form);
  expect(res.status).toBe(200);
  return res.text();
}

describe("the sealed agreement of the demo MoU signed at the forum", () => {
  let server: TestServer;
  let pdf: Buffer;
  let tmp: string;
  beforeAll(async () => {
    server = await startTestServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-agreement-"));
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    const res = await client.get(`/mous/${mou.id}/agreement.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    pdf = Buffer.from(await res.arrayBuffer());
  });
  afterAll(async () => {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("is stored once with its SHA-256 when the demo data is loaded", async () => {
    const rows = await server.db.selectFrom("agreements").innerJoin("mous", "mous.id", "agreements.mou_id").select(["mous.reference", "agreements.sha256"]).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].reference).toMatch(/^MOU-\d{4}-0001$/);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(pdf).digest("hex")).toBe(rows[0].sha256);
  });

  it.skipIf(!hasPoppler)("carries a valid PAdES signature over the whole file and Vietnamese and French letters as text", () => {
    const file = path.join(tmp, "agreement.pdf");
    fs.writeFileSync(file, pdf);
    const sig = spawnSync("pdfsig", [file], { encoding: "utf8" });
    expect(sig.stdout).toContain("Signature is Valid");
    expect(sig.stdout).toContain("Total document signed");
    expect(sig.stdout).toContain("ETSI.CAdES.detached");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    for (const words of ["Biên bản ghi nhớ", "Vĩnh Phúc", "Dassault Systèmes", "Đỗ Thị Thu Trang", "/verify?code="]) expect(text).toContain(words);
    // The verification link is on every page.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
    expect(text.split("/verify?code=").length - 1).toBe(pages);
  });

  it("is recognised by /verify, and a copy changed by one byte is not", async () => {
    const visitor = new Client(server.baseUrl);
    const ok = await verifyUpload(visitor, pdf, "ban-goc.pdf");
    expect(ok).toContain("Văn bản do Cổng phát hành");
    expect(ok).toContain("Dassault Systèmes");
    expect(ok).toContain("Nguyễn Hoàng Nam");
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf("Vĩnh Phúc") > 0 ? tampered.indexOf("Vĩnh Phúc") : 2000;
    tampered[at] ^= 0x01;
    const bad = await verifyUpload(visitor, tampered, "ban-sua.pdf");
    expect(bad).toContain("Không phải văn bản do Cổng phát hành");
    expect(bad).not.toContain("Nguyễn Hoàng Nam");
  });

  it("refuses a file over 10 MB on /verify, and a damaged upload, with a message", async () => {
    const visitor = new Client(server.baseUrl);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(10 * 1024 * 1024 + 1024)], { type: "application/pdf" }), "lon.pdf");
    const big = await visitor.post("/verify", form);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Tệp quá lớn (tối đa 10 MB).");
    const body = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7\r\n--XY';
    const damaged = await visitor.request("/verify", { method: "POST", body, headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } });
    expect(damaged.status).toBe(400);
    expect(await damaged.text()).toContain("Hãy chọn một tệp PDF.");
  });

  it("shows the record behind the QR link and invites the visitor to compare their copy", async () => {
    const { verification_code } = await server.db.selectFrom("agreements").select("verification_code").executeTakeFirstOrThrow();
    const html = await (await new Client(server.baseUrl).get(`/verify?code=${verification_code}`)).text();
    expect(html).toContain("Hồ sơ văn bản");
    expect(html).toMatch(/MOU-\d{4}-0001/);
    expect(html).toContain('type="file"');
    const unknown = Buffer.from(await (await new Client(server.baseUrl).get("/verify?code=not-a-code")).arrayBuffer());
    expect(unknown.toString("utf8")).toContain("Mã xác thực không khớp");
    // React 18 can leave zero bytes before a Vietnamese letter at its 2 KB buffer edge; none reach the reader.
    expect(unknown.includes(0)).toBe(false);
  });
});

describe("the signing certificate at start", () => {
  function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cert-"));
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["server.mjs"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "0", DATABASE_URL: `file:${path.join(dir, "p.db")}`, DATA_DIR: dir, DEMO_DATA: "off", PUBLIC_URL: "https://portal.example.vn", ...env },
      });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        fs.rmSync(dir, { recursive: true, force: true });
        resolve({ code, output });
      });
    });
  }

  it("refuses a real deployment's start without a certificate, naming SIGNING_P12_PATH", async () => {
    const { code, output } = await start({});
    expect(code).toBe(1);
    expect(output).toContain("SIGNING_P12_PATH: required when DEMO_DATA=off");
    expect(output).toContain("SIGNING_DEVELOPMENT_CERTIFICATE=on");
    expect(output).not.toContain("portal listening");
  });

  it("stops the start with a clear message when the certificate file is missing", async () => {
    const { code, output } = await start({ SIGNING_P12_PATH: "/nonexistent/portal.p12", SIGNING_P12_PASSPHRASE: "x" });
    expect(code).toBe(1);
    expect(output).toContain("SIGNING_P12_PATH=/nonexistent/portal.p12 cannot be read (ENOENT)");
    expect(output).not.toContain("portal listening");
  });

  it("stops the start when the passphrase is wrong, or the file is not a certificate", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-p12-"));
    const p12 = path.join(dir, "seal.p12");
    fs.writeFileSync(p12, createSelfSignedP12("dung-mat-khau"));
    const wrong = await start({ SIGNING_P12_PATH: p12, SIGNING_P12_PASSPHRASE: "sai-mat-khau" });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain("wrong SIGNING_P12_PASSPHRASE");
    const junk = path.join(dir, "junk.p12");
    fs.writeFileSync(junk, "not a certificate");
    const unreadable = await start({ SIGNING_P12_PATH: junk, SIGNING_P12_PASSPHRASE: "x" });
    expect(unreadable.code).toBe(1);
    expect(unreadable.output).toContain("is not a readable PKCS#12 file");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
