import { nowIso } from "~/lib/time";
import type { DB, EventStatus } from "~db/schema";

/** Statuses a visitor may see; drafts are the organizers' alone. */
export const PUBLIC_EVENT_STATUSES: EventStatus[] = ["published", "closed", "archived", "cancelled"];

const LISTED_FIELDS = [
  "id",
  "slug",
  "kind",
  "status",
  "title_vi",
  "title_en",
  "summary_vi",
  "summary_en",
  "venue_vi",
  "venue_en",
  "starts_at",
  "ends_at",
  "capacity",
  "is_sample",
] as const;

export async function listPublicEvents(db: DB, when: "upcoming" | "past", limit = 50) {
  const now = nowIso();
  let query = db
    .selectFrom("events")
    .select(LISTED_FIELDS)
    .where("status", "in", when === "upcoming" ? ["published", "cancelled"] : ["published", "closed", "archived"]);
  query = when === "upcoming" ? query.where("ends_at", ">=", now).orderBy("starts_at", "asc") : query.where("ends_at", "<", now).orderBy("starts_at", "desc");
  return query.limit(limit).execute();
}

export type ListedEvent = Awaited<ReturnType<typeof listPublicEvents>>[number];

export async function findPublicEvent(db: DB, slug: string) {
  return db
    .selectFrom("events")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "in", PUBLIC_EVENT_STATUSES)
    .executeTakeFirst();
}

/** Speakers with their organization's names, in the organizer's order. */
export async function listEventSpeakers(db: DB, eventId: string) {
  return db
    .selectFrom("speakers")
    .leftJoin("organizations", "organizations.id", "speakers.org_id")
    .select([
      "speakers.id",
      "speakers.name",
      "speakers.position_vi",
      "speakers.position_en",
      "speakers.bio_vi",
      "speakers.bio_en",
      "speakers.photo_file_id",
      "speakers.organization_name",
      "organizations.name_vi as org_name_vi",
      "organizations.name_en as org_name_en",
    ])
    .where("speakers.event_id", "=", eventId)
    .orderBy("speakers.sort_order")
    .orderBy("speakers.name")
    .execute();
}

/** The agenda in time order, each item with the ids of its speakers. */
export async function listAgenda(db: DB, eventId: string) {
  const items = await db.selectFrom("agenda_items").selectAll().where("event_id", "=", eventId).orderBy("starts_at").orderBy("room").execute();
  const links = items.length
    ? await db
        .selectFrom("agenda_speakers")
        .select(["agenda_item_id", "speaker_id"])
        .where(
          "agenda_item_id",
          "in",
          items.map((i) => i.id),
        )
        .execute()
    : [];
  return items.map((item) => ({
    ...item,
    speakerIds: links.filter((l) => l.agenda_item_id === item.id).map((l) => l.speaker_id),
  }));
}

export async function listEventOrganizations(db: DB, eventId: string) {
  return db
    .selectFrom("event_organizations")
    .innerJoin("organizations", "organizations.id", "event_organizations.org_id")
    .select([
      "organizations.id",
      "organizations.name_vi",
      "organizations.name_en",
      "organizations.short_name",
      "organizations.logo_file_id",
      "organizations.country",
      "event_organizations.role",
    ])
    .where("event_organizations.event_id", "=", eventId)
    .orderBy("event_organizations.sort_order")
    .execute();
}
