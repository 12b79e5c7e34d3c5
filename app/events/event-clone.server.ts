import { recordAudit } from "~/audit/audit-log.server";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Event } from "~db/schema";
import { isSlugTaken } from "./event-editor.server";

export type CloneOutcome = { kind: "cloned"; slug: string } | { kind: "slug_taken" };

/**
 * A new draft like `source` (agenda, speakers, partners, questions, settings), every time moved by the
 * same amount so that the new start is `startsAt`: the day's shape and the registration window come along.
 * Registrations never do, nor speaker invitations still open on the old event.
 */
export async function cloneEvent(db: DB, source: Event, target: { slug: string; startsAt: string }, actor: { id: string; name: string; ip: string }): Promise<CloneOutcome> {
  if (await isSlugTaken(db, target.slug)) return { kind: "slug_taken" };
  const shiftMs = Date.parse(target.startsAt) - Date.parse(source.starts_at);
  const shift = (iso: string) => new Date(Date.parse(iso) + shiftMs).toISOString();
  const shiftOrNull = (iso: string | null) => (iso ? shift(iso) : null);
  const now = nowIso();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const { id: _id, slug: _slug, ...settings } = source;
    await trx
      .insertInto("events")
      .values({
        ...settings,
        id,
        slug: target.slug,
        status: "draft",
        starts_at: shift(source.starts_at),
        ends_at: shift(source.ends_at),
        registration_opens_at: shiftOrNull(source.registration_opens_at),
        registration_closes_at: shiftOrNull(source.registration_closes_at),
        is_sample: 0,
        created_by: actor.id,
        published_at: null,
        cancelled_at: null,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const partners = await trx.selectFrom("event_organizations").selectAll().where("event_id", "=", source.id).execute();
    for (const p of partners) await trx.insertInto("event_organizations").values({ ...p, id: newId(), event_id: id }).execute();
    const speakerIds = new Map<string, string>();
    const speakers = await trx.selectFrom("speakers").selectAll().where("event_id", "=", source.id).execute();
    for (const s of speakers) {
      const copy = newId();
      speakerIds.set(s.id, copy);
      await trx
        .insertInto("speakers")
        .values({ ...s, id: copy, event_id: id, invite_token_hash: null, invite_expires_at: null, created_at: now, updated_at: now })
        .execute();
    }
    const items = await trx.selectFrom("agenda_items").selectAll().where("event_id", "=", source.id).execute();
    const links = items.length
      ? await trx.selectFrom("agenda_speakers").selectAll().where("agenda_item_id", "in", items.map((i) => i.id)).execute()
      : [];
    for (const item of items) {
      const copy = newId();
      await trx
        .insertInto("agenda_items")
        .values({ ...item, id: copy, event_id: id, starts_at: shift(item.starts_at), ends_at: shift(item.ends_at), created_at: now, updated_at: now })
        .execute();
      for (const link of links.filter((l) => l.agenda_item_id === item.id)) {
        await trx.insertInto("agenda_speakers").values({ agenda_item_id: copy, speaker_id: speakerIds.get(link.speaker_id)! }).execute();
      }
    }
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.name,
      action: "event.clone",
      entityType: "event",
      entityId: id,
      before: { from: source.id },
      after: { slug: target.slug, starts_at: shift(source.starts_at), agenda: items.length, speakers: speakers.length, partners: partners.length },
      ip: actor.ip,
    });
  });
  return { kind: "cloned", slug: target.slug };
}
