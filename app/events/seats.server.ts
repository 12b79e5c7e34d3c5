import type { ExpressionBuilder } from "kysely";
import type { Database, RegistrationStatus, Trx, Tx } from "~db/schema";

/** Statuses that hold a seat: a pending registration keeps its seat while the organizer decides. */
export const SEAT_HOLDING: RegistrationStatus[] = ["confirmed", "pending"];

/**
 * Seats taken at one event, as a subquery for lists of events: the counter row that triggers keep
 * equal to the number of seat-holding registrations (migration 2026-12-01-13), so a list and the
 * event's own page read the same number and neither counts rows.
 */
export function takenSeats(eb: ExpressionBuilder<Database, "events">) {
  return eb.selectFrom("event_seat_counts").select("event_seat_counts.taken").whereRef("event_seat_counts.event_id", "=", "events.id");
}

/** For display: the count may move a moment later; a seat is only ever given under `lockSeats`. */
export async function countTakenSeats(db: Trx, eventId: string): Promise<number> {
  const row = await db.selectFrom("event_seat_counts").select("taken").where("event_id", "=", eventId).executeTakeFirst();
  return Number(row?.taken ?? 0);
}

/**
 * Takes the event's seat lock and returns the seats taken, held until the transaction ends. It is a
 * write (a no-op update), so on SQLite the transaction holds the write lock from its first
 * statement (a deferred read-then-write could be refused by another process's write) and on
 * PostgreSQL it locks one small row: every seat claim for the event queues here, and nowhere else.
 */
export async function lockSeats(trx: Tx, eventId: string): Promise<number> {
  const row = await trx
    .updateTable("event_seat_counts")
    .set((eb) => ({ taken: eb.ref("taken") }))
    .where("event_id", "=", eventId)
    .returning("taken")
    .executeTakeFirstOrThrow();
  return Number(row.taken);
}
