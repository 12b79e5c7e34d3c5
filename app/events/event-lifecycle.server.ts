import { recordAudit } from "~/audit/audit-log.server";
import { addMinutes, nowIso } from "~/lib/time";
import type { DB, Event, EventStatus, RegistrationStatus, Tx } from "~db/schema";
import { ACTIVE, fillFreeSeats, lockEvent, type ActorRef } from "./registrations.server";
import { lockSeats } from "./seats.server";
import { enqueueRegistrationEmail, type MailOptions, type RegistrationMailKind } from "./registration-mail.server";

import type { MailSegment } from "./mail-segments";

export type LifecycleAction = "publish" | "close_registration" | "cancel" | "archive";

/** Which statuses each action starts from. */
const FROM: Record<LifecycleAction, EventStatus[]> = {
  publish: ["draft"],
  close_registration: ["published"],
  cancel: ["draft", "published", "closed"],
  archive: ["published", "closed", "cancelled"],
};

/** What the organizer may do now; a published event is archived only once it is over. */
export function allowedActions(event: Pick<Event, "status" | "ends_at" | "registration_closes_at" | "starts_at">, now = nowIso()): LifecycleAction[] {
  return (Object.keys(FROM) as LifecycleAction[]).filter((action) => {
    if (!FROM[action].includes(event.status)) return false;
    if (action === "archive" && event.status === "published") return event.ends_at < now;
    if (action === "close_registration") return (event.registration_closes_at ?? event.starts_at) > now;
    return true;
  });
}

async function emailAttendees(trx: Tx, event: Event, kind: RegistrationMailKind, statuses: RegistrationStatus[], mail: MailOptions, notCheckedIn = false): Promise<number> {
  let query = trx.selectFrom("registrations").selectAll().where("event_id", "=", event.id).where("status", "in", statuses).where("erased_at", "is", null);
  if (notCheckedIn) query = query.where("checked_in_at", "is", null);
  const people = await query.execute();
  for (const registration of people) await enqueueRegistrationEmail(trx, event, registration, kind, mail);
  return people.length;
}

/**
 * Moves an event along its lifecycle. Cancelling tells every registrant (confirmed, pending or
 * waitlisted) by email, each in their language, in the same transaction.
 */
export async function applyLifecycle(db: DB, eventId: string, action: LifecycleAction, actor: ActorRef, mail: MailOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    // Every action changes whether seats can be claimed: a claim in flight either lands before
    // (and a cancellation tells that person too) or finds the event as it is after.
    await lockSeats(trx, eventId);
    const now = nowIso();
    if (!allowedActions(event, now).includes(action)) return false;
    const change: Partial<Event> =
      action === "publish"
        ? { status: "published", published_at: now }
        : action === "close_registration"
          ? { registration_closes_at: now < event.starts_at ? now : event.starts_at }
          : action === "cancel"
            ? { status: "cancelled", cancelled_at: now }
            : { status: "archived" };
    await trx.updateTable("events").set({ ...change, updated_at: now }).where("id", "=", event.id).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: `event.${action}`, entityType: "event", entityId: event.id, before: { status: event.status, registration_closes_at: event.registration_closes_at }, after: change, ip: actor.ip });
    if (action === "cancel") await emailAttendees(trx, { ...event, ...change }, "event_cancelled", ACTIVE, mail);
    return true;
  });
}

/** The organizer's message to one segment of the registrants, each in their language; returns how many were written to. */
export async function emailSegment(db: DB, event: Event, segment: MailSegment, message: { subject: string; body: string }, actor: ActorRef, mail: MailOptions): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const statuses: RegistrationStatus[] = [segment === "not_checked_in" ? "confirmed" : segment];
    const count = await emailAttendees(trx, event, "organizer_message", statuses, { ...mail, message }, segment === "not_checked_in");
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "event.mail_attendees", entityType: "event", entityId: event.id, after: { segment, subject: message.subject, recipients: count }, ip: actor.ip });
    return count;
  });
}

/** After seats are added (a larger capacity), the waitlist moves up at once. */
export async function fillSeatsAfterEdit(db: DB, eventId: string, mail: MailOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    await fillFreeSeats(trx, event, mail);
  });
}

/**
 * The reminder the day before: for each published event starting within 24 hours, claims the
 * event by setting reminder_sent_at where it is still empty (so it goes out once, whichever
 * process runs the job) and queues one email per confirmed attendee in the same transaction.
 */
export async function sendDueReminders(db: DB, origin: string, now = new Date()): Promise<number> {
  const nowText = now.toISOString();
  const due = await db
    .selectFrom("events")
    .select("id")
    .where("status", "=", "published")
    .where("reminder_sent_at", "is", null)
    .where("starts_at", ">", nowText)
    .where("starts_at", "<=", addMinutes(nowText, 24 * 60))
    .execute();
  let sent = 0;
  for (const { id } of due) {
    sent += await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("events")
        .set({ reminder_sent_at: nowText })
        .where("id", "=", id)
        .where("reminder_sent_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return 0;
      return emailAttendees(trx, claimed, "day_before", ["confirmed"], { origin });
    });
  }
  return sent;
}

/**
 * An event that has ended moves from published to closed, as its lifecycle says; registration
 * is long shut by then, and organizers may archive it afterwards. Returns how many were closed.
 */
export async function closeEndedEvents(db: DB, now = new Date()): Promise<number> {
  const nowText = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("events")
      .set({ status: "closed", updated_at: nowText })
      .where("status", "=", "published")
      .where("ends_at", "<", nowText)
      .returning(["id"])
      .execute();
    for (const { id } of ended) {
      await recordAudit(trx, { actorId: null, actorLabel: "portal", action: "event.closed", entityType: "event", entityId: id, before: { status: "published" }, after: { status: "closed" } });
    }
    return ended.length;
  });
}

