import { recordAudit } from "~/audit/audit-log.server";
import type { JobPayloads } from "~/jobs/kinds";
import type { JobRun } from "~/jobs/runner.server";
import { nowIso } from "~/lib/time";
import { checkRevocation } from "~/pdf/revocation.server";
import type { DB, Signatory } from "~db/schema";

/**
 * Records whether a signatory's own certificate is revoked (decision 0023). A CRL that could not be
 * fetched is recorded as unavailable with why, and the job fails so the runner asks again later;
 * after its last attempt the record stays unavailable. A revoked certificate is recorded and shown;
 * it does not undo the signature or a sealed agreement.
 */
export async function recordRevocationCheck(db: DB, payload: JobPayloads["signatures.check-revocation"], run: JobRun): Promise<void> {
  const chain = payload.chain.map((der) => Buffer.from(der, "base64"));
  const result = await checkRevocation(chain, new Date(payload.signedAt));
  const checkedAt = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("signatories")
      .set({ revocation_status: result.status, revocation_reason: result.reason, revocation_checked_at: checkedAt, revocation_note: result.note })
      .where("id", "=", payload.signatoryId)
      .execute();
    await recordAudit(trx, {
      actorId: null,
      actorLabel: "portal",
      action: "mou.signature_revocation",
      entityType: "mou",
      entityId: payload.mouId,
      after: { signatory: payload.signatoryId, revocation: result.status, reason: result.reason, note: result.note, attempt: run.attempts },
      ip: null,
    });
  });
  if (result.status === "unavailable" && result.retry && !run.lastAttempt) throw new Error(`revocation unavailable: ${result.note}`);
}

/**
 * The signatories who signed with these certificates, for /verify: revocation belongs to the
 * certificate, so of several signatures by one certificate the latest record answers.
 */
export async function findOwnSignatories(db: DB, fingerprints: string[]) {
  if (!fingerprints.length) return new Map<string, OwnSignatory>();
  const rows = await db
    .selectFrom("signatories")
    .select(["certificate_fingerprint", "name", "revocation_status", "revocation_reason", "revocation_note"])
    .where("certificate_fingerprint", "in", fingerprints)
    .orderBy("signed_at", "asc")
    .execute();
  return new Map(rows.map(({ certificate_fingerprint, ...rest }) => [certificate_fingerprint!, rest]));
}

export type OwnSignatory = Pick<Signatory, "name" | "revocation_status" | "revocation_reason" | "revocation_note">;
