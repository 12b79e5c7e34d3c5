import { sql, type Kysely } from "kysely";
import { dialectTypes } from "./dialect";

/**
 * Seat counters stop raising the public pages' stamp. On PostgreSQL that stamp is one row: every
 * registration in the portal updated it, so claims for different events queued on it and every
 * claim held two row locks. The one public page that shows seats (an event's own) now keys its
 * cached copy on the event's counter as well (app/server/render-cache.server.ts), which is as exact.
 * A counter row comes and goes with its event, whose own triggers still raise the stamp.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectTypes(db).postgres) {
    await sql`DROP TRIGGER event_seat_counts_bump_public_version ON event_seat_counts`.execute(db);
    return;
  }
  for (const op of ["insert", "update", "delete"]) await sql`DROP TRIGGER ${sql.raw(`event_seat_counts_bump_public_version_${op}`)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectTypes(db).postgres) {
    await sql`
      CREATE TRIGGER event_seat_counts_bump_public_version AFTER INSERT OR UPDATE OR DELETE ON event_seat_counts
      FOR EACH ROW EXECUTE FUNCTION portal_bump_public_version()`.execute(db);
    return;
  }
  for (const op of ["INSERT", "UPDATE", "DELETE"]) {
    const when = op === "UPDATE" ? sql`WHEN OLD.taken <> NEW.taken` : sql``;
    await sql`
      CREATE TRIGGER ${sql.raw(`event_seat_counts_bump_public_version_${op.toLowerCase()}`)} AFTER ${sql.raw(op)} ON event_seat_counts ${when}
      BEGIN UPDATE site_versions SET version = version + 1 WHERE name = 'public'; END`.execute(db);
  }
}
