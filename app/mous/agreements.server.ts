import { getConfig } from "~/config.server";
import { recordAudit } from "~/audit/audit-log.server";
import { isUniqueViolation } from "~/db/errors.server";
import { STORED_FILE, storeFile } from "~/files/files.server";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { nowIso, vietnamToday } from "~/lib/time";
import { getSigningCertificate } from "~/pdf/certificate.server";
import { type AgreementDocument, renderAgreementPdf, sealPdf } from "~/pdf/agreement.server";
import { appendPages, countPages } from "~/pdf/append-pages.server";
import type { SealPlace } from "~/pdf/seal-placeholder.server";
import type { DB } from "~db/schema";
import { gatherAgreement } from "./agreement-content.server";
import { signatoriesWithOrganization } from "./mous.server";
import { mailAboutMou, partyMembers, signatoryRecipients } from "./notify.server";
import { recordSealingCertificate } from "./sealing-certificates.server";
import { sealedStatus, statusesBefore } from "./status";
import { findSigningDocument } from "./signing-documents.server";
import type { VersionContent } from "./versions.server";

/**
 * Makes the agreement for the MoU's frozen version once everyone has signed: builds the PDF,
 * seals it, stores it with its SHA-256, marks the MoU active and mails it to everyone. The PDF is
 * built before the transaction (SQLite has one writer); the unique version index makes a second,
 * concurrent attempt a no-op, so an agreement is issued once and never regenerated.
 */
export async function issueAgreement(db: DB, mouId: string, options: { origin: string; notify: boolean }): Promise<{ id: string; sha256: string } | null> {
  const mou = await db.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
  const versionId = mou.current_version_id;
  if (!versionId) return null;
  const existing = await db.selectFrom("agreements").select(["id", "sha256"]).where("version_id", "=", versionId).executeTakeFirst();
  if (existing) return existing;
  const signatories = await db.selectFrom("signatories").select(["status", "version_id", "signature_kind"]).where("mou_id", "=", mouId).where("superseded_at", "is", null).execute();
  if (!signatories.length || signatories.some((s) => s.status !== "signed" || s.version_id !== versionId)) return null;

  const issuedAt = nowIso();
  // With a signatory's own certificate signature, the bytes they signed must not change (decision
  // 0023): the signing document with its signatures, already carrying its verification code, gets
  // the signatures and audit pages in one appended revision, and the seal goes over the whole.
  const signed = signatories.some((s) => s.signature_kind === "certificate") ? await findSigningDocument(db, versionId) : null;
  const code = signed?.verificationCode ?? newSecret(16);
  const document = await gatherAgreement(db, mouId, versionId, `${options.origin}/verify?code=${code}`, issuedAt, "sealed");
  const certificate = getSigningCertificate();
  const rendered = signed ? await withSignaturePages(signed.content, document) : await renderAgreementPdf(document);
  const pdf = await sealPdf(rendered.pdf, certificate, {
    reason: `Agreement ${mou.reference} signed by all parties`,
    location: "Viet Nam",
    at: new Date(issuedAt),
    tsaUrl: getConfig().tsaUrl,
    place: rendered.sealPlace,
  });
  const sha256 = sha256Hex(pdf);
  const agreementId = newId();
  const filename = `${mou.reference}-v${document.versionNumber}.pdf`;
  try {
    await db.transaction().execute(async (trx) => {
      await recordSealingCertificate(trx, certificate, issuedAt);
      const fileId = await storeFile(trx, { kind: "agreement", filename, mimeType: "application/pdf", content: pdf, createdBy: null, at: issuedAt });
      await trx
        .insertInto("agreements")
        .values({ id: agreementId, mou_id: mouId, version_id: versionId, file_id: fileId, sha256, verification_code: code, created_at: issuedAt, certificate_fingerprint: certificate.fingerprint })
        .execute();
      await trx.updateTable("mous").set({ status: sealedStatus(mou.effective_on, vietnamToday()), updated_at: issuedAt }).where("id", "=", mouId).where("status", "in", statusesBefore("seal")).execute();
      await recordAudit(trx, { actorId: null, actorLabel: "portal", action: "mou.sealed", entityType: "mou", entityId: mouId, after: { agreement: agreementId, sha256, version: document.versionNumber } });
      if (options.notify) {
        const everyone = [...(await signatoryRecipients(trx, mouId)), ...(await partyMembers(trx, mouId))];
        await mailAboutMou(trx, [...new Map(everyone.map((r) => [r.email.toLowerCase(), r])).values()], {
          kind: "mou_completed",
          prefix: "mous.mail.completed",
          mou,
          url: `${options.origin}/mous/${mouId}`,
          params: { sha256 },
          attachments: [{ filename, contentType: "application/pdf", render: STORED_FILE, ref: fileId }],
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return db.selectFrom("agreements").select(["id", "sha256"]).where("version_id", "=", versionId).executeTakeFirst().then((r) => r ?? null);
    throw error;
  }
  return { id: agreementId, sha256 };
}

/** The CA-signed document with the signatures and audit pages appended, the seal's place on the former. */
async function withSignaturePages(signed: Buffer, document: AgreementDocument): Promise<{ pdf: Buffer; sealPlace: SealPlace }> {
  const pages = await renderAgreementPdf(document, { after: countPages(signed) });
  return { pdf: appendPages(signed, pages.pdf), sealPlace: pages.sealPlace };
}

/**
 * Whether every signature of the current version is in and its agreement not yet made: the seal
 * job is queued or retrying, and the MoU page says so.
 */
export async function isAgreementBeingSealed(db: DB, mou: { id: string; status: string; current_version_id: string | null }): Promise<boolean> {
  if (mou.status !== "awaiting_signatures" || !mou.current_version_id) return false;
  const [agreement, signatories] = await Promise.all([
    db.selectFrom("agreements").select("id").where("version_id", "=", mou.current_version_id).executeTakeFirst(),
    db.selectFrom("signatories").select("status").where("mou_id", "=", mou.id).where("superseded_at", "is", null).execute(),
  ]);
  return !agreement && signatories.length > 0 && signatories.every((s) => s.status === "signed");
}

/** The demo data's MoUs whose every signature is in but whose agreement is not: sealed while seeding. */
export async function issuePendingAgreements(db: DB, options: { origin: string; notify: boolean }): Promise<number> {
  const candidates = await db
    .selectFrom("mous")
    .select("id")
    .where("status", "in", statusesBefore("seal"))
    .where("current_version_id", "is not", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("agreements").select("id").whereRef("agreements.version_id", "=", "mous.current_version_id"))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("signatories").select("id").whereRef("signatories.mou_id", "=", "mous.id").where("signatories.superseded_at", "is", null).where("signatories.status", "!=", "signed"))))
    .execute();
  let issued = 0;
  for (const { id } of candidates) if (await issueAgreement(db, id, options)) issued++;
  return issued;
}

/** The agreements of an MoU, newest first: earlier signed versions stay downloadable. */
export async function listAgreements(db: DB, mouId: string) {
  return db
    .selectFrom("agreements")
    .innerJoin("mou_versions", "mou_versions.id", "agreements.version_id")
    .select(["agreements.id", "agreements.sha256", "agreements.created_at", "agreements.verification_code", "mou_versions.number"])
    .where("agreements.mou_id", "=", mouId)
    .orderBy("mou_versions.number", "desc")
    .execute();
}

export async function loadAgreementFile(db: DB, mouId: string, versionNumber: number | null) {
  let query = db
    .selectFrom("agreements")
    .innerJoin("files", "files.id", "agreements.file_id")
    .innerJoin("mou_versions", "mou_versions.id", "agreements.version_id")
    .select(["files.content", "files.filename", "files.sha256"])
    .where("agreements.mou_id", "=", mouId);
  if (versionNumber !== null) query = query.where("mou_versions.number", "=", versionNumber);
  return query.orderBy("mou_versions.number", "desc").limit(1).executeTakeFirst();
}

/** What the public verification page may say about an issued agreement: the record, never the text. */
export async function findIssuedAgreement(db: DB, by: { sha256: string } | { code: string }) {
  const agreement = await db
    .selectFrom("agreements")
    .innerJoin("mous", "mous.id", "agreements.mou_id")
    .innerJoin("mou_versions", "mou_versions.id", "agreements.version_id")
    .leftJoin("sealing_certificates", "sealing_certificates.fingerprint", "agreements.certificate_fingerprint")
    .select([
      "sealing_certificates.fingerprint as certificate_fingerprint",
      "sealing_certificates.subject as certificate_subject",
      "sealing_certificates.development as certificate_development",
      "agreements.mou_id",
      "agreements.version_id",
      "agreements.sha256",
      "agreements.created_at",
      "mous.reference",
      "mous.title_vi",
      "mous.title_en",
      "mous.effective_on",
      "mous.expires_on",
      "mou_versions.number as version_number",
      "mou_versions.content_hash",
    ])
    .where("sha256" in by ? "agreements.sha256" : "agreements.verification_code", "=", "sha256" in by ? by.sha256 : by.code)
    .executeTakeFirst();
  if (!agreement) return null;
  const content = JSON.parse(
    (await db.selectFrom("mou_versions").select("content").where("id", "=", agreement.version_id).executeTakeFirstOrThrow()).content,
  ) as VersionContent;
  const signatories = await signatoriesWithOrganization(db)
    .select(["signatories.name", "signatories.title", "signatories.signed_at", "organizations.name_vi as org_name_vi", "organizations.name_en as org_name_en"])
    .where("signatories.version_id", "=", agreement.version_id)
    .where("signatories.status", "=", "signed")
    .orderBy("signatories.signed_at")
    .execute();
  return {
    reference: agreement.reference,
    title_vi: content.title.vi,
    title_en: content.title.en,
    effective_on: content.effective_on,
    expires_on: content.expires_on,
    version: agreement.version_number,
    versionHash: agreement.content_hash,
    sha256: agreement.sha256,
    issuedAt: agreement.created_at,
    parties: content.parties.map((p) => ({ name_vi: p.name_vi, name_en: p.name_en })),
    signatories,
    certificate: agreement.certificate_fingerprint
      ? { fingerprint: agreement.certificate_fingerprint, subject: agreement.certificate_subject ?? "", development: Number(agreement.certificate_development) === 1 }
      : null,
  };
}
