import { sniffImageType } from "~/files/files.server";
import { isTooLarge } from "~/lib/form-body.server";
import type { DB } from "~db/schema";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "./evidence-limits";

const OFFICE_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/**
 * Evidence is what a report points to: PDFs, photos and Office documents. The type comes from
 * the file's bytes (an Office document is a ZIP, so its extension says which one), never from
 * what the browser claims; anything else is refused.
 */
export function sniffEvidenceType(bytes: Buffer, filename: string): string | null {
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  const image = sniffImageType(bytes);
  if (image) return image;
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  return isZip ? (OFFICE_TYPES[extension] ?? null) : null;
}

/** The name extensions of each evidence type; a corrected name gets the first. */
const EXTENSIONS: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
  ...Object.fromEntries(Object.entries(OFFICE_TYPES).map(([extension, type]) => [type, [extension]])),
};

/**
 * The uploader's name with an extension that matches the type sniffed from the bytes: a PDF
 * named `evil.html` becomes `evil.pdf`, so nobody downloads it and opens it as something else.
 */
export function evidenceFilename(filename: string, mimeType: string): string {
  const extensions = EXTENSIONS[mimeType];
  if (!extensions) return filename;
  const dot = filename.lastIndexOf(".");
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
  return extensions.includes(extension) ? filename : `${stem}.${extensions[0]}`;
}

export type Evidence = { filename: string; mimeType: string; content: Buffer };

export type EvidenceCheck =
  | { ok: true; files: Evidence[] }
  | { ok: false; error: "commitment.evidence.tooMany" | "commitment.evidence.tooLarge" | "commitment.evidence.type" };

/** The files chosen in the report form, checked one by one; empty file inputs are no files. */
export async function readEvidence(entries: FormDataEntryValue[]): Promise<EvidenceCheck> {
  const chosen = entries.filter((e) => isTooLarge(e) || (typeof e !== "string" && e.size > 0));
  if (chosen.length > MAX_EVIDENCE_FILES) return { ok: false, error: "commitment.evidence.tooMany" };
  const files: Evidence[] = [];
  for (const entry of chosen) {
    if (isTooLarge(entry) || typeof entry === "string" || entry.size > MAX_EVIDENCE_BYTES) return { ok: false, error: "commitment.evidence.tooLarge" };
    const content = Buffer.from(await entry.arrayBuffer());
    const filename = (entry.name || "evidence").slice(0, 200);
    const mimeType = sniffEvidenceType(content, filename);
    if (!mimeType) return { ok: false, error: "commitment.evidence.type" };
    files.push({ filename: evidenceFilename(filename, mimeType), mimeType, content });
  }
  return { ok: true, files };
}

/** An evidence file, only when it belongs to a report on this commitment. */
export async function findEvidenceFile(db: DB, commitmentId: string, fileId: string) {
  return db
    .selectFrom("progress_update_files")
    .innerJoin("progress_updates", "progress_updates.id", "progress_update_files.progress_update_id")
    .innerJoin("files", "files.id", "progress_update_files.file_id")
    .select(["files.filename", "files.mime_type", "files.content", "files.sha256"])
    .where("progress_updates.commitment_id", "=", commitmentId)
    .where("files.id", "=", fileId)
    .executeTakeFirst();
}
