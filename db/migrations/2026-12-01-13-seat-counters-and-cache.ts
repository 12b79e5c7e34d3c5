import { sql, type Kysely } from "kysely";
import { dialectTypes } from "./dialect";

/**
 * One counter row per event holding the number of seats taken, kept exact by triggers on
 * registrations: every writer (registration, cancellation, decision, walk-in, erasure) moves it
 * without having to remember to, and a seat claim locks one small row instead of counting rows.
 * `site_versions` holds the stamp the render cache of public pages compares: triggers raise it on
 * every change to what those pages show, whichever process or command makes it.
 */
/** What the public pages (home, events, an event with agenda, speakers, partners, public MoUs) are made of. */
const PUBLIC_TABLES = [
  "events",
  "event_organizations",
  "organizations",
  "speakers",
  "agenda_items",
  "agenda_speakers",
  "event_seat_counts",
  "mous",
  "mou_parties",
  "agreements",
  "files",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("event_seat_counts")
    .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("taken", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    INSERT INTO event_seat_counts (event_id, taken)
    SELECT e.id, (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status IN ('confirmed', 'pending')) FROM events e
  `.execute(db);

  await db.schema
    .createTable("site_versions")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await sql`INSERT INTO site_versions (name, version) VALUES ('public', 1)`.execute(db);

  if (dialectTypes(db).postgres) {
    await sql`
      CREATE FUNCTION portal_bump_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
        UPDATE site_versions SET version = version + 1 WHERE name = 'public';
        RETURN NULL;
      END $$`.execute(db);
    for (const table of PUBLIC_TABLES) {
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_bump_public_version`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.raw(table)}
        FOR EACH ROW EXECUTE FUNCTION portal_bump_public_version()`.execute(db);
    }
    await sql`
      CREATE FUNCTION portal_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.event_id = NEW.event_id THEN RETURN NULL; END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('confirmed', 'pending') THEN
          UPDATE event_seat_counts SET taken = taken - 1 WHERE event_id = OLD.event_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('confirmed', 'pending') THEN
          UPDATE event_seat_counts SET taken = taken + 1 WHERE event_id = NEW.event_id;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER registrations_count_seats AFTER INSERT OR UPDATE OF status, event_id OR DELETE ON registrations
      FOR EACH ROW EXECUTE FUNCTION portal_count_seats()`.execute(db);
    await sql`
      CREATE FUNCTION portal_open_seat_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO event_seat_counts (event_id, taken) VALUES (NEW.id, 0);
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER events_open_seat_count AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION portal_open_seat_count()`.execute(db);
    return;
  }
  for (const table of PUBLIC_TABLES) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      // The seat lock rewrites a counter unchanged: that is no change to a page.
      const when = op === "UPDATE" && table === "event_seat_counts" ? sql`WHEN OLD.taken <> NEW.taken` : sql``;
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_bump_public_version_${op.toLowerCase()}`)} AFTER ${sql.raw(op)} ON ${sql.raw(table)} ${when}
        BEGIN UPDATE site_versions SET version = version + 1 WHERE name = 'public'; END`.execute(db);
    }
  }
  await sql`
    CREATE TRIGGER events_open_seat_count AFTER INSERT ON events
    BEGIN INSERT INTO event_seat_counts (event_id, taken) VALUES (NEW.id, 0); END`.execute(db);
  await sql`
    CREATE TRIGGER registrations_seats_insert AFTER INSERT ON registrations WHEN NEW.status IN ('confirmed', 'pending')
    BEGIN UPDATE event_seat_counts SET taken = taken + 1 WHERE event_id = NEW.event_id; END`.execute(db);
  await sql`
    CREATE TRIGGER registrations_seats_delete AFTER DELETE ON registrations WHEN OLD.status IN ('confirmed', 'pending')
    BEGIN UPDATE event_seat_counts SET taken = taken - 1 WHERE event_id = OLD.event_id; END`.execute(db);
  await sql`
    CREATE TRIGGER registrations_seats_update AFTER UPDATE OF status, event_id ON registrations
    WHEN OLD.status <> NEW.status OR OLD.event_id <> NEW.event_id
    BEGIN
      UPDATE event_seat_counts SET taken = taken - 1 WHERE event_id = OLD.event_id AND OLD.status IN ('confirmed', 'pending');
      UPDATE event_seat_counts SET taken = taken + 1 WHERE event_id = NEW.event_id AND NEW.status IN ('confirmed', 'pending');
    END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectTypes(db).postgres) {
    await sql`DROP TRIGGER registrations_count_seats ON registrations`.execute(db);
    await sql`DROP TRIGGER events_open_seat_count ON events`.execute(db);
    await sql`DROP FUNCTION portal_count_seats()`.execute(db);
    await sql`DROP FUNCTION portal_open_seat_count()`.execute(db);
    for (const table of PUBLIC_TABLES) await sql`DROP TRIGGER ${sql.raw(`${table}_bump_public_version`)} ON ${sql.raw(table)}`.execute(db);
    await sql`DROP FUNCTION portal_bump_public_version()`.execute(db);
  } else {
    for (const table of PUBLIC_TABLES) {
      for (const op of ["insert", "update", "delete"]) await sql`DROP TRIGGER ${sql.raw(`${table}_bump_public_version_${op}`)}`.execute(db);
    }
    for (const name of ["events_open_seat_count", "registrations_seats_insert", "registrations_seats_delete", "registrations_seats_update"]) {
      await sql`DROP TRIGGER ${sql.raw(name)}`.execute(db);
    }
  }
  await db.schema.dropTable("site_versions").execute();
  await db.schema.dropTable("event_seat_counts").execute();
}
