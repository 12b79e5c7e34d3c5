import { describe, expect, it } from "vitest";
import { readImageUpload, sniffImageType } from "~/files/files.server";
import { MAX_FIELDS } from "~/lib/field-names.server";
import { isTooLarge, MAX_FORM_BYTES, readForm, readUploadForm } from "~/lib/form-body.server";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const GIF = Buffer.from("R0lGODlhAQABAAAAACw=", "base64");

function post(body: FormData | URLSearchParams | string, contentType?: string) {
  return new Request("http://portal.test/", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });
}

describe("reading an uploaded form", () => {
  it("keeps text parts and files under the limit, and marks a larger file instead of keeping it", async () => {
    const form = new FormData();
    form.set("name", "Kami");
    form.set("small", new Blob([PNG]), "small.png");
    form.set("big", new Blob([Buffer.alloc(2048)]), "big.png");
    const read = await readUploadForm(post(form), { maxFileBytes: 1024 });
    if (!read.ok) throw new Error("the form should be readable");
    expect(read.form.get("name")).toBe("Kami");
    expect((read.form.get("small") as File).size).toBe(PNG.length);
    expect(isTooLarge(read.form.get("big"))).toBe(true);
    expect(isTooLarge(read.form.get("small"))).toBe(false);
  });

  it("cuts text parts at 64 KB", async () => {
    const form = new FormData();
    form.set("bio", "a".repeat(70 * 1024));
    form.set("photo", new Blob([PNG]), "p.png");
    const read = await readUploadForm(post(form), { maxFileBytes: 1024 });
    expect(read.ok && (read.form.get("bio") as string).length).toBe(64 * 1024);
  });

  it("reads a form without a file as a normal form", async () => {
    const read = await readUploadForm(post(new URLSearchParams({ intent: "delete" })), { maxFileBytes: 1024 });
    expect(read.ok && read.form.get("intent")).toBe("delete");
  });

  it("calls a damaged multipart body unreadable instead of throwing", async () => {
    const truncated = '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--XY';
    expect(await readUploadForm(post(truncated, "multipart/form-data; boundary=XYZ"), { maxFileBytes: 1024 })).toEqual({ ok: false, error: "unreadable" });
    expect(await readUploadForm(post("hello", "multipart/form-data"), { maxFileBytes: 1024 })).toEqual({ ok: false, error: "unreadable" });
  });
});

/** A body of `total` bytes sent in 64 KB chunks with no declared length; counts what was pulled from it. */
function endlessBody(total: number) {
  const sent = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= total) return controller.close();
      sent.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, sent };
}

describe("limits on a form's body", () => {
  it("refuses a declared length over the limit without reading the body", async () => {
    const { body, sent } = endlessBody(50 * 1024 * 1024);
    const request = new Request("http://portal.test/", { method: "POST", body, duplex: "half", headers: { "Content-Type": "multipart/form-data; boundary=X", "Content-Length": String(MAX_FORM_BYTES + 2 * 2048 + 1) } } as RequestInit);
    expect(await readUploadForm(request, { maxFileBytes: 2048 })).toEqual({ ok: false, error: "tooLarge", maxBytes: MAX_FORM_BYTES + 2 * 2048 });
    // A stream fills its first chunk on its own; nothing past it was asked for.
    expect(sent.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops reading an undeclared body once it passes the limit", async () => {
    const { body, sent } = endlessBody(50 * 1024 * 1024);
    const request = new Request("http://portal.test/", { method: "POST", body, duplex: "half", headers: { "Content-Type": "application/x-www-form-urlencoded" } } as RequestInit);
    expect(await readUploadForm(request, { maxFileBytes: 10 * 1024 * 1024 })).toMatchObject({ ok: false, error: "tooLarge", maxBytes: MAX_FORM_BYTES });
    expect(sent.bytes).toBeLessThan(MAX_FORM_BYTES + 256 * 1024);
  });

  it("stops a multipart body at the form limit plus its files and one more", async () => {
    const form = new FormData();
    form.set("a", new Blob([new Uint8Array(MAX_FORM_BYTES + 4096)]), "a.pdf");
    expect(await readUploadForm(post(form), { maxFileBytes: 1024 })).toMatchObject({ ok: false, error: "tooLarge" });
  });

  it(`refuses more than ${MAX_FIELDS} fields or parts`, async () => {
    const fields = new URLSearchParams();
    const parts = new FormData();
    for (let i = 0; i <= MAX_FIELDS; i++) {
      fields.append(`f${i}`, "x");
      parts.append(`f${i}`, "x");
    }
    expect(await readUploadForm(post(fields), { maxFileBytes: 1024 })).toEqual({ ok: false, error: "tooManyFields" });
    expect(await readUploadForm(post(parts), { maxFileBytes: 1024 })).toEqual({ ok: false, error: "tooManyFields" });
  });

  it("drops U+0000 from names, values and file names, which PostgreSQL cannot store", async () => {
    const fields = await readUploadForm(post(new URLSearchParams({ "na\u0000me": "Ka\u0000mi" })), { maxFileBytes: 1024 });
    expect(fields.ok && [...fields.form.entries()]).toEqual([["name", "Kami"]]);
    const form = new FormData();
    form.set("bio\u0000", "a\u0000b");
    form.set("photo", new Blob([PNG]), "p\u0000.png");
    const parts = await readUploadForm(post(form), { maxFileBytes: 1024 });
    if (!parts.ok) throw new Error("the form should be readable");
    expect(parts.form.get("bio")).toBe("ab");
    expect((parts.form.get("photo") as File).name).toBe("p.png");
  });

  it("calls a body that is not a form unreadable", async () => {
    expect(await readUploadForm(post('{"email":"a"}', "application/json"), { maxFileBytes: 1024 })).toEqual({ ok: false, error: "unreadable" });
  });

  it("ends an action reading a plain form with 413 or 400 and a message in the reader's language", async () => {
    const big = new Request("http://portal.test/", { method: "POST", body: `email=${"a".repeat(MAX_FORM_BYTES)}`, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: "lang=en" } });
    const tooLarge = await readForm(big).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(Response);
    expect((tooLarge as Response).status).toBe(413);
    expect(await (tooLarge as Response).json()).toBe("What was sent is too large (1 MB at most). Please send less, or choose a smaller file.");
    const json = await readForm(post("{}", "application/json")).catch((e: unknown) => e);
    expect((json as Response).status).toBe(400);
    expect(await (json as Response).json()).toContain("Không đọc được biểu mẫu đã gửi");
  });
});

describe("checking an uploaded image", () => {
  it("knows PNG, JPEG, WebP and GIF by their first bytes, and never SVG", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8 ", "latin1"))).toBe("image/webp");
    expect(sniffImageType(GIF)).toBe("image/gif");
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
  });

  it("tells apart no file, a file too large, a non-image, a type not accepted, and a good image", async () => {
    expect(await readImageUpload(null, 1024)).toEqual({ kind: "none" });
    expect(await readImageUpload(new File([], ""), 1024)).toEqual({ kind: "none" });
    expect(await readImageUpload(new File([Buffer.alloc(2048)], "big.png"), 1024)).toEqual({ kind: "too_large" });
    expect(await readImageUpload(new File(["<html>"], "x.png", { type: "image/png" }), 1024)).toEqual({ kind: "not_image" });
    expect(await readImageUpload(new File([GIF], "a.gif"), 1024, ["image/png"])).toEqual({ kind: "not_image" });
    expect(await readImageUpload(new File([PNG], "logo.png", { type: "image/gif" }), 1024)).toMatchObject({ kind: "ok", mime: "image/png", filename: "logo.png" });
  });
});
