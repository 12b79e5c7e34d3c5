import * as pkijs from "pkijs";
import type { RevocationReason } from "~db/schema";
import { parseCertificate } from "./cms.server";

const CRL_DISTRIBUTION_POINTS = "2.5.29.31";
const FETCH_TIMEOUT_MS = 5_000;
const MAX_CRL_BYTES = 2 * 1024 * 1024;
/** A CRL a little past its nextUpdate is still the CA's latest word; clocks and publication lag differ. */
const STALE_GRACE_MS = 60 * 60_000;

export type RevocationCheck =
  | { status: "good"; reason: null; note: string | null }
  | { status: "revoked"; reason: null; note: string }
  /** `retry`: the CRL could not be fetched, so asking again later may answer; otherwise it never will. */
  | { status: "unavailable"; reason: RevocationReason; note: string; retry: boolean };

/** The http(s) CRL distribution point URLs a certificate names, in its order. */
export function crlUrls(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === CRL_DISTRIBUTION_POINTS);
  const points = (extension?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? [];
  return points
    .flatMap((p) => (Array.isArray(p.distributionPoint) ? p.distributionPoint : []))
    .filter((name) => name.type === 6 && typeof name.value === "string" && /^https?:\/\//i.test(name.value))
    .map((name) => name.value as string);
}

async function fetchCapped(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    size += chunk.length;
    if (size > MAX_CRL_BYTES) {
      await reader.cancel();
      throw new Error(`larger than ${MAX_CRL_BYTES} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** A CRL in DER, or in PEM as some CAs publish it. */
function parseCrl(body: Buffer): pkijs.CertificateRevocationList {
  const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(body.toString("latin1"));
  const der = pem ? Buffer.from(pem[1].replace(/\s+/g, ""), "base64") : body;
  return pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
}

/**
 * Asks the CA whether the signer's certificate (`chain[0]`, its issuer `chain[1]`) is revoked:
 * the CRL from the certificate's distribution point must be signed by the issuer and current now;
 * a listed serial revoked at or before `signedAt` makes the signature revoked. A listing dated after
 * the signature is noted but leaves it good: the certificate was valid when it signed.
 */
export async function checkRevocation(chain: Buffer[], signedAt: Date, now = new Date()): Promise<RevocationCheck> {
  const signer = parseCertificate(chain[0]);
  const issuer = chain[1] ? parseCertificate(chain[1]) : null;
  const urls = crlUrls(signer);
  if (!issuer) return { status: "unavailable", reason: "noIssuer", note: "no issuing certificate in the signature", retry: false };
  if (!urls.length) return { status: "unavailable", reason: "noDistributionPoint", note: "the certificate names no CRL distribution point", retry: false };
  const failures: string[] = [];
  let reason: RevocationReason = "outOfDate";
  for (const url of urls) {
    let crl: pkijs.CertificateRevocationList;
    try {
      crl = parseCrl(await fetchCapped(url));
    } catch (e) {
      failures.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
      reason = "fetchFailed";
      continue;
    }
    if (!(await crl.verify({ issuerCertificate: issuer }).catch(() => false))) return { status: "unavailable", reason: "badSignature", note: `${url}: the CRL is not signed by the issuing CA`, retry: false };
    if (crl.thisUpdate.value.getTime() > now.getTime() + STALE_GRACE_MS || (crl.nextUpdate && crl.nextUpdate.value.getTime() + STALE_GRACE_MS < now.getTime())) {
      failures.push(`${url}: the CRL is out of date`);
      continue;
    }
    const serial = Buffer.from(signer.serialNumber.valueBlock.valueHexView).toString("hex");
    const listed = crl.revokedCertificates?.find((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString("hex") === serial);
    if (!listed) return { status: "good", reason: null, note: null };
    const revokedAt = listed.revocationDate.value;
    if (revokedAt.getTime() <= signedAt.getTime()) return { status: "revoked", reason: null, note: revokedAt.toISOString() };
    return { status: "good", reason: null, note: `revoked after signing, ${revokedAt.toISOString()}` };
  }
  return { status: "unavailable", reason, note: failures.join("; ").slice(0, 500), retry: true };
}
