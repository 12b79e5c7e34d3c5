import type { Locale } from "~/i18n/locale";
import { newId, newSecret } from "~/lib/ids.server";
import { enqueueEmail, rewriteEmail } from "~/mail/outbox.server";
import { nowIso } from "~/lib/time";
import type { DB, Event, Registration } from "~db/schema";
import { registrationWindow } from "./registration-window";
import { registrationEmail, type MailOptions } from "./registration-mail.server";
import { normalizeEmail, waitlistPosition } from "./registrations.server";
import { lockSeats } from "./seats.server";

export type Attendee = {
  name: string;
  email: string;
  organization: string | null;
  position: string | null;
  phone: string | null;
  answers: Record<string, string>;
};

export type RegistrationMeta = {
  locale: Locale;
  consentText: string;
  userId: string | null;
  orgId: string | null;
  registeredBy: string | null;
  /** Added by an organizer at the desk: the public registration window does not apply, a live event does. */
  walkIn?: boolean;
};

export type RegisterOutcome =
  | { kind: "created"; registration: Registration; position: number | null }
  | { kind: "existing"; registration: Registration }
  | { kind: "closed" };

export function newTicketCode(): string {
  // 32 random bytes: 256 bits, far beyond guessing.
  return newSecret(32);
}

function isOpen(event: Event, meta: RegistrationMeta, now: string): boolean {
  return meta.walkIn ? event.status === "published" || event.status === "closed" : registrationWindow(event, now) === "open";
}

/** What a person given a seat becomes. */
function seatStatus(event: Event): "pending" | "confirmed" {
  return event.requires_approval ? "pending" : "confirmed";
}

/** Thrown inside the transaction when the event closed while the mails were being written: undoes them. */
class ClosedMeanwhile extends Error {}

/** The registration a person gets when a seat is free, before anything is written. */
function draft(event: Event, attendee: Attendee, meta: RegistrationMeta, now: string): Registration {
  const status = seatStatus(event);
  return {
    id: newId(),
    event_id: event.id,
    ticket_code: newTicketCode(),
    status,
    name: attendee.name,
    email: attendee.email.trim(),
    email_normalized: normalizeEmail(attendee.email),
    phone: attendee.phone,
    organization: attendee.organization,
    position: attendee.position,
    org_id: meta.orgId,
    user_id: meta.userId,
    registered_by: meta.registeredBy,
    answers: JSON.stringify(attendee.answers),
    locale: meta.locale,
    consent_at: now,
    consent_text: meta.consentText,
    confirmed_at: status === "confirmed" ? now : null,
    waitlisted_at: null,
    cancelled_at: null,
    checked_in_at: null,
    checked_in_by: null,
    erased_at: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Registers people for an event in one transaction: each gets a seat while seats last, then the
 * waitlist; an email already registered for the event gets its registration back instead. Never
 * oversells: the seat count is read and the row written under the event's seat lock.
 *
 * Every claim for the event queues on that lock, so it is held for as little as possible: the mail
 * for the likely outcome (a seat) is written out and queued before it; under it, one read of the
 * event and of the addresses already registered, the registration itself, and a corrected mail only
 * when the outcome differs (waitlisted, already registered, the event edited meanwhile).
 */
export async function registerAttendees(db: DB, eventId: string, attendees: Attendee[], meta: RegistrationMeta, mail: MailOptions): Promise<RegisterOutcome[]> {
  const seen = await db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
  const now = nowIso();
  const closed = () => attendees.map(() => ({ kind: "closed" as const }));
  if (!isOpen(seen, meta, now)) return closed();
  const drafts = attendees.map((attendee) => {
    const registration = draft(seen, attendee, meta, now);
    return { registration, email: registrationEmail(seen, registration, seatStatus(seen), mail) };
  });
  try {
    return await db.transaction().execute(async (trx) => {
      // Queued first: on SQLite this write also takes the database's write lock at the start.
      const outboxIds: (string | null)[] = [];
      for (const d of drafts) outboxIds.push(d.email ? await enqueueEmail(trx, d.email) : null);
      let taken = await lockSeats(trx, eventId);
      const { known, ...event } = await trx
        .selectFrom("events")
        .selectAll("events")
        .select((eb) =>
          eb
            .selectFrom("registrations")
            .select(eb.fn.countAll<number>().as("n"))
            .where("registrations.event_id", "=", eventId)
            .where("registrations.email_normalized", "in", drafts.map((d) => d.registration.email_normalized))
            .as("known"),
        )
        .where("events.id", "=", eventId)
        .executeTakeFirstOrThrow();
      if (!isOpen(event, meta, now)) throw new ClosedMeanwhile();
      const existing: Registration[] = Number(known)
        ? await trx.selectFrom("registrations").selectAll().where("event_id", "=", eventId).where("email_normalized", "in", drafts.map((d) => d.registration.email_normalized)).execute()
        : [];
      const outcomes: RegisterOutcome[] = [];
      for (const [i, d] of drafts.entries()) {
        const outboxId = outboxIds[i];
        const before = existing.find((r) => r.email_normalized === d.registration.email_normalized);
        if (before && before.status !== "cancelled" && before.status !== "rejected") {
          if (outboxId) await rewriteEmail(trx, outboxId, registrationEmail(event, before, "reminder_of_ticket", mail));
          outcomes.push({ kind: "existing", registration: before });
          continue;
        }
        const hasSeat = event.capacity === null || taken < event.capacity;
        if (hasSeat) taken += 1;
        const status = hasSeat ? seatStatus(event) : ("waitlisted" as const);
        const fields = { ...d.registration, status, confirmed_at: status === "confirmed" ? now : null, waitlisted_at: status === "waitlisted" ? now : null };
        // A cancelled registration comes back to life with the same ticket code: one row per email and event.
        const { id: _id, ticket_code: _code, created_at: _created, ...revived } = fields;
        const registration = before
          ? await trx.updateTable("registrations").set(revived).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto("registrations").values(fields).returningAll().executeTakeFirstOrThrow();
        const position = await waitlistPosition(trx, registration);
        if (outboxId && (before || status !== d.registration.status || event.updated_at !== seen.updated_at)) {
          await rewriteEmail(trx, outboxId, registrationEmail(event, registration, status, { ...mail, position }));
        }
        // The same address twice in one call: the second gets the first's registration back.
        existing.push(registration);
        outcomes.push({ kind: "created", registration, position });
      }
      return outcomes;
    });
  } catch (error) {
    if (error instanceof ClosedMeanwhile) return closed();
    throw error;
  }
}
