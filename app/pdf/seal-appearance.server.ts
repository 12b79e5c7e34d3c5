import { translate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { PORTAL_TIME_ZONE } from "~/lib/time";
import type { SigningCertificate } from "./certificate.server";
import { parseCertificate } from "./cms.server";
import { startPdf, type PdfFont } from "./document.server";

/** What the seal shows: whose certificate sealed, and when (the signature's /M, to the second). */
export type SealFacts = { name: string; organization: string | null; at: Date; developmentCertificate: boolean };

/**
 * The seal's appearance as PDF objects, to be added with the signature: a Form XObject first,
 * then the fonts and other resources it uses. `numbered(first)` gives each object's body, the
 * XObject being object `first`, the others following and referred to by their new numbers.
 */
export type SealAppearance = { width: number; height: number; numbered(first: number): Buffer[] };

// 85 × 30 mm: the right half of the signature page, beside the signatories' own boxes.
export const SEAL_WIDTH = 240;
export const SEAL_HEIGHT = 84;
const ORGANIZATION_NAME = "2.5.4.10";
const NAVY = "#0b3b66";
const GREY = "#51606f";

function both(key: MessageKey): string {
  return `${translate("vi", key)} / ${translate("en", key)}`;
}

/** "02/12/2026 07:28:59 (UTC+7)": to the second, so it reads the same as the signature's /M. */
export function sealTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: PORTAL_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} (UTC+7)`;
}

/** The certificate's subject as the seal names it: its common name and, when it has one, its organization. */
export function sealFacts(certificate: SigningCertificate, at: Date): SealFacts {
  const value = parseCertificate(certificate.der).subject.typesAndValues.find((t) => t.type === ORGANIZATION_NAME)?.value.valueBlock.value;
  const organization = typeof value === "string" && value ? value : null;
  return { name: certificate.name, organization: organization === certificate.name ? null : organization, at, developmentCertificate: certificate.source === "development" };
}

/** Draws the seal on a page of its own size: pdfkit subsets and embeds the font, Vietnamese letters included. */
async function drawSealPage(facts: SealFacts): Promise<Buffer> {
  const { pdf, done } = startPdf({ size: [SEAL_WIDTH, SEAL_HEIGHT], margin: 0, info: {} });
  pdf.roundedRect(0.75, 0.75, SEAL_WIDTH - 1.5, SEAL_HEIGHT - 1.5, 6).lineWidth(1.5).fillAndStroke("#f4f7fb", NAVY);
  // The emblem: a double ring around a check mark.
  const r = SEAL_HEIGHT / 2 - 10;
  const cx = 10 + r;
  const cy = SEAL_HEIGHT / 2;
  pdf.circle(cx, cy, r).lineWidth(2).stroke(NAVY);
  pdf.circle(cx, cy, r - 4).lineWidth(0.6).stroke(NAVY);
  pdf.moveTo(cx - r * 0.45, cy + r * 0.02).lineTo(cx - r * 0.1, cy + r * 0.38).lineTo(cx + r * 0.5, cy - r * 0.35).lineWidth(3).lineCap("round").lineJoin("round").stroke(NAVY);

  const x = cx + r + 10;
  const width = SEAL_WIDTH - x - 6;
  const lines: { font: PdfFont; size: number; color: string; text: string; gap: number; rows: number }[] = [
    { font: "semibold", size: 6.5, color: GREY, text: both("mous.pdf.sealedBy"), gap: 0, rows: 1 },
    { font: "bold", size: 8.5, color: NAVY, text: facts.name, gap: 1, rows: 2 },
    ...(facts.organization ? [{ font: "regular" as const, size: 7, color: "black", text: facts.organization, gap: 0, rows: 1 }] : []),
    { font: "semibold", size: 6.5, color: GREY, text: both("mous.pdf.sealTime"), gap: 3, rows: 1 },
    { font: "regular", size: 8, color: "black", text: sealTime(facts.at), gap: 1, rows: 1 },
    ...(facts.developmentCertificate ? [{ font: "bold" as const, size: 6, color: "#b42318", text: both("mous.pdf.sealDevelopment"), gap: 2, rows: 1 }] : []),
  ];
  // A long name takes two lines at most and ends in an ellipsis; the block is centred beside the emblem.
  const heights = lines.map((l) => l.gap + Math.min(pdf.font(l.font).fontSize(l.size).heightOfString(l.text, { width }), pdf.currentLineHeight(true) * l.rows));
  let y = (SEAL_HEIGHT - heights.reduce((a, b) => a + b, 0)) / 2;
  lines.forEach((l, i) => {
    pdf.font(l.font).fontSize(l.size).fillColor(l.color).text(l.text, x, y + l.gap, { width, height: heights[i] - l.gap, ellipsis: true });
    y += heights[i];
  });
  pdf.end();
  return done;
}

type PdfObject = { dict: string; stream: Buffer | null };

/** The objects of a PDF pdfkit just wrote: one classic cross-reference table, direct stream lengths. */
function readObjects(file: Buffer): Map<number, PdfObject> {
  const text = file.toString("latin1");
  const table = text.slice(text.lastIndexOf("\nxref\n") + 6, text.lastIndexOf("\ntrailer"));
  const objects = new Map<number, PdfObject>();
  [...table.matchAll(/^(\d{10}) \d{5} ([nf])/gm)].forEach((entry, number) => {
    if (entry[2] === "f") return;
    const start = text.indexOf("obj\n", Number(entry[1])) + 4;
    const streamAt = text.indexOf("\nstream\n", start);
    const endAt = text.indexOf("\nendobj", start);
    if (streamAt < 0 || streamAt > endAt) return objects.set(number, { dict: text.slice(start, endAt), stream: null });
    const dict = text.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    objects.set(number, { dict, stream: file.subarray(streamAt + 8, streamAt + 8 + length) });
  });
  return objects;
}

const REFERENCE = /(\d+) 0 R/g;

/**
 * The appearance of the portal's seal for a signature widget. It is drawn by pdfkit like the rest
 * of the agreement; its page's content becomes the Form XObject and its resources come along, so
 * the seal needs nothing from the document it is added to and can be added to any PDF later.
 */
export async function drawSealAppearance(facts: SealFacts): Promise<SealAppearance> {
  const objects = readObjects(await drawSealPage(facts));
  const page = [...objects.values()].find((o) => /\/Type \/Page\n/.test(o.dict))!;
  const contents = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page.dict)![1]))!;
  const resources = Number(/\/Resources (\d+) 0 R/.exec(page.dict)![1]);
  // Everything the resources refer to, in a stable order: they follow the XObject.
  const order = [resources];
  for (let i = 0; i < order.length; i++) {
    for (const [, ref] of objects.get(order[i])!.dict.matchAll(REFERENCE)) if (!order.includes(Number(ref))) order.push(Number(ref));
  }
  const xobject: PdfObject = {
    dict: contents.dict.replace("<<", `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 ${SEAL_WIDTH} ${SEAL_HEIGHT}]\n/Resources ${resources} 0 R`),
    stream: contents.stream,
  };
  return {
    width: SEAL_WIDTH,
    height: SEAL_HEIGHT,
    numbered(first) {
      const renumber = (dict: string) => dict.replace(REFERENCE, (_, ref: string) => `${first + 1 + order.indexOf(Number(ref))} 0 R`);
      return [xobject, ...order.map((n) => objects.get(n)!)].map(({ dict, stream }) =>
        stream ? Buffer.concat([Buffer.from(`${renumber(dict)}\nstream\n`, "latin1"), stream, Buffer.from("\nendstream")]) : Buffer.from(renumber(dict), "latin1"),
      );
    },
  };
}
