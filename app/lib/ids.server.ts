import crypto from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A random, URL-safe row id (16 characters, about 82 bits). */
export function newId(): string {
  const bytes = crypto.randomBytes(16);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

/** A secret for links and tickets: 32 bytes (256 bits) in base64url, never stored in clear when it guards an account. */
export function newSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}
