import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { appendPageChange, signRevision } from "../helpers/pdf-revisions";
import { startTestServer, type TestServer } from "../helpers/server";
import { makeCertificate } from "../helpers/tsa";

/** /verify, given any PDF, tells its signatures and what came after the portal's seal. */
describe("/verify explains what it sees in an uploaded PDF", () => {
  let server: TestServer;
  let sealed: Buffer;
  // Made before any request: forge's key generation blocks the event loop for seconds, long enough
  // for the server to close an idle keep-alive socket the client then writes to.
  const counterSigner = (() => {
    const root = makeCertificate({ commonName: "Test Root CA", ca: true });
    const intermediate = makeCertificate({ commonName: "Test Issuing CA", ca: true, issuer: root });
    const signer = makeCertificate({ commonName: "Trần Thị Đối Tác", issuer: intermediate });
    return { key: signer.keyObject, chain: [signer.der, intermediate.der, root.der] };
  })();
  beforeAll(async () => {
    server = await startTestServer();
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    sealed = Buffer.from(await (await client.get(`/mous/${mou.id}/agreement.pdf`)).arrayBuffer());
  });
  afterAll(async () => server?.stop());

  async function check(pdf: Buffer, filename = "upload.pdf", english = false): Promise<{ status: number; page: string }> {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), filename);
    const res = await new Client(server.baseUrl).post("/verify", form, english ? { Cookie: "lang=en" } : {});
    return { status: res.status, page: (await res.text()).replace(/<!-- -->/g, "") };
  }

  it("the sealed agreement: issued, one valid seal by the portal's certificate over the whole file, nothing after it", async () => {
    const { status, page } = await check(sealed);
    expect(status).toBe(200);
    expect(page).toContain("Văn bản do Cổng phát hành");
    expect(page).toContain("Chữ ký hợp lệ");
    expect(page).toContain("Chữ ký bao trùm toàn bộ tệp.");
    expect(page).toContain("Đây là chứng thư niêm phong của Cổng.");
    expect(page).toContain("Không có gì được thêm vào sau con dấu của Cổng.");
    expect(page).toContain("ETSI.CAdES.detached");
  });

  it("a counter-signature appended: not the issued file, but only signatures were added after the seal, which still holds", async () => {
    const { status, page } = await check(await signRevision(sealed, counterSigner, "Trần Thị Đối Tác"));
    expect(status).toBe(200);
    expect(page).toContain("Không phải văn bản do Cổng phát hành");
    expect(page).toContain("Sau con dấu của Cổng, tệp được thêm chữ ký (không thay đổi nội dung).");
    expect(page).toMatch(/Chữ ký bao trùm tệp đến lần lưu thứ \d+; phần sau đó được thêm vào sau khi ký\./);
    expect(page).toContain("Trần Thị Đối Tác");
    expect(page).toContain("Đây không phải chứng thư niêm phong của Cổng.");
    expect(page).not.toContain("KHÔNG hợp lệ");
  });

  it("content appended after the seal is called a content change, in English too", async () => {
    const changed = appendPageChange(sealed);
    const { page } = await check(changed);
    expect(page).toContain("Sau con dấu của Cổng, NỘI DUNG tệp đã bị thay đổi.");
    expect(page).toContain("nội dung hoặc tài nguyên của trang");
    const english = await check(changed, "changed.pdf", true);
    expect(english.page).toContain("the CONTENT was changed");
    expect(english.page).toContain("a page&#x27;s content or resources");
  });

  it("one byte changed: the seal is not valid", async () => {
    const copy = Buffer.from(sealed);
    const at = copy.indexOf("/Producer");
    copy[at + 2] ^= 0x20;
    const { status, page } = await check(copy);
    expect(status).toBe(200);
    expect(page).toContain("Không phải văn bản do Cổng phát hành");
    expect(page).toContain("Chữ ký KHÔNG hợp lệ: phần tệp được ký đã bị thay đổi sau khi ký.");
  });

  it("a file that is no PDF, or a PDF cut short, gets a clear message and a 400, never a 500", async () => {
    const random = await check(crypto.randomBytes(50_000), "random.pdf");
    expect(random.status).toBe(400);
    expect(random.page).toContain("Tệp này không phải là PDF.");
    const cut = await check(sealed.subarray(0, Math.floor(sealed.length * 0.7)), "cut.pdf");
    expect(cut.status).toBe(400);
    expect(cut.page).toMatch(/Tệp PDF (bị hỏng hoặc không đầy đủ|không đầy đủ hoặc bị chèn thêm)/);
    const header = await check(Buffer.from("%PDF-1.7\n" + "[".repeat(200_000)), "deep.pdf");
    expect(header.status).toBe(400);
    expect(header.page).toContain("Tệp PDF bị hỏng hoặc không đầy đủ");
  });
});
