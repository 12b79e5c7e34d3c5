import { recordAudit } from "~/audit/audit-log.server";
import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";
import { formValues, parseForm } from "~/lib/forms.server";
import { newId } from "~/lib/ids.server";
import { isoToVietnamLocal, nowIso } from "~/lib/time";
import type { DB, Event, EventOrgRole, Tx } from "~db/schema";
import { EVENT_ORG_ROLES, EventSchema, type EventInput } from "./event.schema";
import { questionsToText, readQuestions } from "./questions";
import { lockEvent } from "./registrations.server";
import { lockSeats } from "./seats.server";

/** The organizations picked on the form: one select per organization, named `org_role.<id>`. */
export function readOrgRoles(form: FormData, knownOrgIds: Set<string>): { org_id: string; role: EventOrgRole }[] {
  const picked: { org_id: string; role: EventOrgRole }[] = [];
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("org_role.") || typeof value !== "string") continue;
    const orgId = key.slice("org_role.".length);
    if (knownOrgIds.has(orgId) && (EVENT_ORG_ROLES as string[]).includes(value)) picked.push({ org_id: orgId, role: value as EventOrgRole });
  }
  return picked.sort((a, b) => EVENT_ORG_ROLES.indexOf(a.role) - EVENT_ORG_ROLES.indexOf(b.role));
}

export async function isSlugTaken(db: DB, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom("events").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return Boolean(await query.executeTakeFirst());
}

type SaveInput = {
  data: EventInput;
  orgs: { org_id: string; role: EventOrgRole }[];
  actor: { id: string; name: string };
  ip: string;
};

function columnsOf(data: EventInput) {
  return {
    slug: data.slug,
    kind: data.kind,
    title_vi: data.title_vi,
    title_en: data.title_en,
    summary_vi: data.summary_vi,
    summary_en: data.summary_en,
    description_vi: data.description_vi ?? null,
    description_en: data.description_en ?? null,
    venue_vi: data.venue_vi,
    venue_en: data.venue_en,
    address: data.address ?? null,
    starts_at: data.starts_at,
    ends_at: data.ends_at,
    capacity: data.capacity ?? null,
    registration_opens_at: data.registration_opens_at ?? null,
    registration_closes_at: data.registration_closes_at ?? null,
    requires_approval: data.requires_approval,
    questions: JSON.stringify(data.questions),
  };
}

async function replaceOrganizations(trx: Tx, eventId: string, orgs: SaveInput["orgs"]) {
  await trx.deleteFrom("event_organizations").where("event_id", "=", eventId).execute();
  for (const [i, o] of orgs.entries()) {
    await trx.insertInto("event_organizations").values({ id: newId(), event_id: eventId, org_id: o.org_id, role: o.role, sort_order: i }).execute();
  }
}

/** A new event starts as a draft; only its organizers see it until it is published. */
export async function createEvent(trx: Tx, input: SaveInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  const values = { id, ...columnsOf(input.data), status: "draft" as const, created_by: input.actor.id, created_at: now, updated_at: now };
  await trx.insertInto("events").values(values).execute();
  await replaceOrganizations(trx, id, input.orgs);
  await recordAudit(trx, { actorId: input.actor.id, actorLabel: input.actor.name, action: "event.create", entityType: "event", entityId: id, after: { ...values, orgs: input.orgs }, ip: input.ip });
  return id;
}

export async function updateEvent(trx: Tx, event: Event, input: SaveInput): Promise<void> {
  const values = { ...columnsOf(input.data), updated_at: nowIso() };
  await trx.updateTable("events").set(values).where("id", "=", event.id).execute();
  await replaceOrganizations(trx, event.id, input.orgs);
  await recordAudit(trx, { actorId: input.actor.id, actorLabel: input.actor.name, action: "event.update", entityType: "event", entityId: event.id, before: event, after: { ...values, orgs: input.orgs }, ip: input.ip });
}

export type EventFormFailure = { errors: Record<string, string>; values: Record<string, string> };

/**
 * The create and edit forms share one path: parse, check the slug is free, save with the picked
 * organizations in one transaction. Returns the saved event's slug, or the errors to show.
 */
export async function submitEventForm(
  db: DB,
  form: FormData,
  locale: Locale,
  actor: { id: string; name: string },
  ip: string,
  existing?: Event,
): Promise<{ ok: true; slug: string; id: string } | ({ ok: false } & EventFormFailure)> {
  const parsed = parseForm(form, EventSchema, locale);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  if (await isSlugTaken(db, parsed.data.slug, existing?.id)) {
    return { ok: false, errors: { slug: translate(locale, "manage.slugTaken") }, values: formValues(form) };
  }
  const orgIds = new Set((await db.selectFrom("organizations").select("id").execute()).map((o) => o.id));
  const input = { data: parsed.data, orgs: readOrgRoles(form, orgIds), actor, ip };
  if (existing) {
    // Checked under the seat lock: a registration arriving meanwhile cannot slip under the new capacity.
    const taken = await db.transaction().execute(async (trx) => {
      await lockEvent(trx, existing.id);
      const seats = await lockSeats(trx, existing.id);
      if (parsed.data.capacity !== undefined && parsed.data.capacity < seats) return seats;
      await updateEvent(trx, existing, input);
      return null;
    });
    if (taken !== null) return { ok: false, errors: { capacity: translate(locale, "manage.capacityBelowTaken", { taken }) }, values: formValues(form) };
    return { ok: true, slug: parsed.data.slug, id: existing.id };
  }
  const id = await db.transaction().execute((trx) => createEvent(trx, input));
  return { ok: true, slug: parsed.data.slug, id };
}

/** The edit form of an event, filled with what is saved, its organizations' roles included. */
export async function loadEventFormValues(db: DB, event: Event): Promise<Record<string, string>> {
  const roles = await db.selectFrom("event_organizations").select(["org_id", "role"]).where("event_id", "=", event.id).execute();
  return eventFormValues(event, roles);
}

/** An event as the form's values: Vietnam wall-clock times, questions as text, one role per organization. */
function eventFormValues(event: Event, orgs: { org_id: string; role: EventOrgRole }[]): Record<string, string> {
  const local = (iso: string | null) => (iso ? isoToVietnamLocal(iso) : "");
  const values: Record<string, string> = {
    slug: event.slug,
    kind: event.kind,
    title_vi: event.title_vi,
    title_en: event.title_en,
    summary_vi: event.summary_vi,
    summary_en: event.summary_en,
    description_vi: event.description_vi ?? "",
    description_en: event.description_en ?? "",
    venue_vi: event.venue_vi,
    venue_en: event.venue_en,
    address: event.address ?? "",
    starts_at: local(event.starts_at),
    ends_at: local(event.ends_at),
    registration_opens_at: local(event.registration_opens_at),
    registration_closes_at: local(event.registration_closes_at),
    capacity: event.capacity === null ? "" : String(event.capacity),
    requires_approval: event.requires_approval ? "1" : "",
    questions: questionsToText(readQuestions(event.questions)),
  };
  for (const o of orgs) values[`org_role.${o.org_id}`] = o.role;
  return values;
}
