import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignatorySchema } from "~/mous/mou.schema";
import { Client, DEMO } from "../helpers/http";
import { appendPageChange, signRevision } from "../helpers/pdf-revisions";
import { startTestServer, type TestServer } from "../helpers/server";
import { signWithEmailedCode } from "../helpers/signing";
import { makeCrl, TestCrlServer } from "../helpers/crl";
import { makeCertificate } from "../helpers/tsa";
import { waitUntil } from "../helpers/wait";

const IDENTIFIER = "MST:0101234567";
const hasPoppler = spawnSync("pdfsig", ["-v"]).error === undefined;

/**
 * A signatory signs the frozen document with their own licensed-CA certificate (decision 0023):
 * the tests make their own root, intermediate and signers, and trust the root through TRUSTED_CA_DIR.
 */
describe("a signatory's own digital signature", async () => {
  // The issuing CA's revocation list, which the signers' certificates name.
  const crl = await TestCrlServer.start();
  let server: TestServer;
  let tmp: string;
  let mouId: string;
  let kami: Client;
  // Made before any request: forge's key generation blocks the event loop for seconds.
  const root = makeCertificate({
    commonName: "Test Licensed Root CA",
    ca: true,
  });
  const intermediate = makeCertificate({
    commonName: "Test Licensed Issuing CA",
    ca: true,
    issuer: root,
  });
  const signerOf = (issuer: typeof intermediate, uid: string, validity: { notBefore?: Date; notAfter?: Date } = {}) => {
    const signer = makeCertificate({
      commonName: "Đỗ Thị Thu Trang",
      issuer,
      uid,
      crlUrl: crl.url,
      ...validity,
    });
    return { key: signer.keyObject, chain: [signer.der, issuer.der, root.der] };
  };
  const good = signerOf(intermediate, IDENTIFIER);
  const someoneElse = signerOf(intermediate, "MST:0109999999");
  const secondSignatory = signerOf(intermediate, "CCCD:001234567890");
  const expired = signerOf(intermediate, IDENTIFIER, {
    notBefore: new Date(Date.now() - 3 * 24 * 3600_000),
    notAfter: new Date(Date.now() - 3600_000),
  });
  const untrusted = (() => {
    const otherRoot = makeCertificate({
      commonName: "Test Licensed Root CA",
      ca: true,
    });
    const signer = makeCertificate({
      commonName: "Đỗ Thị Thu Trang",
      issuer: otherRoot,
      uid: IDENTIFIER,
    });
    return { key: signer.keyObject, chain: [signer.der, otherRoot.der] };
  })();

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-own-signatures-"));
    fs.mkdirSync(path.join(tmp, "roots"));
    fs.writeFileSync(path.join(tmp, "roots", "test-root.pem"), root.pem);
    crl.crl = await makeCrl(intermediate, []);
    server = await startTestServer({ TRUSTED_CA_DIR: path.join(tmp, "roots") });
    mouId = (await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow()).id;
    // What the Kami party records when it names its signatory (the field is checked below).
    await server.db.updateTable("signatories").set({ identifier: IDENTIFIER }).where("mou_id", "=", mouId).where("email", "=", DEMO.signerKami).execute();
    kami = new Client(server.baseUrl);
    await kami.signIn(DEMO.signerKami);
  });
  afterAll(async () => {
    await server?.stop();
    await crl.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function download(client: Client): Promise<Buffer> {
    const res = await client.get(`/mous/${mouId}/sign/document.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    return Buffer.from(await res.arrayBuffer());
  }

  async function upload(client: Client, pdf: Buffer): Promise<{ status: number; page: string }> {
    const form = new FormData();
    form.append("intent", "certificate");
    form.append("signed_pdf", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "signed.pdf");
    const res = await client.post(`/mous/${mouId}/sign`, form);
    return {
      status: res.status,
      page: res.status === 302 ? "" : (await res.text()).replace(/<!-- -->/g, ""),
    };
  }

  it("records the identifier only in the forms Vietnamese certificates carry", () => {
    const base = { party_id: "p", email: "a@example.vn", name: "A" };
    expect(SignatorySchema.parse({ ...base, identifier: " mst:0101234567-001 " }).identifier).toBe("MST:0101234567-001");
    expect(SignatorySchema.parse({ ...base, identifier: "CCCD:001234567890" }).identifier).toBe("CCCD:001234567890");
    expect(SignatorySchema.parse({ ...base, identifier: "" }).identifier).toBeNull();
    const bad = SignatorySchema.safeParse({ ...base, identifier: "MST:12" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("mous.error.identifierFormat");
  });

  it("shows the download and the upload on the signing page; nobody but the signatory gets the document or may upload", async () => {
    const page = await (await kami.get(`/mous/${mouId}/sign`)).text();
    expect(page).toContain("Tải văn bản để ký số");
    expect(page).toContain(IDENTIFIER);
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    expect((await staff.get(`/mous/${mouId}/sign/document.pdf`)).status).toBe(404);
    const frozen = await download(kami);
    expect((await upload(staff, await signRevision(frozen, good, "Đỗ Thị Thu Trang"))).status).toBe(404);
    // The same bytes on every download: the document is made once.
    expect((await download(kami)).equals(frozen)).toBe(true);
    expect(await server.db.selectFrom("signing_documents").select("version_id").where("mou_id", "=", mouId).execute()).toHaveLength(1);
  });

  it("refuses, next to the file field, a certificate that does not name the recorded identifier", async () => {
    const { status, page } = await upload(kami, await signRevision(await download(kami), someoneElse, "Đỗ Thị Thu Trang"));
    expect(status).toBe(400);
    expect(page).toContain("Chứng thư số không mang mã định danh đã ghi cho bạn");
    expect(page).toContain('id="signed-pdf-error"');
  });

  it("refuses a certificate under a root the portal does not trust, even one with the trusted root's name", async () => {
    const { status, page } = await upload(kami, await signRevision(await download(kami), untrusted, "Đỗ Thị Thu Trang"));
    expect(status).toBe(400);
    expect(page).toContain("Chứng thư số không do tổ chức chứng thực mà cổng tin cậy cấp.");
  });

  it("refuses a certificate expired at the signing time, in English too", async () => {
    const english = new Client(server.baseUrl);
    await english.signIn(DEMO.signerKami);
    await english.post("/language", { locale: "en", redirectTo: "/" });
    const { status, page } = await upload(english, await signRevision(await download(kami), expired, "Đỗ Thị Thu Trang"));
    expect(status).toBe(400);
    expect(page).toContain("The certificate was not valid (expired or not yet valid) at the time of signing.");
  });

  it("refuses a page changed in the appended revisions", async () => {
    const { status, page } = await upload(kami, await signRevision(appendPageChange(await download(kami)), good, "Đỗ Thị Thu Trang"));
    expect(status).toBe(400);
    expect(page).toContain("Tệp đã bị sửa nội dung sau văn bản gốc");
  });

  it("refuses a signature over another version of the document, and a file with no new signature", async () => {
    const signedMou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const other = Buffer.from(await (await kami.get(`/mous/${signedMou.id}/agreement.pdf`)).arrayBuffer());
    const elsewhere = await upload(kami, await signRevision(other, good, "Đỗ Thị Thu Trang"));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.page).toContain("Tệp này không được ký trên đúng văn bản hiện hành.");
    const frozen = await download(kami);
    const changedByte = await signRevision(Buffer.concat([frozen.subarray(0, 400), Buffer.from([frozen[400] ^ 0x01]), frozen.subarray(401)]), good, "Đỗ Thị Thu Trang");
    expect((await upload(kami, changedByte)).page).toContain("Tệp này không được ký trên đúng văn bản hiện hành.");
    expect((await upload(kami, frozen)).page).toContain("Tệp này không được ký trên đúng văn bản hiện hành.");
    const signatory = await server.db.selectFrom("signatories").select("status").where("mou_id", "=", mouId).where("email", "=", DEMO.signerKami).executeTakeFirstOrThrow();
    expect(signatory.status).toBe("pending");
  });

  it("accepts a valid CA signature; the final agreement keeps it valid beside the portal's seal, and /verify tells both", async () => {
    // The other signatory, with a certificate of their own, takes the document before Kami signs it.
    await server.db.updateTable("signatories").set({ identifier: "CCCD:001234567890" }).where("mou_id", "=", mouId).where("email", "=", DEMO.signer3ds).execute();
    const nam = new Client(server.baseUrl);
    await nam.signIn(DEMO.signer3ds);
    const stale = await signRevision(await download(nam), secondSignatory, "Nguyễn Hoàng Nam");
    const signed = await signRevision(await download(kami), good, "Đỗ Thị Thu Trang");
    expect((await upload(kami, signed)).status).toBe(302);
    // Signed over the document without Kami's signature: it would drop it, so it is refused.
    const late = await upload(nam, stale);
    expect(late.status).toBe(400);
    expect(late.page).toContain("Tệp này không được ký trên đúng văn bản hiện hành.");
    const row = await server.db
      .selectFrom("signatories")
      .select(["status", "signature_kind", "signature_data"])
      .where("mou_id", "=", mouId)
      .where("email", "=", DEMO.signerKami)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "signed",
      signature_kind: "certificate",
    });
    expect(row.signature_data).toContain("Đỗ Thị Thu Trang");
    const audit = await server.db.selectFrom("audit_log").select("after").where("entity_id", "=", mouId).where("action", "=", "mou.signed").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({
      kind: "certificate",
      revocation: "not_checked",
    });
    // Revocation is asked by a job, of the CRL the certificate names.
    await waitUntil("the revocation check", () =>
      server.db.selectFrom("signatories").select("id").where("mou_id", "=", mouId).where("email", "=", DEMO.signerKami).where("revocation_status", "=", "good").executeTakeFirst(),
    );
    expect((await (await kami.get(`/mous/${mouId}`)).text()).replace(/<!-- -->/g, "")).toContain("Tình trạng thu hồi: chưa bị thu hồi");
    // The next download is the signed file: a second CA signatory signs after the first.
    expect((await download(kami)).equals(signed)).toBe(true);
    expect(await (await kami.get(`/mous/${mouId}`)).text()).toContain("bằng chứng thư số");

    expect((await signWithEmailedCode(server, DEMO.signer3ds, "Nguyễn Hoàng Nam", mouId)).res.status).toBe(302);
    await waitUntil("the sealed agreement", () => server.db.selectFrom("agreements").select("id").where("mou_id", "=", mouId).executeTakeFirst(), 60_000);
    const final = Buffer.from(await (await kami.get(`/mous/${mouId}/agreement.pdf`)).arrayBuffer());
    expect(final.subarray(0, signed.length).equals(signed)).toBe(true);

    if (hasPoppler) {
      const file = path.join(tmp, "final.pdf");
      fs.writeFileSync(file, final);
      const out = spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
      expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
      expect(out).toContain("Đỗ Thị Thu Trang");
      expect(out).toContain("Total document signed");
      expect(out).toContain("Not total document signed");
      expect(spawnSync("qpdf", ["--check", file], { encoding: "utf8" }).stdout).toContain("No syntax or stream encoding errors found");
      // The signatures and audit pages, appended after the signed document's own pages.
      const text = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout;
      const heading = "Chữ ký của các bên / Signatures of the parties";
      expect(text.lastIndexOf(heading)).toBeGreaterThan(text.indexOf(heading));
      const appended = text.slice(text.lastIndexOf(heading));
      expect(appended).toContain("Đã ký bằng chứng thư số");
      expect(appended).toContain("Nguyễn Hoàng Nam");
      expect(appended).toContain("Nhật ký ký kết / Audit trail");
    }

    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(final)], { type: "application/pdf" }), "final.pdf");
    const verified = (await (await new Client(server.baseUrl).post("/verify", form)).text()).replace(/<!-- -->/g, "");
    expect(verified).toContain("Văn bản do Cổng phát hành");
    expect(verified).toContain("Đỗ Thị Thu Trang");
    expect(verified).toContain("Đây là chứng thư niêm phong của Cổng.");
    expect(verified).toContain("Đây không phải chứng thư niêm phong của Cổng.");
    expect(verified).toContain("Người ký trên Cổng");
    expect(verified).toContain("Tình trạng thu hồi: chưa bị thu hồi");

    // Had the CA listed it, the MoU page says so plainly, and what it means; the agreement stands.
    await server.db.updateTable("signatories").set({ revocation_status: "revoked", revocation_note: "2026-12-01T08:00:00.000Z" }).where("mou_id", "=", mouId).where("email", "=", DEMO.signerKami).execute();
    const revoked = (await (await kami.get(`/mous/${mouId}`)).text()).replace(/<!-- -->/g, "");
    expect(revoked).toContain("bị thu hồi (từ 1 tháng 12, 2026");
    expect(revoked).toContain("văn bản đã niêm phong không bị hủy");
  });
});
