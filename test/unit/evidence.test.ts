import { describe, expect, it } from "vitest";
import { evidenceFilename, sniffEvidenceType } from "~/commitments/evidence.server";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

describe("evidence file types", () => {
  it("knows PDFs and images by their bytes", () => {
    expect(sniffEvidenceType(Buffer.from("%PDF-1.7\n"), "x.bin")).toBe("application/pdf");
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), "anh.jpg")).toBe("image/jpeg");
  });

  it("takes a ZIP as an Office document only with an Office extension", () => {
    expect(sniffEvidenceType(ZIP, "bao-cao.docx")).toContain("wordprocessingml");
    expect(sniffEvidenceType(ZIP, "so-lieu.XLSX")).toContain("spreadsheetml");
    expect(sniffEvidenceType(ZIP, "cai-dat.exe")).toBeNull();
  });

  it("refuses what only claims to be a document", () => {
    expect(sniffEvidenceType(Buffer.from("<svg onload=alert(1)>"), "logo.pdf")).toBeNull();
    expect(sniffEvidenceType(Buffer.from("MZ\x90\x00"), "bao-cao.docx")).toBeNull();
  });

  it("names a file for its sniffed type, whatever the uploader called it", () => {
    expect(evidenceFilename("evil.html", "application/pdf")).toBe("evil.pdf");
    expect(evidenceFilename("bien-ban", "application/pdf")).toBe("bien-ban.pdf");
    expect(evidenceFilename(".htaccess", "image/png")).toBe(".htaccess.png");
    expect(evidenceFilename("anh.svg", "image/jpeg")).toBe("anh.jpg");
    expect(evidenceFilename("Ảnh hiện trường.JPEG", "image/jpeg")).toBe("Ảnh hiện trường.JPEG");
    expect(evidenceFilename("so-lieu.xlsx", sniffEvidenceType(ZIP, "so-lieu.xlsx")!)).toBe("so-lieu.xlsx");
  });
});
