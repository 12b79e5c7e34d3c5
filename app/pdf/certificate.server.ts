import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { getConfig, type Config } from "~/config.server";

export class SigningCertificateError extends Error {}

export type SigningCertificate = { p12: Buffer; passphrase: string; subject: string; source: "configured" | "development" };

const DEV_P12_NAME = "development-signing.p12";
const DEV_PASSPHRASE = "development-only";

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

/** Opens a PKCS#12 file with its passphrase and checks it holds a private key and a certificate. */
export function readP12(p12: Buffer, passphrase: string, label: string): { subject: string } {
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
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const cert = certBags[0]?.cert;
  if (!keyBags[0]?.key || !cert) throw new SigningCertificateError(`The signing certificate ${label} holds no private key and certificate.`);
  if (cert.validity.notAfter.getTime() < Date.now()) throw new SigningCertificateError(`The signing certificate ${label} expired on ${cert.validity.notAfter.toISOString()}.`);
  const cn = cert.subject.getField("CN");
  return { subject: cn ? String(cn.value) : "" };
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
    const { subject } = readP12(p12, passphrase, `at SIGNING_P12_PATH=${p12Path}`);
    return { p12, passphrase, subject, source: "configured" };
  }
  // Kept under the data directory (var/ by default, ignored by git), made once and reused.
  const file = path.join(config.dataDir, DEV_P12_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, createSelfSignedP12(DEV_PASSPHRASE), { mode: 0o600 });
  }
  const p12 = fs.readFileSync(file);
  const { subject } = readP12(p12, DEV_PASSPHRASE, `at ${file}`);
  return { p12, passphrase: DEV_PASSPHRASE, subject, source: "development" };
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
