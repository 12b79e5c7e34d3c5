import { recordAudit } from "~/audit/audit-log.server";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { AgendaItem, DB, Event } from "~db/schema";
import type { AgendaInput } from "./event.schema";
import { lockEvent, type ActorRef } from "./registrations.server";

export type SaveAgendaResult = { kind: "saved"; id: string } | { kind: "overlap"; other: AgendaItem } | { kind: "outside_event" };

/** Two items in one room may not share a minute: [start, end) intervals that intersect are refused. */
export async function saveAgendaItem(db: DB, eventId: string, input: AgendaInput, actor: ActorRef): Promise<SaveAgendaResult> {
  return db.transaction().execute(async (trx) => {
    const event: Event = await lockEvent(trx, eventId);
    if (input.starts_at < event.starts_at || input.ends_at > event.ends_at) return { kind: "outside_event" as const };
    const room = input.room ?? null;
    let overlapping = trx
      .selectFrom("agenda_items")
      .selectAll()
      .where("event_id", "=", event.id)
      .where("starts_at", "<", input.ends_at)
      .where("ends_at", ">", input.starts_at)
      .where((eb) => (room === null ? eb("room", "is", null) : eb("room", "=", room)));
    if (input.id) overlapping = overlapping.where("id", "<>", input.id);
    const other = await overlapping.orderBy("starts_at").executeTakeFirst();
    if (other) return { kind: "overlap" as const, other };

    const speakerIds = input.speakers.length
      ? (await trx.selectFrom("speakers").select("id").where("event_id", "=", event.id).where("id", "in", input.speakers).execute()).map((s) => s.id)
      : [];
    const now = nowIso();
    const values = { starts_at: input.starts_at, ends_at: input.ends_at, room, kind: input.kind, title_vi: input.title_vi, title_en: input.title_en, updated_at: now };
    let id = input.id;
    if (id) {
      const updated = await trx.updateTable("agenda_items").set(values).where("id", "=", id).where("event_id", "=", event.id).executeTakeFirst();
      if (!updated.numUpdatedRows) return { kind: "outside_event" as const };
      await trx.deleteFrom("agenda_speakers").where("agenda_item_id", "=", id).execute();
    } else {
      id = newId();
      await trx.insertInto("agenda_items").values({ id, event_id: event.id, description_vi: null, description_en: null, created_at: now, ...values }).execute();
    }
    for (const speakerId of speakerIds) await trx.insertInto("agenda_speakers").values({ agenda_item_id: id, speaker_id: speakerId }).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: input.id ? "agenda.update" : "agenda.create", entityType: "agenda_item", entityId: id, after: { ...values, speakerIds }, ip: actor.ip });
    return { kind: "saved" as const, id };
  });
}

export async function deleteAgendaItem(db: DB, eventId: string, itemId: string, actor: ActorRef): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", itemId).where("event_id", "=", eventId).executeTakeFirst();
    if (!item) return;
    await trx.deleteFrom("agenda_speakers").where("agenda_item_id", "=", itemId).execute();
    await trx.deleteFrom("agenda_items").where("id", "=", itemId).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.name, action: "agenda.delete", entityType: "agenda_item", entityId: itemId, before: item, ip: actor.ip });
  });
}
