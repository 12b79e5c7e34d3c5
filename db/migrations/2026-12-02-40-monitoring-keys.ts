import { sql, type Kysely } from "kysely";
import { dialectTypes } from "./dialect";

/**
 * What the dashboard filters and groups commitments by, copied onto the commitment row so its
 * grouped counts read one covering index instead of joining every row to its owner and probing
 * for a sealed agreement (decision 0020):
 * - `tracked`: the MoU has a sealed agreement (the rule of `mouIsSealed`);
 * - `owner_sector`, `owner_province`: the owner organization's;
 * - `overdue_milestones`: unfinished milestones past due on `status_on`, 0 once cancelled; the
 *   portal writes it with the stored status, as it depends on the day.
 * Triggers keep the first three true whoever writes (a seal, an organization's edit, a new
 * commitment), as the seat counters of decision 0017 are kept.
 */
const INDEXES: [string, string[]][] = [
  ["commitments_tracked_status_idx", ["tracked", "status", "due_on", "id"]],
  ["commitments_tracked_due_idx", ["tracked", "due_on", "status", "overdue_milestones", "status_on"]],
  ["commitments_tracked_sector_idx", ["tracked", "owner_sector", "status"]],
  ["commitments_tracked_province_idx", ["tracked", "owner_province", "status"]],
  ["commitments_tracked_org_idx", ["tracked", "org_id", "status"]],
];

const KEYS_OF_ROW = (row: "NEW" | "commitments") => ({
  tracked: sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.mou_id = ${row}.mou_id) THEN 1 ELSE 0 END`),
  sector: sql.raw(`(SELECT o.sector FROM organizations o WHERE o.id = ${row}.org_id)`),
  province: sql.raw(`(SELECT o.province FROM organizations o WHERE o.id = ${row}.org_id)`),
});

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("commitments").addColumn("tracked", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("commitments").addColumn("owner_sector", "text").execute();
  await db.schema.alterTable("commitments").addColumn("owner_province", "text").execute();
  await db.schema.alterTable("commitments").addColumn("overdue_milestones", "integer", (c) => c.notNull().defaultTo(0)).execute();
  const own = KEYS_OF_ROW("commitments");
  await sql`UPDATE commitments SET tracked = ${own.tracked}, owner_sector = ${own.sector}, owner_province = ${own.province}`.execute(db);
  await sql`
    UPDATE commitments SET overdue_milestones = (
      SELECT COUNT(*) FROM milestones m WHERE m.commitment_id = commitments.id AND m.status <> 'done' AND m.due_on < commitments.status_on
    ) WHERE cancelled_at IS NULL`.execute(db);
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on("commitments").columns(columns).execute();
  await db.schema.createIndex("agreements_mou_created_idx").on("agreements").columns(["mou_id", "created_at"]).execute();
  await db.schema.createIndex("milestones_due_idx").on("milestones").columns(["due_on", "id"]).execute();

  const row = KEYS_OF_ROW("NEW");
  if (dialectTypes(db).postgres) {
    await sql`
      CREATE FUNCTION portal_commitment_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tracked := ${row.tracked};
        NEW.owner_sector := ${row.sector};
        NEW.owner_province := ${row.province};
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER commitments_keys BEFORE INSERT OR UPDATE OF mou_id, org_id ON commitments FOR EACH ROW EXECUTE FUNCTION portal_commitment_keys()`.execute(db);
    await sql`
      CREATE FUNCTION portal_track_commitments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE commitments SET tracked = CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.mou_id = commitments.mou_id) THEN 1 ELSE 0 END
        WHERE mou_id IN (NEW.mou_id, OLD.mou_id);
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER agreements_track_commitments AFTER INSERT OR DELETE OR UPDATE OF mou_id ON agreements FOR EACH ROW EXECUTE FUNCTION portal_track_commitments()`.execute(db);
    await sql`
      CREATE FUNCTION portal_owner_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE commitments SET owner_sector = NEW.sector, owner_province = NEW.province WHERE org_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER organizations_owner_keys AFTER UPDATE OF sector, province ON organizations FOR EACH ROW
      WHEN (OLD.sector IS DISTINCT FROM NEW.sector OR OLD.province IS DISTINCT FROM NEW.province) EXECUTE FUNCTION portal_owner_keys()`.execute(db);
    return;
  }
  const setKeys = sql`UPDATE commitments SET tracked = ${row.tracked}, owner_sector = ${row.sector}, owner_province = ${row.province} WHERE id = NEW.id;`;
  await sql`CREATE TRIGGER commitments_keys_insert AFTER INSERT ON commitments BEGIN ${setKeys} END`.execute(db);
  await sql`CREATE TRIGGER commitments_keys_update AFTER UPDATE OF mou_id, org_id ON commitments BEGIN ${setKeys} END`.execute(db);
  const retrack = (mou: string) =>
    sql.raw(`UPDATE commitments SET tracked = CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.mou_id = ${mou}) THEN 1 ELSE 0 END WHERE mou_id = ${mou};`);
  await sql`CREATE TRIGGER agreements_track_insert AFTER INSERT ON agreements BEGIN ${retrack("NEW.mou_id")} END`.execute(db);
  await sql`CREATE TRIGGER agreements_track_delete AFTER DELETE ON agreements BEGIN ${retrack("OLD.mou_id")} END`.execute(db);
  await sql`CREATE TRIGGER agreements_track_update AFTER UPDATE OF mou_id ON agreements BEGIN ${retrack("OLD.mou_id")} ${retrack("NEW.mou_id")} END`.execute(db);
  await sql`
    CREATE TRIGGER organizations_owner_keys AFTER UPDATE OF sector, province ON organizations
    WHEN OLD.sector IS NOT NEW.sector OR OLD.province IS NOT NEW.province
    BEGIN UPDATE commitments SET owner_sector = NEW.sector, owner_province = NEW.province WHERE org_id = NEW.id; END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectTypes(db).postgres) {
    await sql`DROP TRIGGER commitments_keys ON commitments`.execute(db);
    await sql`DROP TRIGGER agreements_track_commitments ON agreements`.execute(db);
    await sql`DROP TRIGGER organizations_owner_keys ON organizations`.execute(db);
    for (const fn of ["portal_commitment_keys", "portal_track_commitments", "portal_owner_keys"]) await sql`DROP FUNCTION ${sql.raw(fn)}()`.execute(db);
  } else {
    for (const name of ["commitments_keys_insert", "commitments_keys_update", "agreements_track_insert", "agreements_track_delete", "agreements_track_update", "organizations_owner_keys"]) {
      await sql`DROP TRIGGER ${sql.raw(name)}`.execute(db);
    }
  }
  for (const name of ["milestones_due_idx", "agreements_mou_created_idx", ...INDEXES.map(([n]) => n)]) await db.schema.dropIndex(name).execute();
  for (const column of ["overdue_milestones", "owner_province", "owner_sector", "tracked"]) await db.schema.alterTable("commitments").dropColumn(column).execute();
}
