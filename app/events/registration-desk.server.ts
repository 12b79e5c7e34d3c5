import { recordAudit } from "~/audit/audit-log.server";
import { takeAttempt, type ThrottlePolicy } from "~/auth/counters.server";
import type { Locale } from "~/i18n/locale";
import { DomainError } from "~/lib/domain-error";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { nowIso } from "~/lib/time";
import type { DB, Registration, RegistrationStatus, Trx } from "~db/schema";
import { enqueueRegistrationEmail, type MailOptions } from "./registration-mail.server";
import type { Attendee } from "./register.server";
import { ACTIVE, normalizeEmail, type ActorRef } from "./registrations.server";
import { lockSeats } from "./seats.server";

/** One registration of the event in the URL; any other id, of this event or not, is not found. */
export async function findEventRegistration(db: Trx, eventId: string, registrationId: string): Promise<Registration> {
  const registration = await db.selectFrom("registrations").selectAll().where("id", "=", registrationId).where("event_id", "=", eventId).executeTakeFirst();
  if (!registration) throw new DomainError("notFound");
  return registration;
}

/** The fields an organizer may correct, as stored. */
const EDITABLE = ["name", "email", "phone", "organization", "position", "answers", "locale"] as const;
type Editable = (typeof EDITABLE)[number];

export type FieldChange = { field: Editable; before: string | null; after: string | null };

export type HistoryEntry = {
  id: string;
  at: string;
  action: string;
  actor: string | null;
  status: RegistrationStatus | null;
  reason: string | null;
  changes: FieldChange[];
};

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const value = JSON.parse(text) as unknown;
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

const text = (value: unknown) => (typeof value === "string" ? value : value === null || value === undefined ? null : JSON.stringify(value));

/** What happened to a registration, newest first, a page at a time, from the audit log. */
export async function registrationHistory(db: DB, registrationId: string, page: number): Promise<{ entries: HistoryEntry[]; total: number }> {
  const base = db.selectFrom("audit_log").where("entity_type", "=", "registration").where("entity_id", "=", registrationId);
  const [rows, count] = await Promise.all([
    base.select(["id", "at", "action", "actor_label", "before", "after"]).orderBy("seq", "desc").limit(PAGE_SIZE).offset(pageOffset(page)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const entries = rows.map((row) => {
    const before = parseJson(row.before);
    const after = parseJson(row.after);
    const changes =
      row.action === "registration.edit" ? EDITABLE.filter((f) => f in after).map((field) => ({ field, before: text(before[field]), after: text(after[field]) })) : [];
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor_label,
      status: typeof after.status === "string" ? (after.status as RegistrationStatus) : null,
      reason: typeof after.reason === "string" ? after.reason : null,
      changes,
    };
  });
  return { entries, total: Number(count.n) };
}

export type AttendeeCorrection = Attendee & { locale: Locale };
export type EditOutcome = { kind: "saved"; changed: Editable[] } | { kind: "email_taken" } | { kind: "erased" };

/**
 * An organizer's correction of an attendee's details. The ticket code stays; an address another
 * registration of the event already has is refused, since one address holds one registration an
 * event. The audit entry keeps the changed fields before and after.
 */
export async function editAttendee(db: DB, eventId: string, registrationId: string, correction: AttendeeCorrection, actor: ActorRef): Promise<EditOutcome> {
  return db.transaction().execute(async (trx) => {
    // The seat lock every registration takes: no one registers with the new address between the check and the write.
    await lockSeats(trx, eventId);
    const before = await findEventRegistration(trx, eventId, registrationId);
    if (before.erased_at) return { kind: "erased" as const };
    const emailNormalized = normalizeEmail(correction.email);
    if (emailNormalized !== before.email_normalized) {
      const holder = await trx.selectFrom("registrations").select("id").where("event_id", "=", eventId).where("email_normalized", "=", emailNormalized).executeTakeFirst();
      if (holder) return { kind: "email_taken" as const };
    }
    const after = {
      name: correction.name,
      email: correction.email.trim(),
      phone: correction.phone,
      organization: correction.organization,
      position: correction.position,
      answers: JSON.stringify(correction.answers),
      locale: correction.locale,
    } satisfies Record<Editable, string | null>;
    const changed = EDITABLE.filter((field) => after[field] !== before[field]);
    if (!changed.length) return { kind: "saved" as const, changed };
    await trx
      .updateTable("registrations")
      .set({ ...after, email_normalized: emailNormalized, updated_at: nowIso() })
      .where("id", "=", before.id)
      .execute();
    const pick = (row: Record<Editable, string | null>) => Object.fromEntries(changed.map((field) => [field, row[field]]));
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.name,
      action: "registration.edit",
      entityType: "registration",
      entityId: before.id,
      before: pick(before),
      after: pick(after),
      ip: actor.ip,
    });
    return { kind: "saved" as const, changed };
  });
}

/** A ticket sent again on request: three at once, then one an hour, per registration. */
const RESEND: ThrottlePolicy = { free: 3, baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, forgetAfterMs: 3_600_000 };

export type ResendOutcome = { kind: "sent" } | { kind: "throttled"; retryAt: Date } | { kind: "not_active" };

/**
 * Sends the attendee their ticket again, in the language they registered in, through the outbox.
 * The attempt is counted atomically first, so that however fast the button is pressed an
 * attendee's mailbox gets at most what the policy allows.
 */
export async function resendTicket(db: DB, eventId: string, registrationId: string, actor: ActorRef, mail: MailOptions): Promise<ResendOutcome> {
  return db.transaction().execute(async (trx) => {
    // The counter first: its write opens the transaction (SQLite's writer lock, before any read);
    // an id of no registration here rolls it back with the 404.
    const attempt = await takeAttempt(trx, `ticket-resend:${registrationId}`, RESEND);
    const registration = await findEventRegistration(trx, eventId, registrationId);
    if (registration.erased_at || !ACTIVE.includes(registration.status)) return { kind: "not_active" as const };
    if (!attempt.ok) return { kind: "throttled" as const, retryAt: attempt.retryAt };
    const event = await trx.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
    await enqueueRegistrationEmail(trx, event, registration, "ticket_resent", mail);
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.name,
      action: "registration.resend_ticket",
      entityType: "registration",
      entityId: registration.id,
      ip: actor.ip,
    });
    return { kind: "sent" as const };
  });
}
