import type { Kysely } from "kysely";

/**
 * Whether a signatory's own certificate was revoked (issue 14 part 6): `not_checked` until the
 * revocation job has asked the CA's CRL, then good, revoked or unavailable, with why (a reason code
 * the pages translate, and the detail). The certificate's fingerprint lets /verify find the signatory.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signatories").addColumn("revocation_status", "text").execute();
  await db.schema.alterTable("signatories").addColumn("revocation_checked_at", "text").execute();
  await db.schema.alterTable("signatories").addColumn("revocation_note", "text").execute();
  await db.schema.alterTable("signatories").addColumn("revocation_reason", "text").execute();
  await db.schema.alterTable("signatories").addColumn("certificate_fingerprint", "text").execute();
  await db.schema.createIndex("signatories_certificate_fingerprint").on("signatories").column("certificate_fingerprint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatories_certificate_fingerprint").execute();
  await db.schema.alterTable("signatories").dropColumn("certificate_fingerprint").execute();
  await db.schema.alterTable("signatories").dropColumn("revocation_reason").execute();
  await db.schema.alterTable("signatories").dropColumn("revocation_note").execute();
  await db.schema.alterTable("signatories").dropColumn("revocation_checked_at").execute();
  await db.schema.alterTable("signatories").dropColumn("revocation_status").execute();
}
