import { describe, expect, it } from "vitest";
import { readImageUpload, sniffImageType } from "~/files/files.server";
import { isTooLarge, readUploadForm } from "~/lib/uploads.server";

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
