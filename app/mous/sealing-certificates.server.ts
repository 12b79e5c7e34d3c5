import { getSigningCertificate, type SigningCertificate } from "~/pdf/certificate.server";
import type { DB, Tx } from "~db/schema";

/** Records the certificate that is sealing an agreement, once: it keeps vouching after a rotation. */
export async function recordSealingCertificate(trx: Tx, certificate: SigningCertificate, at: string): Promise<void> {
  await trx
    .insertInto("sealing_certificates")
    .values({
      fingerprint: certificate.fingerprint,
      subject: certificate.subject,
      issuer: certificate.issuer,
      not_before: certificate.notBefore,
      not_after: certificate.notAfter,
      development: certificate.source === "development" ? 1 : 0,
      der: certificate.der,
      first_used_at: at,
    })
    .onConflict((oc) => oc.column("fingerprint").doNothing())
    .execute();
}

export type PublishedCertificate = {
  fingerprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  development: boolean;
  current: boolean;
};

/** At most this many earlier certificates are listed: rotations are rare, a long list would say nothing more. */
const EARLIER_LIMIT = 50;

/**
 * What /verify publishes: the certificate sealing agreements now, then the earlier ones that sealed
 * agreements, newest first, so a reader can compare a signature's certificate with the genuine one.
 */
export async function listPublishedCertificates(db: DB): Promise<PublishedCertificate[]> {
  const current = getSigningCertificate();
  const earlier = await db
    .selectFrom("sealing_certificates")
    .select(["fingerprint", "subject", "issuer", "not_before", "not_after", "development"])
    .where("fingerprint", "!=", current.fingerprint)
    .orderBy("first_used_at", "desc")
    .orderBy("fingerprint")
    .limit(EARLIER_LIMIT)
    .execute();
  return [
    {
      fingerprint: current.fingerprint,
      subject: current.subject,
      issuer: current.issuer,
      notBefore: current.notBefore,
      notAfter: current.notAfter,
      development: current.source === "development",
      current: true,
    },
    ...earlier.map((c) => ({
      fingerprint: c.fingerprint,
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.not_before,
      notAfter: c.not_after,
      development: Number(c.development) === 1,
      current: false,
    })),
  ];
}

/** The DER file of a published certificate, for download; null for a fingerprint the portal never sealed with. */
export async function loadPublishedCertificate(db: DB, fingerprint: string): Promise<Buffer | null> {
  const current = getSigningCertificate();
  if (fingerprint === current.fingerprint) return current.der;
  const row = await db.selectFrom("sealing_certificates").select("der").where("fingerprint", "=", fingerprint).executeTakeFirst();
  return row ? Buffer.from(row.der) : null;
}

/** Which of these fingerprints are certificates the portal sealed with: in use now, or before a rotation. */
export async function matchSealingCertificates(db: DB, fingerprints: string[]): Promise<Map<string, { current: boolean; development: boolean }>> {
  const current = getSigningCertificate();
  const found = new Map<string, { current: boolean; development: boolean }>();
  const unique = [...new Set(fingerprints)].slice(0, EARLIER_LIMIT);
  if (!unique.length) return found;
  const rows = await db.selectFrom("sealing_certificates").select(["fingerprint", "development"]).where("fingerprint", "in", unique).execute();
  for (const row of rows) found.set(row.fingerprint, { current: false, development: Number(row.development) === 1 });
  if (unique.includes(current.fingerprint)) found.set(current.fingerprint, { current: true, development: current.source === "development" });
  return found;
}
