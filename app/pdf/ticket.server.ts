import type { Locale } from "~/i18n/locale";
import { formatDate, localized, translate } from "~/i18n/translate";
import type { Event } from "~db/schema";
import { startPdf } from "./document.server";
import { qrCodeDataUrl, qrCodePng } from "./images.server";

export type TicketPdfInput = {
  event: Pick<Event, "title_vi" | "title_en" | "venue_vi" | "venue_en" | "address" | "starts_at" | "ends_at">;
  attendee: { name: string; organization: string | null; position: string | null };
  code: string;
  locale: Locale;
};

/** The printable ticket: event, attendee and a QR code that holds the ticket code, for the door. */
export async function renderTicketPdf(input: TicketPdfInput): Promise<Buffer> {
  const { event, attendee, code, locale } = input;
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const qr = await qrCodePng(code, 360);
  const { pdf: doc, done } = startPdf({ size: "A5", margin: 40, info: { Title: `${t("ticket.pdfTitle")} · ${localized(event, "title", locale)}` } });

  doc.rect(0, 0, doc.page.width, 56).fill("#0b3b66");
  doc.fillColor("#ffffff").font("bold").fontSize(12).text(t("app.name"), 40, 20, { width: doc.page.width - 80 });
  doc.fillColor("#13202e").font("bold").fontSize(11).text(t("ticket.pdfTitle").toUpperCase(), 40, 80);
  doc.moveDown(0.4).font("bold").fontSize(16).text(localized(event, "title", locale));
  doc.moveDown(0.6).font("regular").fontSize(11);
  doc.text(`${formatDate(event.starts_at, locale, "dateTime")} – ${formatDate(event.ends_at, locale, "time")} (${t("events.timeZoneNote")})`);
  doc.text([localized(event, "venue", locale), event.address].filter(Boolean).join(", "));
  doc.moveDown(1).fillColor("#51606f").fontSize(9).text(t("ticket.attendee").toUpperCase());
  doc.fillColor("#13202e").font("bold").fontSize(15).text(attendee.name);
  const line = [attendee.position, attendee.organization].filter(Boolean).join(", ");
  if (line) doc.font("regular").fontSize(11).text(line);
  const size = 170;
  const y = doc.y + 16;
  doc.image(qr, (doc.page.width - size) / 2, y, { width: size, height: size });
  doc.font("regular").fontSize(8).fillColor("#51606f").text(code, 40, y + size + 8, { width: doc.page.width - 80, align: "center" });
  doc.moveDown(0.6).fontSize(9).text(t("ticket.pdfNote"), { width: doc.page.width - 80, align: "center" });
  doc.end();
  return done;
}

/** The QR code of a ticket as an image for the ticket page. */
export function ticketQrDataUrl(code: string): Promise<string> {
  return qrCodeDataUrl(code, 280);
}
