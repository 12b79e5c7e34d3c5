import { unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import type { Locale } from "~/i18n/locale";
import { localized, translate } from "~/i18n/translate";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { addMinutes, nowIso } from "~/lib/time";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import type { DB, Event, Speaker, Trx } from "~db/schema";
import { optionalText, requiredText } from "./event-editor.server";
import type { ActorRef } from "./registrations.server";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const INVITE_DAYS = 14;

export const SpeakerSchema = z.object({
  name: requiredText(200),
  position_vi: optionalText(200),
  position_en: optionalText(200),
  organization_name: optionalText(200),
  bio_vi: optionalText(2000),
  bio_en: optionalText(2000),
});

export const SpeakerByOrganizerSchema = SpeakerSchema.extend({
  id: z.string().max(40).optional(),
  org_id: optionalText(60),
  email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(254).email().optional()),
});

export type SpeakerInput = z.output<typeof SpeakerByOrganizerSchema>;

const TOO_LARGE = "\u0000too-large";
const MAX_TEXT_PART = 64 * 1024;

/**
 * Reads a form that may carry a photo. Every part is read to its end, so the browser always gets
 * our answer (a server that stops reading mid-upload resets the connection); a photo over the
 * limit is counted, not kept, and text parts are cut at 64 KB.
 */
export async function readFormWithPhoto(request: Request): Promise<FormData> {
  // A form without a file (the delete and invite buttons without JavaScript, a script) is still a form.
  if (!/^multipart\/form-data;/i.test(request.headers.get("content-type") ?? "")) return request.formData();
  return parseMultipartFormData(request, async ({ filename, contentType, data }) => {
    const chunks: Uint8Array[] = [];
    const limit = filename === undefined ? MAX_TEXT_PART : MAX_PHOTO_BYTES;
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    }
    if (filename === undefined) return Buffer.concat(chunks).toString("utf8");
    if (size > limit) return TOO_LARGE;
    return new File([new Uint8Array(Buffer.concat(chunks))], filename, { type: contentType });
  });
}

/** The image type from the file's first bytes, not from what the browser claims. */
export function sniffImageType(bytes: Buffer): "image/png" | "image/jpeg" | "image/webp" | null {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length > 12 && bytes.subarray(0, 4).toString("ascii") === "RIFF" && bytes.subarray(8, 12).toString("ascii") === "WEBP") return "image/webp";
  return null;
}

export type PhotoCheck = { kind: "none" } | { kind: "ok"; bytes: Buffer; mime: string; filename: string } | { kind: "not_image" } | { kind: "too_large" };

export async function readPhoto(form: FormData): Promise<PhotoCheck> {
  const file = form.get("photo");
  if (file === TOO_LARGE) return { kind: "too_large" };
  if (!file || typeof file === "string" || file.size === 0) return { kind: "none" };
  const bytes = Buffer.from(await file.arrayBuffer());
  const mime = sniffImageType(bytes);
  if (!mime) return { kind: "not_image" };
  return { kind: "ok", bytes, mime, filename: (file.name || "photo").slice(0, 200) };
}

/** Field errors for a speaker form: the schema's, and the photo's when it is not an acceptable image. */
export function speakerFormErrors(schemaErrors: Record<string, string> | null, photo: PhotoCheck, locale: Locale): Record<string, string> | null {
  const errors = { ...(schemaErrors ?? {}) };
  if (photo.kind === "not_image") errors.photo = translate(locale, "speakers.photoNotImage");
  if (photo.kind === "too_large") errors.photo = translate(locale, "speakers.photoTooLarge", { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  return Object.keys(errors).length ? errors : null;
}

/** Stored in the database so that every server process serves the same photo at /files/:id. */
async function storePhoto(trx: Trx, photo: Extract<PhotoCheck, { kind: "ok" }>, createdBy: string | null): Promise<string> {
  const id = newId();
  await trx
    .insertInto("files")
    .values({ id, kind: "speaker_photo", filename: photo.filename, mime_type: photo.mime, size: photo.bytes.length, sha256: sha256Hex(photo.bytes), content: photo.bytes, created_by: createdBy, created_at: nowIso() })
    .execute();
  return id;
}

async function replacePhoto(trx: Trx, speaker: Pick<Speaker, "photo_file_id"> | undefined, photo: PhotoCheck, createdBy: string | null): Promise<string | null | undefined> {
  if (photo.kind !== "ok") return undefined;
  const fileId = await storePhoto(trx, photo, createdBy);
  if (speaker?.photo_file_id) await trx.deleteFrom("files").where("id", "=", speaker.photo_file_id).where("kind", "=", "speaker_photo").execute();
  return fileId;
}

export async function saveSpeaker(db: DB, eventId: string, input: SpeakerInput, photo: PhotoCheck, actor: ActorRef): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const orgId = input.org_id ? ((await trx.selectFrom("organizations").select("id").where("id", "=", input.org_id).executeTakeFirst())?.id ?? null) : null;
    const values = {
      name: input.name,
      position_vi: input.position_vi ?? null,
      position_en: input.position_en ?? null,
      org_id: orgId,
      organization_name: input.organization_name ?? null,
      bio_vi: input.bio_vi ?? null,
      bio_en: input.bio_en ?? null,
      email: input.email ?? null,
      updated_at: now,
    };
    if (input.id) {
      const existing = await trx.selectFrom("speakers").selectAll().where("id", "=", input.id).where("event_id", "=", eventId).executeTakeFirst();
      if (!existing) return null;
      const photoId = await replacePhoto(trx, existing, photo, actor.id);
      await trx.updateTable("speakers").set({ ...values, ...(photoId ? { photo_file_id: photoId } : {}) }).where("id", "=", existing.id).execute();
      await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "speaker.update", entityType: "speaker", entityId: existing.id, before: { ...existing }, after: values, ip: actor.ip });
      return existing.id;
    }
    const id = newId();
    const count = await trx.selectFrom("speakers").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", eventId).executeTakeFirstOrThrow();
    const photoId = await replacePhoto(trx, undefined, photo, actor.id);
    await trx.insertInto("speakers").values({ id, event_id: eventId, ...values, photo_file_id: photoId ?? null, sort_order: Number(count.n), created_at: now }).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "speaker.create", entityType: "speaker", entityId: id, after: values, ip: actor.ip });
    return id;
  });
}

export async function deleteSpeaker(db: DB, eventId: string, speakerId: string, actor: ActorRef): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const speaker = await trx.selectFrom("speakers").selectAll().where("id", "=", speakerId).where("event_id", "=", eventId).executeTakeFirst();
    if (!speaker) return;
    await trx.deleteFrom("agenda_speakers").where("speaker_id", "=", speakerId).execute();
    await trx.deleteFrom("speakers").where("id", "=", speakerId).execute();
    if (speaker.photo_file_id) await trx.deleteFrom("files").where("id", "=", speaker.photo_file_id).where("kind", "=", "speaker_photo").execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "speaker.delete", entityType: "speaker", entityId: speakerId, before: { name: speaker.name }, ip: actor.ip });
  });
}

/**
 * Invites a speaker by email to fill in their own profile. Only the token's hash is kept; a new
 * invitation replaces the old link.
 */
export async function inviteSpeaker(db: DB, event: Event, speakerId: string, actor: ActorRef, origin: string, locale: Locale): Promise<"sent" | "no_email"> {
  return db.transaction().execute(async (trx) => {
    const speaker = await trx.selectFrom("speakers").selectAll().where("id", "=", speakerId).where("event_id", "=", event.id).executeTakeFirst();
    if (!speaker?.email) return "no_email" as const;
    const token = newSecret();
    const now = nowIso();
    await trx
      .updateTable("speakers")
      .set({ invite_token_hash: sha256Hex(token), invite_expires_at: addMinutes(now, INVITE_DAYS * 24 * 60), updated_at: now })
      .where("id", "=", speaker.id)
      .execute();
    const title = localized(event, "title", locale);
    const content = renderEmail({
      locale,
      greeting: translate(locale, "mail.greeting", { name: speaker.name }),
      heading: translate(locale, "mail.speakerInvite.heading", { event: title }),
      paragraphs: [translate(locale, "mail.speakerInvite.body", { event: title, days: INVITE_DAYS })],
      action: { label: translate(locale, "mail.speakerInvite.action"), url: `${origin}/speaker-profile/${token}` },
      footnote: translate(locale, "mail.footnote"),
    });
    await enqueueEmail(trx, { kind: "speaker.invite", to: speaker.email, toName: speaker.name, locale, subject: translate(locale, "mail.speakerInvite.subject", { event: title }), ...content });
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "speaker.invite", entityType: "speaker", entityId: speaker.id, after: { email: speaker.email }, ip: actor.ip });
    return "sent" as const;
  });
}

/** The speaker behind an invitation link that has not expired. */
export async function findSpeakerByToken(db: DB, token: string) {
  if (!token || token.length > 100) return undefined;
  return db
    .selectFrom("speakers")
    .innerJoin("events", "events.id", "speakers.event_id")
    .selectAll("speakers")
    .select(["events.title_vi as event_title_vi", "events.title_en as event_title_en", "events.slug as event_slug"])
    .where("speakers.invite_token_hash", "=", sha256Hex(token))
    .where("speakers.invite_expires_at", ">", nowIso())
    .executeTakeFirst();
}

export async function updateOwnProfile(db: DB, speaker: Speaker, input: z.output<typeof SpeakerSchema>, photo: PhotoCheck): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const photoId = await replacePhoto(trx, speaker, photo, null);
    const values = {
      name: input.name,
      position_vi: input.position_vi ?? null,
      position_en: input.position_en ?? null,
      organization_name: input.organization_name ?? null,
      bio_vi: input.bio_vi ?? null,
      bio_en: input.bio_en ?? null,
      updated_at: nowIso(),
      ...(photoId ? { photo_file_id: photoId } : {}),
    };
    await trx.updateTable("speakers").set(values).where("id", "=", speaker.id).execute();
    await recordAudit(trx, { actorId: null, actorLabel: `speaker:${speaker.name}`, action: "speaker.self_update", entityType: "speaker", entityId: speaker.id, after: values, ip: null });
  });
}
