import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, localized, translate } from "~/i18n/translate";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail, type NewEmail, type OutboxAttachment } from "~/mail/outbox.server";
import type { Event, Registration, Tx } from "~db/schema";
import { EVENT_ICS, TICKET_PDF } from "./mail-attachments.server";

export type MailOptions = {
  /** The portal's origin, for links. */
  origin: string;
  position?: number | null;
  /** The organizer's own words, for messages to attendees. */
  message?: { subject: string; body: string };
  /** Why the organizer cancelled or rejected a registration, quoted to the attendee. */
  reason?: string;
};

export type RegistrationMailKind =
  | "confirmed"
  | "pending"
  | "waitlisted"
  | "promoted"
  | "approved"
  | "rejected"
  | "cancelled_by_organizer"
  | "cancelled_by_attendee"
  | "reminder_of_ticket"
  | "ticket_resent"
  | "event_cancelled"
  | "day_before"
  | "organizer_message";

/** Kinds after which the attendee holds a seat: they get the calendar file and the ticket PDF. */
const WITH_TICKET: RegistrationMailKind[] = ["confirmed", "approved", "promoted", "day_before", "ticket_resent"];

export function eventDetails(event: Event, locale: Locale): [string, string][] {
  return [
    [translate(locale, "events.title"), localized(event, "title", locale)],
    [
      translate(locale, "events.when"),
      `${formatDate(event.starts_at, locale, "dateTime")} – ${formatDate(event.ends_at, locale, "time")} (${translate(locale, "events.timeZoneNote")})`,
    ],
    [translate(locale, "events.where"), [localized(event, "venue", locale), event.address].filter(Boolean).join(", ")],
  ];
}

/**
 * Queues the email that tells an attendee what just happened to their registration, in the
 * language they registered in, inside the caller's transaction.
 */
export async function enqueueRegistrationEmail(trx: Tx, event: Event, registration: Registration, kind: RegistrationMailKind, options: MailOptions): Promise<void> {
  const email = registrationEmail(event, registration, kind, options);
  if (email) await enqueueEmail(trx, email);
}

/** That email, written out but not queued (null for an erased registration, which has no address). */
export function registrationEmail(event: Event, registration: Registration, kind: RegistrationMailKind, options: MailOptions): NewEmail | null {
  if (registration.erased_at || !registration.email) return null;
  const locale = registration.locale;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const title = localized(event, "title", locale);
  const ticketUrl = `${options.origin}/tickets/${registration.ticket_code}`;
  // Moved up from the waitlist into an event that needs approval: they are now awaiting a decision.
  const key: RegistrationMailKind = kind === "promoted" && registration.status === "pending" ? "pending" : kind;

  // The organizer's own message carries their words; every other kind has its text in the messages file.
  const own = key === "organizer_message" ? options.message : undefined;
  const templated = key as Exclude<RegistrationMailKind, "organizer_message">;
  const paragraphs = own ? own.body.split(/\n{2,}/) : [t(`mail.${templated}.body`, { position: options.position ?? "", event: title })];
  if (options.reason) paragraphs.push(t("mail.reason", { reason: options.reason }));
  const withTicketLink = !["event_cancelled", "rejected", "cancelled_by_organizer", "cancelled_by_attendee"].includes(key);
  if (withTicketLink && !own) paragraphs.push(t("mail.ticketLinkNote"));
  const content = renderEmail({
    locale,
    greeting: t("mail.greeting", { name: registration.name }),
    heading: own ? own.subject : t(`mail.${templated}.heading`, { event: title, position: options.position ?? "" }),
    paragraphs,
    details: eventDetails(event, locale),
    action: withTicketLink ? { label: t("mail.openTicket"), url: ticketUrl } : undefined,
    footnote: t("mail.footnote"),
  });
  const attachments: OutboxAttachment[] = [];
  if (WITH_TICKET.includes(kind) && registration.status === "confirmed") {
    attachments.push({ filename: `${event.slug}.ics`, contentType: "text/calendar; charset=utf-8", render: EVENT_ICS, ref: event.id });
    attachments.push({ filename: `ticket-${event.slug}.pdf`, contentType: "application/pdf", render: TICKET_PDF, ref: registration.ticket_code });
  }
  const subject = own ? `${own.subject} · ${title}` : t(`mail.${templated}.subject`, { event: title });
  return {
    kind: `registration.${kind}`,
    to: registration.email,
    toName: registration.name,
    locale,
    subject,
    text: content.text,
    html: content.html,
    attachments,
  };
}
