import fs from "node:fs";
import path from "node:path";
import * as pkijs from "pkijs";
import { parseCertificate } from "./cms.server";

/** Subject attributes where Vietnamese CAs write a tax code or citizen ID: UID, then serialNumber. */
const IDENTIFIER_TYPES = ["0.9.2342.19200300.100.1.1", "2.5.4.5"];
const MAX_ROOT_FILE_BYTES = 1024 * 1024;

export type ChainVerdict = "trusted" | "untrusted" | "notValidAt";

/**
 * The root certificates in `dir` (PEM files, each holding one or more): read at each check, so
 * adding or removing a root takes effect without a restart. No directory: nothing is trusted.
 */
export function readTrustedRoots(dir: string | null): pkijs.Certificate[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const roots: pkijs.Certificate[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (!/\.(pem|crt|cer)$/i.test(name) || !fs.statSync(file).isFile() || fs.statSync(file).size > MAX_ROOT_FILE_BYTES) continue;
    const text = fs.readFileSync(file, "latin1");
    for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)) {
      try {
        roots.push(parseCertificate(Buffer.from(m[1].replace(/\s+/g, ""), "base64")));
      } catch {
        console.warn(`TRUSTED_CA_DIR: ${name} holds a certificate that cannot be read; it is not trusted`);
      }
    }
  }
  return roots;
}

/**
 * Whether the signer's certificate (`chain[0]`, the rest as the CMS carried them) was valid at
 * `at` and leads to one of `roots` through certificates valid then, checked by pkijs's chain engine.
 */
export async function checkChain(chain: Buffer[], roots: pkijs.Certificate[], at: Date): Promise<ChainVerdict> {
  if (!chain.length || !roots.length) return "untrusted";
  const certs = chain.map((der) => parseCertificate(der));
  const signer = certs[0];
  if (at < signer.notBefore.value || at > signer.notAfter.value) return "notValidAt";
  try {
    // The engine takes the last certificate as the one to validate.
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: roots,
      certs: [...certs.slice(1), signer],
      checkDate: at,
    });
    const result = await engine.verify();
    return result.result ? "trusted" : "untrusted";
  } catch {
    return "untrusted";
  }
}

/** The identifiers a certificate's subject carries (UID and serialNumber values), upper-cased. */
export function subjectIdentifiers(der: Buffer): string[] {
  const subject = parseCertificate(der).subject.typesAndValues;
  return subject
    .filter((tv) => IDENTIFIER_TYPES.includes(tv.type))
    .map((tv) =>
      String((tv.value.valueBlock as { value?: unknown }).value ?? "")
        .trim()
        .toUpperCase()
    )
    .filter(Boolean);
}
