import type { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { readImageUpload, storeFile, type ImageUpload } from "~/files/files.server";
import type { Locale } from "~/i18n/locale";
import { localized, translate } from "~/i18n/translate";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { addMinutes, nowIso } from "~/lib/time";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import type { DB, Event, Speaker, Tx } from "~db/schema";
import type { SpeakerInput, SpeakerSchema } from "./event.schema";
import type { ActorRef } from "./registrations.server";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const INVITE_DAYS = 14;

/** Speaker photos: PNG, JPEG or WebP (what the form's hint promises), up to 2 MB. */
const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

/** The photo of a speaker form read by `readUploadForm`, checked by its bytes. */
export function readPhoto(form: FormData): Promise<ImageUpload> {
  return readImageUpload(form.get("photo"), MAX_PHOTO_BYTES, PHOTO_TYPES);
}

/** Field errors for a speaker form: the schema's, and the photo's when it is not an acceptable image. */
export function speakerFormErrors(schemaErrors: Record<string, string> | null, photo: ImageUpload, locale: Locale): Record<string, string> | null {
  const errors = { ...(schemaErrors ?? {}) };
  if (photo.kind === "not_image") errors.photo = translate(locale, "speakers.photoNotImage");
  if (photo.kind === "too_large") errors.photo = translate(locale, "speakers.photoTooLarge", { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  return Object.keys(errors).length ? errors : null;
}

async function replacePhoto(trx: Tx, speaker: Pick<Speaker, "photo_file_id"> | undefined, photo: ImageUpload, createdBy: string | null): Promise<string | null | undefined> {
  if (photo.kind !== "ok") return undefined;
  const fileId = await storeFile(trx, { kind: "speaker_photo", filename: photo.filename, mimeType: photo.mime, content: photo.bytes, createdBy });
  if (speaker?.photo_file_id) await trx.deleteFrom("files").where("id", "=", speaker.photo_file_id).where("kind", "=", "speaker_photo").execute();
  return fileId;
}

export async function saveSpeaker(db: DB, eventId: string, input: SpeakerInput, photo: ImageUpload, actor: ActorRef): Promise<string | null> {
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

/** An event's speakers for its organizers: whether each was invited, never the invitation's secret. */
export async function listSpeakersToManage(db: DB, eventId: string) {
  const speakers = await db.selectFrom("speakers").selectAll().where("event_id", "=", eventId).orderBy("sort_order").orderBy("name").execute();
  return speakers.map(({ invite_token_hash, ...s }) => ({ ...s, invited: Boolean(invite_token_hash) }));
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

export async function updateOwnProfile(db: DB, speaker: Speaker, input: z.output<typeof SpeakerSchema>, photo: ImageUpload): Promise<void> {
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
