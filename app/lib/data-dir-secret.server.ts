import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "~/config.server";

export class DataDirSecretError extends Error {}

/**
 * A 32-byte secret kept in a file under DATA_DIR (var/ by default, ignored by git), made on first
 * use when `create` is set; null when it does not exist and may not be made.
 */
export function readDataDirSecret(config: Config, fileName: string, create: boolean): Buffer | null {
  const file = path.join(config.dataDir, fileName);
  if (!fs.existsSync(file)) {
    if (!create) return null;
    fs.mkdirSync(config.dataDir, { recursive: true });
    // "wx": two processes starting at once keep the first secret, never overwrite it.
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const hex = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new DataDirSecretError(`The secret ${file} is not 64 hex digits.`);
  return Buffer.from(hex, "hex");
}
