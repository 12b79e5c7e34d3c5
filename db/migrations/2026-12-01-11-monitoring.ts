import type { Kysely } from "kysely";

/**
 * Monitoring at scale. A commitment's status is stored with the day it was derived for, so lists
 * and aggregates can filter and count it in SQL; the portal re-derives it (app/commitments/
 * stored-status.server.ts) in the transaction of every change and, for changes only time makes,
 * once a day. Rows start stale (`status_on` empty) and the first daily run fills them in.
 * The indexes serve the paged lists and the dashboard's counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("commitments").addColumn("status", "text", (c) => c.notNull().defaultTo("on_track")).execute();
  await db.schema.alterTable("commitments").addColumn("days_late", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("commitments").addColumn("status_on", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.createIndex("commitments_status_idx").on("commitments").columns(["status", "due_on"]).execute();
  await db.schema.createIndex("commitments_org_status_idx").on("commitments").columns(["org_id", "status"]).execute();
  await db.schema.createIndex("commitments_status_on_idx").on("commitments").column("status_on").execute();
  await db.schema.createIndex("milestones_status_due_idx").on("milestones").columns(["status", "due_on"]).execute();
  await db.schema.createIndex("agreements_mou_idx").on("agreements").column("mou_id").execute();
  await db.schema.createIndex("mous_updated_idx").on("mous").column("updated_at").execute();
  await db.schema.createIndex("mous_status_idx").on("mous").column("status").execute();
  await db.schema.createIndex("mou_parties_mou_idx").on("mou_parties").columns(["mou_id", "org_id"]).execute();
  await db.schema.createIndex("mou_parties_org_mou_idx").on("mou_parties").columns(["org_id", "mou_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    "mou_parties_org_mou_idx",
    "mou_parties_mou_idx",
    "mous_status_idx",
    "mous_updated_idx",
    "agreements_mou_idx",
    "milestones_status_due_idx",
    "commitments_status_on_idx",
    "commitments_org_status_idx",
    "commitments_status_idx",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ["status_on", "days_late", "status"]) {
    await db.schema.alterTable("commitments").dropColumn(column).execute();
  }
}
