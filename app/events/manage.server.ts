import type { AppLoadContext } from "@remix-run/node";
import { sql } from "kysely";
import { manageableEventIds, MANAGING_ROLES, requireActor, requirePermission, type Actor, type SignedInActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { DomainError } from "~/lib/domain-error";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { cancelRegistration, decideRegistration, type ActorRef, type DecisionResult } from "./registrations.server";
import { NEEDS_REASON } from "./event.schema";
import type { MailOptions } from "./registration-mail.server";
import type { DB, Event } from "~db/schema";
import { takenSeats } from "./seats.server";

type Args = { request: Request; context: AppLoadContext; params: { slug?: string } };

export type ManagedEvent = { actor: SignedInActor; event: Event };

/**
 * The event named in the URL, for someone allowed to manage it: signed in (else /login), an organizer
 * who created it or belongs to a host or co-organizer, or staff (else 403); 404 when there is no such event.
 */
export async function requireManagedEvent(args: Args): Promise<ManagedEvent> {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "event.create" });
  const db = getDb();
  const event = await db.selectFrom("events").selectAll().where("slug", "=", args.params.slug ?? "").executeTakeFirst();
  if (!event) throw new DomainError("notFound");
  const hostOrgIds = await managingOrgIds(db, event.id);
  requirePermission(actor, { action: "event.manage", event: { created_by: event.created_by, hostOrgIds } });
  return { actor, event };
}

export async function managingOrgIds(db: DB, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("event_organizations")
    .select("org_id")
    .where("event_id", "=", eventId)
    .where("role", "in", MANAGING_ROLES)
    .execute();
  return rows.map((r) => r.org_id);
}

/** One page of the events this actor may manage, newest first, with the count; the permission module's rule is in the query itself. */
export async function listManageableEvents(db: DB, actor: Actor, page = 1) {
  const manageable = manageableEventIds(db, actor);
  if (manageable === "none") return { rows: [], total: 0 };
  const events = manageable === "all" ? db.selectFrom("events") : db.selectFrom("events").where("events.id", "in", manageable);
  const [rows, total] = await Promise.all([
    events
      .select([
        "events.id",
        "events.slug",
        "events.kind",
        "events.status",
        "events.title_vi",
        "events.title_en",
        "events.starts_at",
        "events.capacity",
        "events.is_sample",
        (eb) => takenSeats(eb).as("taken"),
      ])
      .orderBy("events.starts_at", "desc")
      .orderBy("events.id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    events.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Registrations of one event by status, and how many are checked in. */
export async function countRegistrations(db: DB, eventId: string) {
  const rows = await db
    .selectFrom("registrations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n"), sql<number>`sum(case when checked_in_at is null then 0 else 1 end)`.as("checked_in")])
    .where("event_id", "=", eventId)
    .groupBy("status")
    .execute();
  const counts = { pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0, rejected: 0, checkedIn: 0 };
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    counts.checkedIn += Number(row.checked_in ?? 0);
  }
  return counts;
}

export async function listOrganizationChoices(db: DB) {
  return db.selectFrom("organizations").select(["id", "name_vi", "name_en", "short_name"]).orderBy("name_vi").execute();
}

export type BulkDecisionResult = { kind: "reason_required" } | { kind: "decided"; results: DecisionResult[] };

/**
 * An organizer's decision on selected registrations of the event they manage, each in its own
 * transaction so that one refused row does not undo the others; a registration of another event is
 * not found, whatever its id. A reject or cancel needs the reason the attendee will read.
 */
export async function decideForEvent(
  db: DB,
  eventId: string,
  decision: { intent: "approve" | "reject" | "promote" | "cancel"; id: string[]; reason?: string },
  actor: ActorRef,
  mail: MailOptions,
): Promise<BulkDecisionResult> {
  const owned = await db.selectFrom("registrations").select("id").where("id", "in", decision.id).where("event_id", "=", eventId).execute();
  if (owned.length !== new Set(decision.id).size) throw new DomainError("notFound");
  const { intent, reason } = decision;
  if ((NEEDS_REASON as readonly string[]).includes(intent) && !reason) return { kind: "reason_required" };
  const results: DecisionResult[] = [];
  for (const { id } of owned) {
    if (intent !== "cancel") results.push(await decideRegistration(db, id, intent, actor, { ...mail, reason }));
    else results.push((await cancelRegistration(db, id, actor, { ...mail, reason }, "organizer")) === "cancelled" ? "done" : "not_allowed");
  }
  return { kind: "decided", results };
}

/** Who did it, for the audit log. */
export function actorRef(actor: SignedInActor, context: AppLoadContext) {
  return { id: actor.user.id, name: actor.user.name, ip: context.clientIp };
}
