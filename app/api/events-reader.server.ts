import { manageableEventIds, type Actor } from "~/auth/permissions.server";
import { PUBLIC_EVENT_STATUSES } from "~/events/public-events.server";
import type { DB } from "~db/schema";
import { pageOf, type ApiQuery } from "./api.schema";

type Counts = { confirmed: number; waitlisted: number; pending: number; checked_in: number };

/**
 * Events for the read API: those anyone may see, and those the token's owner manages (drafts
 * included). Registration counts, computed in SQL, only for events the owner manages, as on
 * their management pages; null on the others.
 */
export async function readApiEvents(db: DB, actor: Actor, query: ApiQuery<"events">) {
  const manageable = manageableEventIds(db, actor);
  let rows = db
    .selectFrom("events")
    .select((eb) => [
      "events.id",
      "events.slug",
      "events.kind",
      "events.status",
      "events.title_vi",
      "events.title_en",
      "events.venue_vi",
      "events.venue_en",
      "events.starts_at",
      "events.ends_at",
      "events.capacity",
      "events.is_sample",
      (manageable === "all" ? eb.lit(1) : manageable === "none" ? eb.lit(0) : eb.case().when("events.id", "in", manageable).then(1).else(0).end()).as("manages"),
    ]);
  if (manageable !== "all")
    rows = rows.where((eb) => eb.or([eb("events.status", "in", PUBLIC_EVENT_STATUSES), ...(manageable === "none" ? [] : [eb("events.id", "in", manageable)])]));
  const { status, kind } = query.filters;
  if (status) rows = rows.where("events.status", "=", status);
  if (kind) rows = rows.where("events.kind", "=", kind);
  if (query.after) rows = rows.where("events.id", ">", query.after);
  const page = pageOf(await rows.orderBy("events.id").limit(query.limit + 1).execute(), query.limit);
  const counts = await countRegistrationsOf(
    db,
    page.data.filter((e) => Number(e.manages) === 1).map((e) => e.id),
  );
  return {
    next: page.next,
    data: page.data.map(({ manages, ...e }) => ({
      ...e,
      is_sample: Number(e.is_sample) === 1,
      registrations: Number(manages) === 1 ? (counts.get(e.id) ?? { confirmed: 0, waitlisted: 0, pending: 0, checked_in: 0 }) : null,
    })),
  };
}

/** Registrations by status and check-ins, for a page of events at once, grouped in SQL. */
async function countRegistrationsOf(db: DB, eventIds: string[]): Promise<Map<string, Counts>> {
  if (!eventIds.length) return new Map();
  const rows = await db
    .selectFrom("registrations")
    .select((eb) => {
      const when = (status: "confirmed" | "waitlisted" | "pending") => eb.fn.sum<number>(eb.case().when("status", "=", status).then(1).else(0).end());
      return [
        "event_id",
        when("confirmed").as("confirmed"),
        when("waitlisted").as("waitlisted"),
        when("pending").as("pending"),
        eb.fn.sum<number>(eb.case().when("checked_in_at", "is not", null).then(1).else(0).end()).as("checked_in"),
      ];
    })
    .where("event_id", "in", eventIds)
    .groupBy("event_id")
    .execute();
  return new Map(rows.map((r) => [r.event_id, { confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted), pending: Number(r.pending), checked_in: Number(r.checked_in) }]));
}
