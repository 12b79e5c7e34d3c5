import { getConfig } from "~/config.server";
import { getConnection } from "~/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { getSigningCertificate } from "~/pdf/certificate.server";
import { isDatabaseEmpty, seedDemoData } from "~db/seed";
import { log } from "./logging.server";

/**
 * What must be true before the portal answers a request: a valid configuration, a signing
 * certificate that opens, an up-to-date schema, and demo data when the database is new and asked for it.
 */
export async function prepareDatabase(): Promise<void> {
  const config = getConfig();
  // Checked before anything else: without a usable certificate an agreement would stay half-made
  // after its last signature, so a missing file or a wrong passphrase stops the start here.
  const certificate = getSigningCertificate();
  log("info", "signing certificate ready", { source: certificate.source, subject: certificate.subject });
  const { db, dialect } = getConnection();
  const applied = await migrateToLatest(db);
  if (applied.length) log("info", "migrations applied", { dialect, migrations: applied });
  if (config.demoData && (await isDatabaseEmpty(db))) {
    await seedDemoData(db);
    log("info", "demo data loaded", { dialect });
  }
}
