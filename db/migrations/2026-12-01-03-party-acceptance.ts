import type { Kysely } from "kysely";

/**
 * A party to an MoU takes part only once one of its admins has accepted: until then the row is
 * pending (`accepted_at` null) and the organization sees nothing of the MoU. Parties that exist
 * already were named before this rule and keep their access.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mou_parties").addColumn("accepted_at", "text").execute();
  await db.updateTable("mou_parties").set({ accepted_at: new Date().toISOString() }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mou_parties").dropColumn("accepted_at").execute();
}
