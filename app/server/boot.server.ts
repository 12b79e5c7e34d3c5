import { keyLegacyAuditChain } from "~/audit/audit-log.server";
import { getConfig } from "~/config.server";
import { getConnection } from "~/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { getSigningCertificate } from "~/pdf/certificate.server";
import { isDatabaseEmpty, seedDemoData } from "~/demo/seed.server";
import { log } from "./logging.server";

/**
 * What must be true before the portal answers a request: a valid configuration, a signing
 * certificate that opens, an up-to-date schema, a keyed audit chain, and demo data when the database is new and asked for it.
 */
export async function prepareDatabase(): Promise<void> {
  const config = getConfig();
  // Checked before anything else: without a usable certificate an agreement would stay half-made
  // after its last signature, so a missing file or a wrong passphrase stops the start here.
  const certificate = getSigningCertificate();
  log("info", "signing certificate ready", { source: certificate.source, subject: certificate.subject, sha256: certificate.fingerprint });
  const { db, dialect } = getConnection();
  const applied = await migrateToLatest(db);
  if (applied.length) log("info", "migrations applied", { dialect, migrations: applied });
  // Also checks the audit chain key (AUDIT_CHAIN_KEY or the file under DATA_DIR) before any request.
  const keyed = await keyLegacyAuditChain(db);
  if (keyed) log("warn", "audit chain re-keyed: entries written before the key now carry keyed hashes", { entries: keyed });
  if (config.demoData && (await isDatabaseEmpty(db))) {
    await seedDemoData(db);
    log("info", "demo data loaded", { dialect });
  }
}
