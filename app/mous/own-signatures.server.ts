import { getConfig } from "~/config.server";
import { storeFile } from "~/files/files.server";
import type { MessageKey } from "~/i18n/messages";
import { enqueueJob } from "~/jobs/queue.server";
import { sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import { inspectPdf, type SignatureFinding } from "~/pdf/inspect/inspect.server";
import { checkChain, readTrustedRoots, subjectIdentifiers } from "~/pdf/trust.server";
import type { DB } from "~db/schema";
import { findSigningDocument } from "./signing-documents.server";
import { afterSignature, loadFrozenVersion, recordSignature, signingClosedReason, type Acting, type SigningResult } from "./signing.server";

/** Clocks of signing tools and of the portal differ a little; a signature is not refused for that. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Refusal = Extract<SigningResult, { ok: false }>;
const refuse = (error: MessageKey): Refusal => ({ ok: false, error });

/** The time the signature claims: a valid timestamp's, else the dictionary's /M, else a signing-time attribute. */
function signingTime(signature: SignatureFinding): Date | null {
  const at = signature.timestamp?.valid ? signature.timestamp.at : signature.claimedTime ?? signature.signingTime;
  return at ? new Date(at) : null;
}

/**
 * Checks an uploaded file against every rule of decision 0023 for a signatory's own signature:
 * it begins with exactly the current signing document, what follows only adds signatures, it
 * holds one new signature, valid over what it covers, made while the document existed, by a
 * certificate valid then that leads to a trusted root and names the recorded identifier.
 */
async function checkUpload(upload: Buffer, current: { content: Buffer; createdAt: string }, identifier: string): Promise<Refusal | { ok: true; signature: SignatureFinding; at: Date }> {
  const base = current.content;
  if (upload.length <= base.length || !upload.subarray(0, base.length).equals(base)) return refuse("mous.own.otherVersion");
  const inspection = await inspectPdf(upload);
  if (!inspection.ok) return refuse("mous.own.unreadable");
  const added = inspection.revisions.filter((r) => r.end > base.length).map((r) => r.index);
  if (!added.length || inspection.trailingBytes > 0) return refuse("mous.own.unreadable");
  if (inspection.changes.some((c) => added.includes(c.revision) && c.content)) return refuse("mous.own.contentChanged");
  const fresh = inspection.signatures.filter((s) => s.byteRange && s.byteRange.length === 4 && s.byteRange[2] + s.byteRange[3] > base.length);
  if (fresh.length !== 1) return refuse(fresh.length ? "mous.own.tooManySignatures" : "mous.own.noSignature");
  const [signature] = fresh;
  if (signature.verdict !== "valid" || (signature.coverage !== "wholeFile" && signature.coverage !== "revision")) return refuse("mous.own.signatureInvalid");
  const at = signingTime(signature);
  if (!at || at.getTime() < new Date(current.createdAt).getTime() - CLOCK_SKEW_MS || at.getTime() > Date.now() + CLOCK_SKEW_MS) return refuse("mous.own.timeOutside");
  const chain = await checkChain(signature.chain, readTrustedRoots(getConfig().trustedCaDir), at);
  if (chain === "notValidAt") return refuse("mous.own.certificateNotValid");
  if (chain === "untrusted") return refuse("mous.own.untrusted");
  if (!subjectIdentifiers(signature.chain[0]).includes(identifier.toUpperCase())) return refuse("mous.own.wrongIdentifier");
  return { ok: true, signature, at };
}

/**
 * A signatory signs with their own certificate: the upload is checked outside any transaction (it
 * reads and verifies the whole file), then stored as the new signing document only if that is
 * still the one checked against, so two signatories signing at once cannot both build on the same
 * bytes. Revocation is asked by a job queued with the signature (the CA's CRL can be slow or
 * down, and that may not cost the signer their signature); until it ran the record says not_checked.
 */
export async function signWithCertificate(db: DB, acting: Acting, mouId: string, signatoryId: string, upload: Buffer): Promise<SigningResult> {
  const signatory = await db.selectFrom("signatories").selectAll().where("id", "=", signatoryId).executeTakeFirstOrThrow();
  if (!signatory.identifier) return refuse("mous.own.noIdentifier");
  const current = signatory.version_id ? await findSigningDocument(db, signatory.version_id) : null;
  if (!current) return refuse("mous.own.notDownloaded");
  const checked = await checkUpload(upload, current, signatory.identifier);
  if (!checked.ok) return checked;
  const { signature, at } = checked;
  const sha256 = sha256Hex(upload);
  return db.transaction().execute(async (trx): Promise<SigningResult> => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const fresh = await trx.selectFrom("signatories").selectAll().where("id", "=", signatoryId).executeTakeFirstOrThrow();
    const closed = await signingClosedReason(trx, mou, fresh);
    if (closed) return refuse(`mous.sign.closed.${closed}` as MessageKey);
    const version = await loadFrozenVersion(trx, fresh.version_id);
    if (!version || version.id !== mou.current_version_id) return refuse("mous.sign.closed.notAwaiting");
    const fileId = await storeFile(trx, {
      kind: "signing_document",
      filename: current.filename,
      mimeType: "application/pdf",
      content: upload,
      createdBy: acting.user.id,
    });
    const moved = await trx.updateTable("signing_documents").set({ file_id: fileId, sha256 }).where("version_id", "=", version.id).where("sha256", "=", current.sha256).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return refuse("mous.own.otherVersion");
    const certificate = signature.certificate!;
    await recordSignature(trx, acting, mouId, fresh.id, version, {
      kind: "certificate",
      data: `${certificate.subject} · SHA-256 ${certificate.fingerprint}`,
      signedAt: at.toISOString(),
      audit: {
        file: sha256,
        certificate: { subject: certificate.subject, issuer: certificate.issuer, fingerprint: certificate.fingerprint },
        timestamped: Boolean(signature.timestamp?.valid),
        revocation: "not_checked",
        receivedAt: nowIso(),
      },
    });
    await trx.updateTable("signatories").set({ revocation_status: "not_checked", certificate_fingerprint: certificate.fingerprint }).where("id", "=", fresh.id).execute();
    await enqueueJob(trx, "signatures.check-revocation", {
      mouId,
      signatoryId: fresh.id,
      chain: signature.chain.map((der) => der.toString("base64")),
      signedAt: at.toISOString(),
    });
    return {
      ok: true,
      complete: await afterSignature(trx, mouId, acting.origin),
    };
  });
}
