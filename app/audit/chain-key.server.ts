import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig, type Config } from "~/config.server";

export class AuditChainKeyError extends Error {}

const KEY_FILE = "audit-chain.key";

function keyFile(config: Config): string {
  return path.join(config.dataDir, KEY_FILE);
}

function readKey(config: Config, create: boolean): Buffer {
  if (config.auditChainKey) return Buffer.from(config.auditChainKey, "utf8");
  // Kept under the data directory (var/ by default, ignored by git) beside the development
  // certificate: never in the database, or whoever rewrites the log could rewrite the chain too.
  const file = keyFile(config);
  if (!fs.existsSync(file)) {
    if (!create) throw new AuditChainKeyError(`No audit chain key: set AUDIT_CHAIN_KEY, or DATA_DIR to the portal's (no ${file}).`);
    fs.mkdirSync(config.dataDir, { recursive: true });
    // "wx": two processes starting at once keep the first key, never overwrite it.
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const hex = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AuditChainKeyError(`The audit chain key ${file} is not 64 hex digits.`);
  return Buffer.from(hex, "hex");
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
