import type { AttachmentRenderer } from "~/mail/delivery.server";
import { renderTicketPdf } from "~/pdf/ticket.server";
import type { DB } from "~db/schema";
import { buildEventIcs } from "./calendar.server";

/** The names under which registration emails refer to their attachments. */
export const EVENT_ICS = "event-ics";
export const TICKET_PDF = "ticket-pdf";

/**
 * The attachments of registration emails, drawn when the mail is sent (decision 0009): the
 * calendar file and the ticket show the event and the attendee as they are then. An event or a
 * ticket gone since the email was queued leaves its attachment out.
 */
export function eventAttachmentRenderers(origin: string): Record<string, AttachmentRenderer> {
  return {
    [TICKET_PDF]: (db, code) => renderTicketPdfByCode(db, code),
    [EVENT_ICS]: async (db, eventId, { locale }) => {
      const event = await db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirst();
      return event ? Buffer.from(buildEventIcs(event, locale, origin)) : null;
    },
  };
}

/** The PDF of a live ticket, or null when the ticket is gone or its data erased. */
async function renderTicketPdfByCode(db: DB, code: string): Promise<Buffer | null> {
  const registration = await db.selectFrom("registrations").selectAll().where("ticket_code", "=", code).executeTakeFirst();
  if (!registration || registration.erased_at) return null;
  const event = await db.selectFrom("events").selectAll().where("id", "=", registration.event_id).executeTakeFirstOrThrow();
  return renderTicketPdf({ event, attendee: registration, code, locale: registration.locale });
}
