import type { Kysely } from "kysely";
import { dialectTypes } from "./dialect";

/**
 * The certificates that have sealed agreements, kept for good: after a rotation the earlier ones
 * still vouch for the agreements they sealed, and /verify publishes them all. Agreements sealed
 * before this migration name no certificate.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = dialectTypes(db);
  await db.schema
    .createTable("sealing_certificates")
    .addColumn("fingerprint", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("not_before", "text", (c) => c.notNull())
    .addColumn("not_after", "text", (c) => c.notNull())
    .addColumn("development", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("der", t.binary, (c) => c.notNull())
    .addColumn("first_used_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("agreements").addColumn("certificate_fingerprint", "text", (c) => c.references("sealing_certificates.fingerprint")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agreements").dropColumn("certificate_fingerprint").execute();
  await db.schema.dropTable("sealing_certificates").execute();
}
