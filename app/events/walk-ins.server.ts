import { recordAudit } from "~/audit/audit-log.server";
import type { Locale } from "~/i18n/locale";
import type { DB, Event } from "~db/schema";
import { consentText } from "./consent.server";
import type { MailOptions } from "./registration-mail.server";
import { registerAttendees, type Attendee, type RegisterOutcome } from "./register.server";
import { lockEvent, type ActorRef } from "./registrations.server";
import { lockSeats } from "./seats.server";

export type WalkInOutcome = RegisterOutcome | { kind: "full"; taken: number; capacity: number };

/**
 * Adds someone at the desk through the same seat claim as the public form. A full event refuses
 * unless the organizer says so; then the capacity grows by the one seat, recorded in the audit log,
 * so that the count of seats stays the one truth about who has one.
 */
export async function addWalkIn(
  db: DB,
  event: Event,
  attendee: Attendee,
  options: { locale: Locale; beyondCapacity: boolean; actor: ActorRef & { id: string } },
  mail: MailOptions,
): Promise<WalkInOutcome> {
  const full = await db.transaction().execute(async (trx) => {
    const locked = await lockEvent(trx, event.id);
    const taken = await lockSeats(trx, event.id);
    if (locked.capacity === null || taken < locked.capacity) return null;
    if (!options.beyondCapacity) return { kind: "full" as const, taken, capacity: locked.capacity };
    await trx.updateTable("events").set({ capacity: taken + 1 }).where("id", "=", event.id).execute();
    await recordAudit(trx, {
      actorId: options.actor.id,
      actorLabel: options.actor.name,
      action: "event.capacity_for_walk_in",
      entityType: "event",
      entityId: event.id,
      before: { capacity: locked.capacity },
      after: { capacity: taken + 1 },
      ip: options.actor.ip,
    });
    return null;
  });
  if (full) return full;
  const meta = { locale: options.locale, consentText: consentText(options.locale), userId: null, orgId: null, registeredBy: options.actor.id, walkIn: true };
  const [outcome] = await registerAttendees(db, event.id, [attendee], meta, mail);
  return outcome;
}
