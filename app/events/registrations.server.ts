import { recordAudit } from "~/audit/audit-log.server";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { forNoKeyUpdate } from "~/db/dialect.server";
import { nowIso } from "~/lib/time";
import type { DB, Event, Registration, RegistrationStatus, Trx, Tx } from "~db/schema";
import { matchesSearch, searchTerms } from "./registration-search";
import { enqueueRegistrationEmail, type MailOptions } from "./registration-mail.server";
import { lockSeats } from "./seats.server";

/** Statuses an attendee or organizer may still cancel. */
export const ACTIVE: RegistrationStatus[] = ["confirmed", "pending", "waitlisted"];

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Reads the event inside a transaction and holds it until the end: on PostgreSQL the row lock
 * (SELECT … FOR NO KEY UPDATE) queues every other change to this event behind ours; SQLite has a
 * single writer and Kysely runs one transaction at a time on its one connection. Seats have their
 * own lock (`lockSeats`), which whatever gives a seat or changes whether seats can be claimed (the
 * capacity, the event's status) takes after this one. A seat claim takes only the seat lock.
 */
export async function lockEvent(trx: Tx, eventId: string): Promise<Event> {
  return forNoKeyUpdate(trx, trx.selectFrom("events").selectAll().where("id", "=", eventId)).executeTakeFirstOrThrow();
}

/** 1 for the first person on the waitlist; null when not waitlisted. */
export async function waitlistPosition(db: Trx, registration: Pick<Registration, "id" | "event_id" | "status" | "waitlisted_at">): Promise<number | null> {
  if (registration.status !== "waitlisted" || !registration.waitlisted_at) return null;
  const at = registration.waitlisted_at;
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", registration.event_id)
    .where("status", "=", "waitlisted")
    .where((eb) => eb.or([eb("waitlisted_at", "<", at), eb.and([eb("waitlisted_at", "=", at), eb("id", "<=", registration.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives free seats to the waitlist, first come first served, and tells each promoted person.
 * Called under the event lock after anything that frees a seat or adds seats.
 */
export async function fillFreeSeats(trx: Tx, event: Event, mail: MailOptions): Promise<Registration[]> {
  if (event.status === "cancelled" || event.status === "archived") return [];
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await lockSeats(trx, event.id));
  if (free <= 0) return [];
  const next = await trx
    .selectFrom("registrations")
    .select("id")
    .where("event_id", "=", event.id)
    .where("status", "=", "waitlisted")
    .orderBy("waitlisted_at")
    .orderBy("id")
    .limit(Math.min(free, 10_000))
    .execute();
  const promoted: Registration[] = [];
  for (const { id } of next) promoted.push(await promote(trx, event, id, mail));
  return promoted;
}

async function promote(trx: Tx, event: Event, registrationId: string, mail: MailOptions): Promise<Registration> {
  const now = nowIso();
  const status: RegistrationStatus = event.requires_approval ? "pending" : "confirmed";
  const registration = await trx
    .updateTable("registrations")
    .set({ status, confirmed_at: status === "confirmed" ? now : null, updated_at: now })
    .where("id", "=", registrationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await enqueueRegistrationEmail(trx, event, registration, "promoted", mail);
  return registration;
}

export type ActorRef = { id: string | null; name: string; ip: string };

export async function auditRegistration(trx: Tx, actor: ActorRef, action: string, before: Registration, after: Partial<Registration> & { reason?: string | null }) {
  await recordAudit(trx, {
    actorId: actor.id,
    actorLabel: actor.name,
    action,
    entityType: "registration",
    entityId: before.id,
    before: { status: before.status, checked_in_at: before.checked_in_at },
    after,
    ip: actor.ip,
  });
}

/**
 * Cancels a registration and tells the attendee, with the organizer's reason when there is one; its
 * seat goes to the first person on the waitlist.
 */
export async function cancelRegistration(
  db: DB,
  registrationId: string,
  actor: ActorRef,
  mail: MailOptions,
  by: "organizer" | "attendee",
): Promise<"cancelled" | "not_active"> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("registrations").select("event_id").where("id", "=", registrationId).executeTakeFirstOrThrow();
    const event = await lockEvent(trx, current.event_id);
    const before = await trx.selectFrom("registrations").selectAll().where("id", "=", registrationId).executeTakeFirstOrThrow();
    if (!ACTIVE.includes(before.status)) return "not_active";
    const now = nowIso();
    await trx.updateTable("registrations").set({ status: "cancelled", cancelled_at: now, updated_at: now }).where("id", "=", registrationId).execute();
    await auditRegistration(trx, actor, "registration.cancel", before, { status: "cancelled", reason: mail.reason ?? null });
    await enqueueRegistrationEmail(trx, event, { ...before, status: "cancelled" }, `cancelled_by_${by}`, mail);
    await fillFreeSeats(trx, event, mail);
    return "cancelled";
  });
}

export type DecisionResult = "done" | "not_allowed" | "no_seat";

/**
 * An organizer's decision on one registration: approve or reject a pending one, or move a
 * waitlisted person up (only into a free seat: the capacity is never exceeded).
 */
export async function decideRegistration(
  db: DB,
  registrationId: string,
  decision: "approve" | "reject" | "promote",
  actor: ActorRef,
  mail: MailOptions,
): Promise<DecisionResult> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("registrations").select("event_id").where("id", "=", registrationId).executeTakeFirstOrThrow();
    const event = await lockEvent(trx, current.event_id);
    const before = await trx.selectFrom("registrations").selectAll().where("id", "=", registrationId).executeTakeFirstOrThrow();
    const now = nowIso();
    if (decision === "promote") {
      if (before.status !== "waitlisted") return "not_allowed";
      if (event.capacity !== null && (await lockSeats(trx, event.id)) >= event.capacity) return "no_seat";
      const after = await promote(trx, event, before.id, mail);
      await auditRegistration(trx, actor, "registration.promote", before, { status: after.status });
      return "done";
    }
    if (before.status !== "pending") return "not_allowed";
    const status: RegistrationStatus = decision === "approve" ? "confirmed" : "rejected";
    const after = await trx
      .updateTable("registrations")
      .set({ status, confirmed_at: status === "confirmed" ? now : null, updated_at: now })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRegistration(trx, actor, `registration.${decision}`, before, { status, reason: mail.reason ?? null });
    await enqueueRegistrationEmail(trx, event, after, decision === "approve" ? "approved" : "rejected", mail);
    if (status === "rejected") await fillFreeSeats(trx, event, mail);
    return "done";
  });
}

export type CheckInResult =
  | { kind: "checked_in"; registration: Registration }
  | { kind: "already"; registration: Registration }
  | { kind: "not_confirmed"; registration: Registration }
  | { kind: "unknown" };

/**
 * Checks a ticket in, once: the update only matches a row not yet checked in, so two doors
 * scanning the same ticket at the same moment let exactly one through.
 */
export async function checkIn(db: DB, eventId: string, by: { ticketCode?: string; registrationId?: string }, actor: ActorRef): Promise<CheckInResult> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("registrations").selectAll().where("event_id", "=", eventId);
    if (by.ticketCode) query = query.where("ticket_code", "=", by.ticketCode);
    else if (by.registrationId) query = query.where("id", "=", by.registrationId);
    else return { kind: "unknown" as const };
    const registration = await query.executeTakeFirst();
    if (!registration) return { kind: "unknown" as const };
    if (registration.checked_in_at) return { kind: "already" as const, registration };
    if (registration.status !== "confirmed") return { kind: "not_confirmed" as const, registration };
    const now = nowIso();
    const updated = await trx
      .updateTable("registrations")
      .set({ checked_in_at: now, checked_in_by: actor.id, updated_at: now })
      .where("id", "=", registration.id)
      .where("checked_in_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const again = await trx.selectFrom("registrations").selectAll().where("id", "=", registration.id).executeTakeFirstOrThrow();
      return { kind: "already" as const, registration: again };
    }
    await auditRegistration(trx, actor, "registration.check_in", registration, { checked_in_at: now });
    return { kind: "checked_in" as const, registration: updated };
  });
}

export async function findRegistrationByCode(db: DB, code: string) {
  if (!code || code.length > 100) return undefined;
  return db.selectFrom("registrations").selectAll().where("ticket_code", "=", code).executeTakeFirst();
}

export type RegistrationFilter = { q?: string; status?: RegistrationStatus };

/**
 * The organizer's list: filter by status in the query; search by words in any order over name,
 * email, organization and phone, ignoring case and diacritics, which neither SQLite's lower() nor
 * LIKE can do, so it runs here over one event's registrations.
 */
export async function listRegistrations(db: DB, eventId: string, filter: RegistrationFilter = {}, limit = 500) {
  let query = db.selectFrom("registrations").selectAll().where("event_id", "=", eventId).where("erased_at", "is", null);
  if (filter.status) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  const terms = filter.q ? searchTerms(filter.q) : [];
  const found = terms.length > 0 ? rows.filter((r) => matchesSearch(r, terms)) : rows;
  return found.slice(0, limit);
}

/**
 * One page of the organizer's list and how many registrations the filter selects. Without search
 * words the page is cut in SQL; a search reads the event's registrations, as listRegistrations does.
 */
export async function pageRegistrations(db: DB, eventId: string, filter: RegistrationFilter, page: number) {
  if (filter.q && searchTerms(filter.q).length) {
    const found = await listRegistrations(db, eventId, filter, Number.MAX_SAFE_INTEGER);
    return { rows: found.slice(pageOffset(page), pageOffset(page) + PAGE_SIZE), total: found.length };
  }
  let query = db.selectFrom("registrations").where("event_id", "=", eventId).where("erased_at", "is", null);
  if (filter.status) query = query.where("status", "=", filter.status);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy("created_at").orderBy("id").limit(PAGE_SIZE).offset(pageOffset(page)).execute(),
    query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
