import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { getConfig, type Config } from "~/config.server";
import { readDataDirSecret } from "~/lib/data-dir-secret.server";
import type { CmsSigner } from "./cms.server";

export class SigningCertificateError extends Error {}

/** What anyone may know about a sealing certificate, to tell the genuine one from a look-alike. */
export type CertificateFacts = { subject: string; issuer: string; notBefore: string; notAfter: string; fingerprint: string; der: Buffer };

/** `name` is the common name, shown by PDF readers as the signer. */
export type SigningCertificate = CertificateFacts & { name: string; signer: CmsSigner; source: "configured" | "development" };

// Not the name used while the passphrase was fixed in the code: such a file proves nothing and is left unused.
const DEV_P12_NAME = "development-seal.p12";
const DEV_PASSPHRASE_NAME = "development-seal.passphrase";

/**
 * Makes a self-signed certificate for development: PDF readers show the signature as valid but
 * not trusted, which is what a development copy should say. Real deployments set SIGNING_P12_PATH.
 */
export function createSelfSignedP12(passphrase: string, commonName = "Innovation Forum Portal (development)"): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01" + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  const attrs = [
    { name: "commonName", value: commonName },
    { name: "organizationName", value: "Innovation Forum Portal" },
    { name: "countryName", value: "VN" },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: "3des", friendlyName: commonName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

/** forge hands UTF8String values over as their bytes in a binary string. */
function decodedValue(value: unknown): string {
  try {
    return forge.util.decodeUtf8(String(value));
  } catch {
    return String(value);
  }
}

function distinguishedName(name: forge.pki.Certificate["subject"]): string {
  return name.attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${decodedValue(a.value)}`).join(", ");
}

export function describeCertificate(der: Buffer): CertificateFacts {
  const x509 = new crypto.X509Certificate(der);
  return {
    subject: x509.subject.split("\n").join(", "),
    issuer: x509.issuer.split("\n").join(", "),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    fingerprint: x509.fingerprint256.replace(/:/g, "").toLowerCase(),
    der,
  };
}

/**
 * Opens a PKCS#12 file with its passphrase: the private key, the certificate that goes with it
 * and the rest of the chain the file holds (embedded in every seal so readers can build the path).
 */
export function readP12(p12: Buffer, passphrase: string, label: string): { signer: CmsSigner; subject: string; facts: CertificateFacts } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString("binary")), passphrase);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SigningCertificateError(
      /password|mac/i.test(reason)
        ? `The signing certificate ${label} cannot be opened: wrong SIGNING_P12_PASSPHRASE.`
        : `The signing certificate ${label} is not a readable PKCS#12 file (${reason}).`,
    );
  }
  const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const privateKey = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const cert = privateKey && certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(privateKey.n));
  if (!privateKey || !cert) throw new SigningCertificateError(`The signing certificate ${label} holds no private key and certificate that belongs to it.`);
  if (cert.validity.notAfter.getTime() < Date.now()) throw new SigningCertificateError(`The signing certificate ${label} expired on ${cert.validity.notAfter.toISOString()}.`);
  const der = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary");
  const chain = [der(cert), ...certs.filter((c) => c !== cert).map(der)];
  const cn = cert.subject.getField("CN");
  return {
    signer: { key: crypto.createPrivateKey(forge.pki.privateKeyToPem(privateKey)), chain },
    subject: cn ? decodedValue(cn.value) : distinguishedName(cert.subject),
    facts: describeCertificate(chain[0]),
  };
}

function loadFromConfig(config: Config): SigningCertificate {
  const { p12Path, passphrase } = config.signing;
  if (p12Path) {
    let p12: Buffer;
    try {
      p12 = fs.readFileSync(p12Path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new SigningCertificateError(`SIGNING_P12_PATH=${p12Path} cannot be read (${code}); agreements could not be sealed.`);
    }
    const { signer, subject, facts } = readP12(p12, passphrase, `at SIGNING_P12_PATH=${p12Path}`);
    return { ...facts, name: subject, signer, source: "configured" };
  }
  // Kept under the data directory (var/ by default, ignored by git), made once and reused, with a
  // passphrase of its own: a passphrase in the code would let anyone who reads it use the key.
  const devPassphrase = readDataDirSecret(config, DEV_PASSPHRASE_NAME, true)!.toString("hex");
  const file = path.join(config.dataDir, DEV_P12_NAME);
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, createSelfSignedP12(devPassphrase), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const { signer, subject, facts } = readP12(fs.readFileSync(file), devPassphrase, `at ${file}`);
  return { ...facts, name: subject, signer, source: "development" };
}

let cached: SigningCertificate | undefined;

/**
 * The certificate that seals agreements. Checked at start (boot.server.ts), so a missing file or
 * a wrong passphrase stops the portal instead of leaving an agreement half-made after the last signature.
 */
export function getSigningCertificate(): SigningCertificate {
  cached ??= loadFromConfig(getConfig());
  return cached;
}
