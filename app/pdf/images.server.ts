import QRCode from "qrcode";

// Error correction M: a printed or photographed code still reads with some of it smudged.
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 1 } as const;

/** A QR code as a PNG, to draw into a PDF. */
export function qrCodePng(text: string, width: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: "png", width });
}

/**
 * Draws a QR code as vector squares, `size` points wide without its quiet zone: crisp at any scan
 * resolution, where a bitmap scaled into the page blurs its modules. The caller keeps four modules
 * of white around it.
 */
export function drawQrCode(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  const cell = size / modules.size;
  pdf.save().fillColor("black");
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.data[row * modules.size + col]) pdf.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  pdf.fill().restore();
}

/** The same QR code as a data URL, for a page. */
export function qrCodeDataUrl(text: string, width: number): Promise<string> {
  return QRCode.toDataURL(text, { ...QR_OPTIONS, width });
}

/** The PNG inside a `data:image/png;base64,…` URL (a drawn signature), or null for anything else. */
export function pngFromDataUrl(dataUrl: string): Buffer | null {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  return m ? Buffer.from(m[1], "base64") : null;
}

/**
 * Draws an image the portal did not make (an organization's uploaded logo). Returns false when
 * pdfkit cannot read it, so the caller lays the page out without it instead of failing the PDF.
 */
export function drawImageIfReadable(pdf: PDFKit.PDFDocument, image: Buffer, x: number, y: number, options: PDFKit.Mixins.ImageOption): boolean {
  try {
    pdf.image(image, x, y, options);
    return true;
  } catch {
    return false;
  }
}
