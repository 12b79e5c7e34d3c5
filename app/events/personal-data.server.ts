import { recordAudit } from "~/audit/audit-log.server";
import { nowIso } from "~/lib/time";
import type { DB, Event, Registration } from "~db/schema";
import { ACTIVE, fillFreeSeats, lockEvent } from "./registrations.server";
import type { MailOptions } from "./registration-mail.server";

/** What the portal holds about one attendee, for their own download (Decree 13/2023, right of access). */
export function exportPersonalData(registration: Registration, event: Pick<Event, "slug" | "title_vi" | "title_en" | "starts_at">) {
  return {
    event: { slug: event.slug, title_vi: event.title_vi, title_en: event.title_en, starts_at: event.starts_at },
    registration: {
      ticket_code: registration.ticket_code,
      status: registration.status,
      name: registration.name,
      email: registration.email,
      phone: registration.phone,
      organization: registration.organization,
      position: registration.position,
      answers: JSON.parse(registration.answers || "{}") as unknown,
      locale: registration.locale,
      consent_at: registration.consent_at,
      consent_text: registration.consent_text,
      created_at: registration.created_at,
      confirmed_at: registration.confirmed_at,
      waitlisted_at: registration.waitlisted_at,
      cancelled_at: registration.cancelled_at,
      checked_in_at: registration.checked_in_at,
    },
    exported_at: nowIso(),
  };
}

/**
 * Erases an attendee's personal data at their request: the row stays, anonymous, so that counts
 * and check-in figures still add up; an active registration is cancelled and its seat passed on.
 */
export async function eraseRegistration(db: DB, registrationId: string, mail: MailOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("registrations").select("event_id").where("id", "=", registrationId).executeTakeFirstOrThrow();
    const event = await lockEvent(trx, current.event_id);
    const before = await trx.selectFrom("registrations").selectAll().where("id", "=", registrationId).executeTakeFirstOrThrow();
    if (before.erased_at) return;
    const now = nowIso();
    const wasActive = ACTIVE.includes(before.status);
    await trx
      .updateTable("registrations")
      .set({
        name: "",
        email: "",
        email_normalized: `erased:${before.id}`,
        phone: null,
        organization: null,
        position: null,
        answers: "{}",
        erased_at: now,
        status: wasActive ? "cancelled" : before.status,
        cancelled_at: wasActive ? now : before.cancelled_at,
        updated_at: now,
      })
      .where("id", "=", before.id)
      .execute();
    // Mail about this registration not yet delivered would carry the name: withdraw it (each such
    // email holds the ticket link; mail about the person's other registrations stays).
    await trx
      .deleteFrom("outbox")
      .where("to_address", "=", before.email)
      .where("status", "=", "pending")
      .where("text_body", "like", `%/tickets/${before.ticket_code}%`)
      .execute();
    await recordAudit(trx, { actorId: null, actorLabel: "attendee", action: "registration.erase", entityType: "registration", entityId: before.id, ip: null });
    if (wasActive) await fillFreeSeats(trx, event, mail);
  });
}
