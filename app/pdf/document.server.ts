import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve("@expo-google-fonts/be-vietnam-pro/package.json"));
const FONT_FILES = {
  regular: "400Regular/BeVietnamPro_400Regular.ttf",
  italic: "400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf",
  semibold: "600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "700Bold/BeVietnamPro_700Bold.ttf",
} as const;

/** The names under which every portal PDF finds its fonts: `pdf.font("semibold")`. */
export type PdfFont = keyof typeof FONT_FILES;

// Read once per process: Be Vietnam Pro carries every Vietnamese letter that the PDF base fonts lack.
let fonts: Record<PdfFont, Buffer> | null = null;
function loadFonts(): Record<PdfFont, Buffer> {
  fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, fs.readFileSync(path.join(FONT_DIR, file))])) as Record<PdfFont, Buffer>;
  return fonts;
}

/**
 * A new pdfkit document with the portal's fonts registered, and its bytes once `pdf.end()` is
 * called. pdfkit embeds only the fonts a document uses, so registering all of them costs nothing.
 */
export function startPdf(options: PDFKit.PDFDocumentOptions): { pdf: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const pdf = new PDFDocument(options);
  for (const [name, data] of Object.entries(loadFonts())) pdf.registerFont(name, data);
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  return { pdf, done };
}
