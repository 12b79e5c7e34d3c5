import type { ExpressionBuilder } from "kysely";
import type { Database, RegistrationStatus, Trx } from "~db/schema";

/** Statuses that hold a seat: a pending registration keeps its seat while the organizer decides. */
export const SEAT_HOLDING: RegistrationStatus[] = ["confirmed", "pending"];

/**
 * Seats taken at one event, as a subquery for lists of events: the same count as
 * `countTakenSeats`, so a list and the event's own page cannot disagree.
 */
export function takenSeats(eb: ExpressionBuilder<Database, "events">) {
  return eb
    .selectFrom("registrations")
    .select((e) => e.fn.countAll<number>().as("n"))
    .whereRef("registrations.event_id", "=", "events.id")
    .where("registrations.status", "in", SEAT_HOLDING);
}

/** Inside a transaction that holds the event's lock (`lockEvent`), the count cannot move under the caller. */
export async function countTakenSeats(db: Trx, eventId: string): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", eventId)
    .where("status", "in", SEAT_HOLDING)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
