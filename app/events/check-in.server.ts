import { nowIso } from "~/lib/time";
import type { DB } from "~db/schema";
import { auditRegistration, type ActorRef } from "./registrations.server";

/**
 * Takes back a check-in made by mistake. The update only matches a row still checked in, so two
 * devices undoing at once record one undo.
 */
export async function undoCheckIn(db: DB, eventId: string, registrationId: string, actor: ActorRef): Promise<"undone" | "not_checked_in"> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("registrations").selectAll().where("id", "=", registrationId).where("event_id", "=", eventId).executeTakeFirst();
    if (!before?.checked_in_at) return "not_checked_in";
    const now = nowIso();
    const undone = await trx
      .updateTable("registrations")
      .set({ checked_in_at: null, checked_in_by: null, updated_at: now })
      .where("id", "=", before.id)
      .where("checked_in_at", "is not", null)
      .executeTakeFirst();
    if (Number(undone.numUpdatedRows) === 0) return "not_checked_in";
    await auditRegistration(trx, actor, "registration.undo_check_in", before, { checked_in_at: null });
    return "undone";
  });
}

/** Who is in, most recent first: the door sees the last arrivals at a glance. */
export async function listCheckedIn(db: DB, eventId: string, limit = 20) {
  return db
    .selectFrom("registrations")
    .select(["id", "name", "organization", "checked_in_at"])
    .where("event_id", "=", eventId)
    .where("checked_in_at", "is not", null)
    .where("erased_at", "is", null)
    .orderBy("checked_in_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}
