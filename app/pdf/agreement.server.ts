import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import * as pkijs from "pkijs";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatDay, formatNumber, translate } from "~/i18n/translate";
import type { SigningCertificate } from "./certificate.server";
import { buildSignedData, OID, type CmsSigner } from "./cms.server";
import { startPdf } from "./document.server";
import { drawImageIfReadable, drawQrCode, pngFromDataUrl } from "./images.server";
import { drawSealAppearance, SEAL_HEIGHT, SEAL_WIDTH, sealFacts } from "./seal-appearance.server";
import { addSealPlaceholder, type SealPlace } from "./seal-placeholder.server";
import { requestTimestampToken } from "./timestamp.server";

export type AgreementDocument = {
  reference: string;
  title: { vi: string; en: string };
  purpose: { vi: string | null; en: string | null };
  scope: { vi: string | null; en: string | null };
  event: { vi: string; en: string } | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  versionNumber: number;
  versionHash: string;
  parties: { name_vi: string; name_en: string; lead: boolean; logo: Buffer | null }[];
  clauses: { heading_vi: string | null; heading_en: string | null; body_vi: string; body_en: string | null }[];
  commitments: {
    party: string;
    title_vi: string;
    title_en: string | null;
    target: number | null;
    unit_vi: string | null;
    unit_en: string | null;
    due_on: string;
    /** The milestones planned with the text, listed under its title. */
    milestones?: { title_vi: string; title_en: string | null; due_on: string; weight: number }[];
  }[];
  /** "pending" in the document signatories sign with their own certificates, before anyone has. */
  signatories: { name: string; title: string | null; organization: string; email: string; kind: "typed" | "drawn" | "certificate" | "pending"; data: string; signedAt: string | null }[];
  audit: { at: string; actor: string; step: string; ip: string | null; hash: string | null }[];
  verifyUrl: string;
  issuedAt: string;
  /** Sealed with the self-signed development certificate: every page says so. */
  developmentCertificate: boolean;
};

const NAVY = "#0b3b66";
const GREY = "#51606f";
const MARGIN = 56;
const FOOTER_HEIGHT = 100;
// 28 mm: at least 25 mm keeps every module of the code about three pixels wide in a 100 dpi scan.
const QR_SIZE = 80;
// The white a reader needs around the code: four modules of a version 4 code (33 modules) at this size.
const QR_QUIET = 10;

/** A label in both languages, "Vietnamese / English": the agreement is one bilingual document. */
function both(key: MessageKey, params?: Record<string, string | number>): string {
  return `${translate("vi", key, params)} / ${translate("en", key, params)}`;
}

/**
 * Lays out the agreement (cover, clauses, commitments, signatures, audit) with pdfkit; not yet
 * sealed. `sealPlace` is the room left under the signatures for the seal's visible appearance.
 * With `after`, only the signatures and audit pages, numbered to follow that many pages of a
 * document signed by certificate, into which they are imported (decision 0023).
 */
export async function renderAgreementPdf(doc: AgreementDocument, options: { after?: number } = {}): Promise<{ pdf: Buffer; sealPlace: SealPlace }> {
  const after = options.after ?? 0;
  const { pdf, done } = startPdf({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    info: { Title: `${doc.reference} — ${doc.title.vi}`, Author: translate("vi", "app.name"), Subject: doc.title.en, Creator: translate("en", "app.name") },
    lang: "vi-VN",
  });
  const width = pdf.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    pdf.moveDown(0.6).font("bold").fontSize(14).fillColor(NAVY).text(text, { width });
    pdf.moveDown(0.3).fillColor("black");
  };
  const field = (label: string, value: string) => {
    pdf.font("semibold").fontSize(9).fillColor(GREY).text(label, { width });
    pdf.font("regular").fontSize(11).fillColor("black").text(value, { width }).moveDown(0.4);
  };
  const ensureSpace = (height: number) => {
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  const day = (d: string | null) => (d ? `${formatDay(d, "vi")} / ${formatDay(d, "en")}` : "—");

  if (options.after === undefined) {
    // Cover
    pdf.font("semibold").fontSize(10).fillColor(GREY).text(`${translate("vi", "app.name")} · ${doc.reference}`, { width });
    pdf.moveDown(1.5);
    pdf.font("bold").fontSize(24).fillColor(NAVY).text(translate("vi", "mous.pdf.kind"), { width, align: "center" });
    pdf.font("semibold").fontSize(13).fillColor(GREY).text(translate("en", "mous.pdf.kind"), { width, align: "center" });
    pdf.moveDown(1);
    pdf.font("bold").fontSize(16).fillColor("black").text(doc.title.vi, { width, align: "center" });
    pdf.font("regular").fontSize(12).fillColor(GREY).text(doc.title.en, { width, align: "center" });
    pdf.moveDown(1.5).fillColor("black");
    heading(both("mous.pdf.parties"));
    for (const party of doc.parties) {
      ensureSpace(60);
      const top = pdf.y;
      let textX = MARGIN;
      if (party.logo && drawImageIfReadable(pdf, party.logo, MARGIN, top, { fit: [48, 48] })) textX = MARGIN + 60;
      pdf.font("semibold").fontSize(12).text(party.name_vi + (party.lead ? ` (${both("mous.lead")})` : ""), textX, top, { width: width - (textX - MARGIN) });
      pdf.font("regular").fontSize(10).fillColor(GREY).text(party.name_en, textX, pdf.y, { width: width - (textX - MARGIN) }).fillColor("black");
      pdf.y = Math.max(pdf.y, party.logo ? top + 52 : pdf.y) + 6;
      pdf.x = MARGIN;
    }
    pdf.moveDown(0.5);
    field(both("mous.field.reference"), doc.reference);
    if (doc.event) field(both("mous.field.event"), `${doc.event.vi} / ${doc.event.en}`);
    field(both("mous.field.effectiveOn"), day(doc.effectiveOn));
    field(both("mous.field.expiresOn"), day(doc.expiresOn));
    if (doc.purpose.vi) field(both("mous.field.purpose"), [doc.purpose.vi, doc.purpose.en].filter(Boolean).join("\n"));
    if (doc.scope.vi) field(both("mous.field.scope"), [doc.scope.vi, doc.scope.en].filter(Boolean).join("\n"));
    field(both("mous.pdf.versionHash", { number: doc.versionNumber }), doc.versionHash);

    // Clauses, Vietnamese first and English where given
    pdf.addPage();
    heading(both("mous.clauses"));
    doc.clauses.forEach((clause, i) => {
      ensureSpace(70);
      const title = [translate("vi", "mous.clauseNumber", { n: i + 1 }), clause.heading_vi].filter(Boolean).join(". ");
      pdf.font("bold").fontSize(11.5).fillColor("black").text(title, { width });
      if (clause.heading_en) pdf.font("semibold").fontSize(10).fillColor(GREY).text(`${translate("en", "mous.clauseNumber", { n: i + 1 })}. ${clause.heading_en}`, { width });
      pdf.font("regular").fontSize(11).fillColor("black").text(clause.body_vi, { width, align: "justify" });
      if (clause.body_en) pdf.moveDown(0.2).font("italic").fontSize(10).fillColor(GREY).text(clause.body_en, { width, align: "justify" });
      pdf.fillColor("black").moveDown(0.8);
    });

    // Commitments table
    if (doc.commitments.length) {
      ensureSpace(120);
      heading(both("mous.commitments"));
      const cols = [
        { key: "party", label: both("mous.commitment.party"), w: 0.22 },
        { key: "title", label: both("mous.commitment.title"), w: 0.43 },
        { key: "kpi", label: both("mous.commitment.kpi"), w: 0.17 },
        { key: "due", label: both("mous.commitment.dueOn"), w: 0.18 },
      ] as const;
      const row = (cells: Record<string, string>, font: string, fill?: string) => {
        pdf.font(font).fontSize(9);
        const heights = cols.map((c) => pdf.heightOfString(cells[c.key], { width: c.w * width - 8 }));
        const h = Math.max(...heights) + 8;
        ensureSpace(h);
        const y = pdf.y;
        if (fill) pdf.rect(MARGIN, y, width, h).fill(fill);
        let x = MARGIN;
        pdf.fillColor("black");
        for (const c of cols) {
          pdf.font(font).fontSize(9).text(cells[c.key], x + 4, y + 4, { width: c.w * width - 8 });
          x += c.w * width;
        }
        pdf.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.5).strokeColor("#c5ced8").stroke();
        pdf.x = MARGIN;
        pdf.y = y + h;
      };
      row(Object.fromEntries(cols.map((c) => [c.key, c.label])), "semibold", "#e8eef5");
      for (const c of doc.commitments) {
        row(
          {
            party: c.party,
            title: [
              c.title_vi,
              c.title_en,
              ...(c.milestones ?? []).map((m) => `• ${m.title_vi}${m.title_en ? ` / ${m.title_en}` : ""} (${formatDate(`${m.due_on}T05:00:00Z`, "vi", "shortDate")}, ×${formatNumber(m.weight, "vi")})`),
            ]
              .filter(Boolean)
              .join("\n"),
            kpi: c.target === null ? "—" : `${formatNumber(c.target, "vi")} ${c.unit_vi ?? ""}${c.unit_en ? ` / ${c.unit_en}` : ""}`.trim(),
            due: `${formatDate(`${c.due_on}T05:00:00Z`, "vi", "shortDate")}`,
          },
          "regular",
        );
      }
    }

    pdf.addPage();
  }

  // Signature page
  heading(both("mous.pdf.signatures"));
  for (const s of doc.signatories) {
    ensureSpace(130);
    const top = pdf.y;
    pdf.font("semibold").fontSize(11).fillColor("black").text(s.organization, MARGIN, top, { width: width / 2 - 10 });
    pdf.font("regular").fontSize(10).text(s.name, { width: width / 2 - 10 });
    if (s.title) pdf.fillColor(GREY).text(s.title, { width: width / 2 - 10 });
    pdf.fillColor(GREY).text(s.email, { width: width / 2 - 10 });
    if (s.signedAt) pdf.fillColor(GREY).fontSize(9).text(`${both("mous.pdf.signedAt")}: ${formatDate(s.signedAt, "vi", "dateTime")} (UTC+7)`, { width: width / 2 - 10 });
    const leftBottom = pdf.y;
    const boxX = MARGIN + width / 2;
    pdf.rect(boxX, top, width / 2, 90).lineWidth(0.5).strokeColor("#c5ced8").stroke();
    const image = s.kind === "drawn" ? pngFromDataUrl(s.data) : null;
    if (image) {
      pdf.image(image, boxX + 8, top + 5, { fit: [width / 2 - 16, 80], align: "center", valign: "center" });
    } else if (s.kind === "pending" || s.kind === "certificate") {
      const note = s.kind === "pending" ? "mous.pdf.signaturePending" : "mous.pdf.signedByCertificate";
      pdf.font("regular").fontSize(9).fillColor(GREY).text(both(note), boxX + 8, top + 30, { width: width / 2 - 16, align: "center" });
    } else {
      pdf.font("italic").fontSize(22).fillColor(NAVY).text(s.data, boxX + 8, top + 28, { width: width / 2 - 16, align: "center" });
    }
    pdf.fillColor("black");
    pdf.x = MARGIN;
    pdf.y = Math.max(leftBottom, top + 90) + 18;
  }
  ensureSpace(SEAL_HEIGHT);
  // In PDF points from the page's bottom left, where pdfkit counts from the top.
  const sealLeft = MARGIN + width - SEAL_WIDTH;
  const sealTop = Math.round((pdf.page.height - pdf.y) * 100) / 100;
  const sealPlace: SealPlace = { page: after + pdf.bufferedPageRange().count - 1, rect: [sealLeft, sealTop - SEAL_HEIGHT, sealLeft + SEAL_WIDTH, sealTop] };

  // Audit page; the document signatories sign with their own certificates has no trail yet.
  if (doc.audit.length) {
    pdf.addPage();
    heading(both("mous.pdf.audit"));
    pdf.font("regular").fontSize(9).fillColor(GREY).text(both("mous.pdf.auditLead"), { width }).moveDown(0.6).fillColor("black");
    for (const entry of doc.audit) {
      ensureSpace(50);
      pdf.font("semibold").fontSize(9.5).text(`${formatDate(entry.at, "vi", "dateTime")} · ${entry.step}`, { width });
      const facts = [`${both("mous.pdf.actor")}: ${entry.actor}`, entry.ip ? `IP: ${entry.ip}` : null].filter(Boolean).join(" · ");
      pdf.font("regular").fontSize(9).text(facts, { width });
      if (entry.hash) pdf.font("regular").fontSize(8).fillColor(GREY).text(`SHA-256: ${entry.hash}`, { width });
      pdf.fillColor("black").moveDown(0.5);
    }
    pdf.moveDown(0.5).font("regular").fontSize(9).fillColor(GREY).text(both("mous.pdf.sealNote"), { width });
  }

  // A QR code and the verification link on every page
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN - FOOTER_HEIGHT + 14;
    pdf.moveTo(MARGIN, y - 6).lineTo(MARGIN + width, y - 6).lineWidth(0.5).strokeColor("#c5ced8").stroke();
    drawQrCode(pdf, doc.verifyUrl, MARGIN, y + QR_QUIET - 6, QR_SIZE);
    const textX = MARGIN + QR_SIZE + QR_QUIET + 4;
    const textWidth = width - QR_SIZE - QR_QUIET - 4;
    pdf.font("regular").fontSize(8).fillColor(GREY);
    pdf.text(both("mous.pdf.verifyHint"), textX, y + 2, { width: textWidth, lineBreak: true });
    pdf.fillColor(NAVY).text(doc.verifyUrl, textX, pdf.y + 2, { width: textWidth, link: doc.verifyUrl, underline: true });
    pdf.fillColor(GREY).text(`${doc.reference} · ${both("mous.pdf.page", { n: after + i + 1, total: after + range.count })}`, textX, pdf.y + 2, { width: textWidth });
    if (doc.developmentCertificate) pdf.font("bold").fillColor("#b42318").text(both("mous.pdf.developmentCertificate"), textX, pdf.y + 2, { width: textWidth });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return { pdf: await done, sealPlace };
}

/**
 * A PAdES signer for @signpdf: CAdES signed attributes over the byte ranges, and with a timestamp
 * authority an RFC 3161 token over the signature value (B-T); a TSA that fails fails the seal.
 */
class CadesSigner extends Signer {
  constructor(
    private readonly signer: CmsSigner,
    private readonly tsaUrl: string | null,
  ) {
    super();
  }

  async sign(data: Buffer): Promise<Buffer> {
    const tsaUrl = this.tsaUrl;
    return buildSignedData(this.signer, {
      content: data,
      unsignedAttributes: tsaUrl
        ? async (signature) => [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [await requestTimestampToken(tsaUrl, signature)] })]
        : undefined,
    });
  }
}

/**
 * Seals the finished PDF with one PAdES signature (ETSI.CAdES.detached) over the whole file, its
 * time in /M, shown at `place` by the seal's appearance. Sealed once at the end: a seal per signer
 * makes the earlier ones look broken in PDF readers.
 */
export async function sealPdf(
  pdf: Buffer,
  certificate: SigningCertificate,
  details: { reason: string; location: string; at: Date; tsaUrl: string | null; place: SealPlace },
): Promise<Buffer> {
  const withPlaceholder = addSealPlaceholder(pdf, {
    place: details.place,
    // Drawn here, just before signing, with the very time that goes into /M.
    appearance: await drawSealAppearance(sealFacts(certificate, details.at)),
    reason: details.reason,
    name: certificate.name,
    location: details.location,
    at: details.at,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Room for a certificate chain and a timestamp token with the authority's own certificates.
    signatureLength: 16384,
    // Written as a PDF name object: no spaces.
    appName: "InnovationForumPortal",
  });
  return new SignPdf().sign(withPlaceholder, new CadesSigner(certificate.signer, details.tsaUrl), details.at);
}
