import type { MessageKey } from "~/i18n/messages";
import { sha256Hex } from "~/lib/ids.server";
import type { CertificateFacts } from "~/pdf/certificate.server";
import { inspectPdf, type ChangeKind, type Coverage } from "~/pdf/inspect/inspect.server";
import type { CmsVerdict } from "~/pdf/inspect/cms-check.server";
import type { DB } from "~db/schema";
import { findIssuedAgreement } from "./agreements.server";
import { findOwnSignatories, type OwnSignatory } from "./own-signature-revocation.server";
import { matchSealingCertificates } from "./sealing-certificates.server";

export type SignatureExplanation = {
  field: string | null;
  subFilter: string | null;
  /** The time the signature claims (/M, else a signing-time attribute) and a timestamp authority's time, if any. */
  claimedTime: string | null;
  timestamp: { at: string; valid: boolean } | null;
  coverage: Coverage;
  revision: number | null;
  verdict: CmsVerdict;
  certificate: Omit<CertificateFacts, "der"> | null;
  /** One of the portal's published sealing certificates, in use now or earlier. */
  portalSeal: { current: boolean; development: boolean } | null;
  /** A signatory who signed on the portal with this certificate, and its revocation status. */
  signatory: OwnSignatory | null;
};

export type AppendedRevision = { revision: number; kinds: ChangeKind[]; content: boolean };

export type PdfExplanation =
  | { readable: false; reason: "notPdf" | "unreadable" | "tooComplex" }
  | {
      readable: true;
      revisions: number;
      signatures: SignatureExplanation[];
      /** What came after the portal's last seal; null when no signature in the file is the portal's. */
      afterSeal: AppendedRevision[] | null;
      /** Bytes after the last complete revision: a file cut short, or something added outside any revision. */
      trailingBytes: number;
    };

/**
 * What any PDF holds, told plainly for /verify: each signature (whose certificate, whether it is
 * one the portal seals with, what it covers, whether it verifies) and whatever was appended after
 * the portal's seal, signatures only or content.
 */
async function explainPdf(db: DB, pdf: Buffer): Promise<PdfExplanation> {
  const seen = await inspectPdf(pdf);
  if (!seen.ok) return { readable: false, reason: seen.reason };
  const fingerprints = seen.signatures.flatMap((s) => (s.certificate ? [s.certificate.fingerprint] : []));
  const [portal, signatories] = await Promise.all([matchSealingCertificates(db, fingerprints), findOwnSignatories(db, fingerprints)]);
  const signatures: SignatureExplanation[] = seen.signatures.map((s) => ({
    field: s.field,
    subFilter: s.subFilter,
    claimedTime: s.claimedTime ?? s.signingTime,
    timestamp: s.timestamp,
    coverage: s.coverage,
    revision: s.revision,
    verdict: s.verdict,
    certificate: s.certificate,
    portalSeal: (s.certificate && portal.get(s.certificate.fingerprint)) ?? null,
    signatory: (s.certificate && signatories.get(s.certificate.fingerprint)) ?? null,
  }));
  const lastSeal = signatures.filter((s) => s.portalSeal && s.revision !== null).at(-1);
  const afterSeal = lastSeal ? seen.changes.filter((c) => c.revision > lastSeal.revision!) : null;
  return { readable: true, revisions: seen.revisions.length, signatures, afterSeal, trailingBytes: seen.trailingBytes };
}

/** Why a file that is not one of ours cannot be explained either, as the message beside the file field. */
function uploadProblem(explanation: PdfExplanation): MessageKey | null {
  if (!explanation.readable) return explanation.reason === "notPdf" ? "verify.notPdf" : explanation.reason === "tooComplex" ? "verify.tooComplex" : "verify.unreadable";
  return explanation.trailingBytes > 0 ? "verify.truncated" : null;
}

/**
 * Everything /verify answers about an uploaded file: whether its exact bytes are an agreement the
 * portal issued, and what the file holds. A file that is neither ours nor a readable PDF has a problem to tell.
 */
export async function checkUploadedFile(db: DB, file: Buffer) {
  const sha256 = sha256Hex(file);
  const [record, explanation] = await Promise.all([findIssuedAgreement(db, { sha256 }), explainPdf(db, file)]);
  return { sha256, record, explanation, problem: record ? null : uploadProblem(explanation) };
}
