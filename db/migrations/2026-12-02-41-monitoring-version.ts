import { sql, type Kysely } from "kysely";
import { dialectTypes } from "./dialect";

/**
 * A 'monitoring' stamp in `site_versions`, raised by triggers on every change to what the
 * dashboard's figures are made of, so that its data cache (decision 0020) serves a copy only while
 * nothing it counted has changed, whichever process or command made the change. On PostgreSQL a
 * trigger per statement: a batch of status refreshes raises it once, not once a row.
 */
const TABLES = ["commitments", "milestones", "mous", "mou_parties", "agreements", "organizations"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO site_versions (name, version) VALUES ('monitoring', 1)`.execute(db);
  if (dialectTypes(db).postgres) {
    await sql`
      CREATE FUNCTION portal_bump_monitoring_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site_versions SET version = version + 1 WHERE name = 'monitoring';
        RETURN NULL;
      END $$`.execute(db);
    for (const table of TABLES) {
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_bump_monitoring_version`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.raw(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION portal_bump_monitoring_version()`.execute(db);
    }
    return;
  }
  for (const table of TABLES) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_bump_monitoring_version_${op.toLowerCase()}`)} AFTER ${sql.raw(op)} ON ${sql.raw(table)}
        BEGIN UPDATE site_versions SET version = version + 1 WHERE name = 'monitoring'; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectTypes(db).postgres) {
    for (const table of TABLES) await sql`DROP TRIGGER ${sql.raw(`${table}_bump_monitoring_version`)} ON ${sql.raw(table)}`.execute(db);
    await sql`DROP FUNCTION portal_bump_monitoring_version()`.execute(db);
  } else {
    for (const table of TABLES) {
      for (const op of ["insert", "update", "delete"]) await sql`DROP TRIGGER ${sql.raw(`${table}_bump_monitoring_version_${op}`)}`.execute(db);
    }
  }
  await sql`DELETE FROM site_versions WHERE name = 'monitoring'`.execute(db);
}
