import { isTooLarge } from "~/lib/form-body.server";
import { newId, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Trx } from "~db/schema";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type from the file's first bytes, not from the name or type the browser claims.
 * Raster images only: SVG is never accepted, it can carry scripts.
 */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (bytes.length >= 4 && bytes.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  return null;
}

export type ImageUpload =
  | { kind: "none" }
  | { kind: "ok"; bytes: Buffer; mime: ImageType; filename: string }
  | { kind: "not_image" }
  | { kind: "too_large" };

/**
 * Checks an uploaded image (a form entry read by `readUploadForm`): nothing chosen, too large,
 * not one of the accepted image types by its bytes, or the image with its real type.
 */
export async function readImageUpload(
  entry: FormDataEntryValue | null,
  maxBytes: number,
  accept: readonly ImageType[] = IMAGE_TYPES
): Promise<ImageUpload> {
  if (isTooLarge(entry)) return { kind: "too_large" };
  if (!entry || typeof entry === "string" || entry.size === 0) return { kind: "none" };
  if (entry.size > maxBytes) return { kind: "too_large" };
  const bytes = Buffer.from(await entry.arrayBuffer());
  const mime = sniffImageType(bytes);
  if (!mime || !accept.includes(mime)) return { kind: "not_image" };
  return { kind: "ok", bytes, mime, filename: (entry.name || "image").slice(0, 200) };
}

export type NewFile = {
  kind: string;
  filename: string;
  mimeType: string;
  content: Buffer;
  createdBy: string | null;
  /** When it was made, if not now (an agreement carries its issue time). */
  at?: string;
};

/** Stores a file in the database (so every server process serves the same bytes) and returns its id. */
export async function storeFile(trx: Trx, file: NewFile): Promise<string> {
  const id = newId();
  await trx
    .insertInto("files")
    .values({
      id,
      kind: file.kind,
      filename: file.filename,
      mime_type: file.mimeType,
      size: file.content.length,
      sha256: sha256Hex(file.content),
      content: file.content,
      created_by: file.createdBy,
      created_at: file.at ?? nowIso(),
    })
    .execute();
  return id;
}

/** Only images meant for public pages (logos, speaker photos, event covers) are served to anyone. */
const PUBLIC_KINDS = ["logo", "speaker_photo", "event_cover"];

/** A stored image that public pages show, or undefined for anything else, private files included. */
export async function findPublicImage(db: DB, id: string) {
  return db.selectFrom("files").select(["content", "mime_type", "sha256"]).where("id", "=", id).where("kind", "in", PUBLIC_KINDS).executeTakeFirst();
}

/** The name under which an email refers to a stored file it carries (e.g. a sealed agreement). */
export const STORED_FILE = "file";

/** A stored file's bytes, or null when it is gone. */
export async function readStoredFile(db: Trx, id: string): Promise<Buffer | null> {
  const file = await db.selectFrom("files").select("content").where("id", "=", id).executeTakeFirst();
  return file ? Buffer.from(file.content) : null;
}
