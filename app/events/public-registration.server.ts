import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";
import type { DB, Event } from "~db/schema";
import { countTakenSeats } from "./public-events.server";
import { newTicketCode, normalizeEmail, type Attendee, type PreparedTicket } from "./registrations.server";
import { renderTicketPdf } from "./ticket-pdf.server";

/** The consent text the attendee ticked, stored word for word with its time. */
export function consentText(locale: Locale): string {
  return translate(locale, "register.consentText");
}

/**
 * Makes the ticket code, and the ticket PDF when the person will most likely get a seat, before
 * the transaction: a PDF is never built while the seat lock is held. A guess that turns out wrong
 * costs nothing: the email then links to the ticket PDF instead of attaching it.
 */
export async function prepareTickets(db: DB, event: Event, attendees: Attendee[], locale: Locale): Promise<PreparedTicket[]> {
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await countTakenSeats(db, event.id));
  const known = new Set(
    (
      await db
        .selectFrom("registrations")
        .select("email_normalized")
        .where("event_id", "=", event.id)
        .where("email_normalized", "in", attendees.map((a) => normalizeEmail(a.email)))
        .execute()
    ).map((r) => r.email_normalized),
  );
  let seats = free;
  const tickets: PreparedTicket[] = [];
  for (const attendee of attendees) {
    const code = newTicketCode();
    const likelySeat = !event.requires_approval && seats > 0 && !known.has(normalizeEmail(attendee.email));
    if (likelySeat) seats -= 1;
    const pdf = likelySeat ? await renderTicketPdf({ event, attendee, code, locale }) : null;
    tickets.push({ code, pdf });
  }
  return tickets;
}
