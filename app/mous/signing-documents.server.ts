import { isUniqueViolation } from "~/db/errors.server";
import { DomainError } from "~/lib/domain-error";
import { storeFile } from "~/files/files.server";
import { newSecret, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import { renderAgreementPdf } from "~/pdf/agreement.server";
import type { DB, Mou, Signatory, Trx } from "~db/schema";
import { gatherAgreement } from "./agreement-content.server";

export type SigningDocument = {
  content: Buffer;
  sha256: string;
  filename: string;
  createdAt: string;
  verificationCode: string;
};

async function readSigningDocument(db: Trx, versionId: string): Promise<SigningDocument | null> {
  const row = await db
    .selectFrom("signing_documents")
    .innerJoin("files", "files.id", "signing_documents.file_id")
    .select(["files.content", "files.filename", "signing_documents.sha256", "signing_documents.created_at", "signing_documents.verification_code"])
    .where("signing_documents.version_id", "=", versionId)
    .executeTakeFirst();
  return row
    ? {
        content: Buffer.from(row.content),
        sha256: row.sha256,
        filename: row.filename,
        createdAt: row.created_at,
        verificationCode: row.verification_code,
      }
    : null;
}

/**
 * The frozen version as the PDF a signatory signs with their own certificate, with every CA
 * signature accepted so far. Made on first request, outside any transaction (SQLite has one
 * writer); the version's primary key lets one of two racing requests store it, and both then
 * serve that one. It carries the verification code the final agreement will, so its QR code
 * already leads to the sealed agreement.
 */
async function signingDocument(db: DB, mouId: string, versionId: string, origin: string): Promise<SigningDocument> {
  const existing = await readSigningDocument(db, versionId);
  if (existing) return existing;
  const createdAt = nowIso();
  const code = newSecret(16);
  const document = await gatherAgreement(db, mouId, versionId, `${origin}/verify?code=${code}`, createdAt, "frozen");
  const { pdf, sealPlace } = await renderAgreementPdf(document);
  const sha256 = sha256Hex(pdf);
  try {
    await db.transaction().execute(async (trx) => {
      const fileId = await storeFile(trx, {
        kind: "signing_document",
        filename: `${document.reference}-v${document.versionNumber}-to-sign.pdf`,
        mimeType: "application/pdf",
        content: pdf,
        createdBy: null,
        at: createdAt,
      });
      await trx
        .insertInto("signing_documents")
        .values({
          version_id: versionId,
          mou_id: mouId,
          file_id: fileId,
          sha256,
          original_sha256: sha256,
          verification_code: code,
          // Required by the table; unread since the seal goes on the signatures page appended to the final agreement.
          seal_place: JSON.stringify(sealPlace),
          created_at: createdAt,
        })
        .execute();
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return (await readSigningDocument(db, versionId))!;
}

/** The signing document of a version, if one was made: only then can a signature have been made on it. */
export async function findSigningDocument(db: Trx, versionId: string): Promise<SigningDocument | null> {
  return readSigningDocument(db, versionId);
}

/** The document a designated signatory downloads to sign: only while the MoU awaits signatures on the version they sign. */
export async function signingDocumentFor(db: DB, mou: Mou, signatory: Signatory, origin: string): Promise<SigningDocument> {
  if (mou.status !== "awaiting_signatures" || !signatory.version_id || signatory.version_id !== mou.current_version_id) {
    throw new DomainError("conflict", {
      messageKey: "mous.sign.closed.notAwaiting",
    });
  }
  return signingDocument(db, mou.id, signatory.version_id, origin);
}
