import path from "node:path";
import { getConfig, type Config } from "~/config.server";
import { DataDirSecretError, readDataDirSecret } from "~/lib/data-dir-secret.server";

export class AuditChainKeyError extends Error {}

const KEY_FILE = "audit-chain.key";

function readKey(config: Config, create: boolean): Buffer {
  if (config.auditChainKey) return Buffer.from(config.auditChainKey, "utf8");
  // Kept under the data directory beside the development certificate: never in the database,
  // or whoever rewrites the log could rewrite the chain too.
  let key: Buffer | null;
  try {
    key = readDataDirSecret(config, KEY_FILE, create);
  } catch (error) {
    if (error instanceof DataDirSecretError) throw new AuditChainKeyError(`The audit chain key: ${error.message}`);
    throw error;
  }
  if (!key) throw new AuditChainKeyError(`No audit chain key: set AUDIT_CHAIN_KEY, or DATA_DIR to the portal's (no ${path.join(config.dataDir, KEY_FILE)}).`);
  return key;
}

let cached: Buffer | undefined;

/** The secret that keys the audit chain's HMAC: AUDIT_CHAIN_KEY, else a key made once under DATA_DIR. */
export function getAuditChainKey(): Buffer {
  cached ??= readKey(getConfig(), true);
  return cached;
}

/** For `audit:verify`, which must check against the portal's key and never make a new one. */
export function getExistingAuditChainKey(): Buffer {
  cached ??= readKey(getConfig(), false);
  return cached;
}
