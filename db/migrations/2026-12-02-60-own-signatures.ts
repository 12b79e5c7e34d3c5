import type { Kysely } from "kysely";

/**
 * A signatory's own licensed-CA signature (issue 14 part 6): the identifier their certificate must
 * carry, and the document they sign. One row per frozen version (the primary key makes a second,
 * concurrent making of it a no-op); `file_id` moves to the signed bytes as each CA signature is
 * accepted, `original_sha256` stays the frozen document's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signatories").addColumn("identifier", "text").execute();
  await db.schema
    .createTable("signing_documents")
    .addColumn("version_id", "text", (c) => c.primaryKey().references("mou_versions.id"))
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("original_sha256", "text", (c) => c.notNull())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("seal_place", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signing_documents").execute();
  await db.schema.alterTable("signatories").dropColumn("identifier").execute();
}
