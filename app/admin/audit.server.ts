import { sql, type SqlBool } from "kysely";
import { auditActionLabel, auditTypeLabel } from "~/audit/audit-labels";
import type { Locale } from "~/i18n/locale";
import { localized, translator } from "~/i18n/translate";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { csvDocument } from "~/lib/spreadsheet.server";
import { addDays, isoToVietnamLocal, vietnamLocalToIso } from "~/lib/time";
import type { DB } from "~db/schema";
import type { AuditFilter } from "./audit.schema";

/** The CSV carries at most this many entries, the newest; a narrower filter gets the rest. */
const CSV_ROWS = 100_000;
/** Action codes and object types offered in the filter form. */
const CHOICES = 300;

/** `%` and `_` typed in a search box are letters, not wildcards. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filteredEntries(db: DB, filter: AuditFilter) {
  let q = db.selectFrom("audit_log").leftJoin("users", "users.id", "audit_log.actor_id");
  if (filter.actor) {
    const like = likePattern(filter.actor);
    const matches = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    q = q.where((eb) => eb.or([matches("users.email"), matches("users.name"), matches("audit_log.actor_label")]));
  }
  if (filter.action) q = q.where("audit_log.action", "=", filter.action);
  if (filter.type) q = q.where("audit_log.entity_type", "=", filter.type);
  if (filter.id) q = q.where("audit_log.entity_id", "=", filter.id);
  if (filter.from) q = q.where("audit_log.at", ">=", vietnamLocalToIso(`${filter.from}T00:00`)!);
  if (filter.to) q = q.where("audit_log.at", "<", vietnamLocalToIso(`${addDays(filter.to, 1)}T00:00`)!);
  return q;
}

/** The entries newest first, with the actor's name, email and (first) organization. */
function entriesWithActors(db: DB, filter: AuditFilter) {
  return filteredEntries(db, filter)
    .leftJoin("organizations as org", (join) =>
      join.on((eb) =>
        eb(
          "org.id",
          "=",
          eb.selectFrom("memberships").select("memberships.org_id").whereRef("memberships.user_id", "=", "audit_log.actor_id").orderBy("memberships.created_at").orderBy("memberships.id").limit(1),
        ),
      ),
    )
    .select([
      "audit_log.id",
      "audit_log.seq",
      "audit_log.at",
      "audit_log.actor_id",
      "audit_log.actor_label",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.before",
      "audit_log.after",
      "audit_log.ip",
      "users.name as actor_name",
      "users.email as actor_email",
      "org.id as org_id",
      "org.name_vi as org_name_vi",
      "org.name_en as org_name_en",
    ])
    .orderBy("audit_log.seq", "desc");
}

type EntryRef = { entity_type: string; entity_id: string | null };

/** The slug of the event each event, registration, agenda item or speaker entry belongs to. */
async function eventSlugs(db: DB, rows: EntryRef[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && r.entity_id).map((r) => r.entity_id!))];
  const viaEvent = async (table: "registrations" | "agenda_items" | "speakers", type: string) => {
    const wanted = ids(type);
    return wanted.length
      ? db.selectFrom(table).innerJoin("events", "events.id", `${table}.event_id`).select([`${table}.id as id`, "events.slug"]).where(`${table}.id`, "in", wanted).execute()
      : [];
  };
  const events = ids("event");
  const found = await Promise.all([
    events.length ? db.selectFrom("events").select(["id", "slug"]).where("id", "in", events).execute() : [],
    viaEvent("registrations", "registration"),
    viaEvent("agenda_items", "agenda_item"),
    viaEvent("speakers", "speaker"),
  ]);
  const slugs = new Map<string, string>();
  for (const list of found) for (const r of list) slugs.set(r.id, r.slug);
  return slugs;
}

/** Where a staff reader opens the object of an entry, when it has a page. */
function objectHref(row: EntryRef, slugs: Map<string, string>): string | null {
  const id = row.entity_id;
  if (!id) return null;
  const slug = slugs.get(id);
  switch (row.entity_type) {
    case "mou":
      return `/mous/${id}`;
    case "organization":
      return `/orgs/${id}`;
    case "commitment":
      return `/commitments/${id}`;
    case "outbox":
      return `/admin/outbox/${id}`;
    case "job":
      return "/admin/jobs";
    case "event":
      return slug ? `/manage/events/${slug}` : null;
    case "registration":
      return slug ? `/manage/events/${slug}/registrations` : null;
    case "agenda_item":
      return slug ? `/manage/events/${slug}/agenda` : null;
    case "speaker":
      return slug ? `/manage/events/${slug}/speakers` : null;
    default:
      return null;
  }
}

/** One page of the filtered log, newest first, with the count and a link to each entry's object. */
export async function listAuditEntries(db: DB, filter: AuditFilter, page: number) {
  const [rows, total] = await Promise.all([
    entriesWithActors(db, filter).limit(PAGE_SIZE).offset(pageOffset(page)).execute(),
    filteredEntries(db, filter).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  const slugs = await eventSlugs(db, rows);
  return { rows: rows.map((r) => ({ ...r, seq: Number(r.seq), href: objectHref(r, slugs) })), total: Number(total.n) };
}

/** The action codes and object types the log holds, for the filter form, and the whole log's length. */
export async function loadAuditChoices(db: DB) {
  const [actions, types, entries] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").limit(CHOICES).execute(),
    db.selectFrom("audit_log").select("entity_type").distinct().orderBy("entity_type").limit(CHOICES).execute(),
    db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { actions: actions.map((a) => a.action), types: types.map((t) => t.entity_type), entries: Number(entries.n) };
}

/** The filtered log as CSV (UTF-8 with BOM), headed in the reader's language, times in Vietnam's. */
export async function auditCsv(db: DB, filter: AuditFilter, locale: Locale): Promise<string> {
  const t = translator(locale);
  const rows = await entriesWithActors(db, filter).limit(CSV_ROWS).execute();
  const header = [
    t("admin.audit.seq"),
    t("admin.audit.atVietnam"),
    t("admin.audit.actor"),
    t("admin.audit.actorEmail"),
    t("admin.audit.organization"),
    t("admin.audit.action"),
    t("admin.audit.actionCode"),
    t("admin.audit.entity"),
    t("admin.audit.entityId"),
    t("admin.audit.before"),
    t("admin.audit.after"),
    t("admin.audit.ip"),
  ];
  return csvDocument(
    header,
    rows.map((r) => [
      String(r.seq),
      isoToVietnamLocal(r.at).replace("T", " "),
      r.actor_name ?? r.actor_label ?? t("admin.audit.system"),
      r.actor_email ?? "",
      r.org_id ? localized({ name_vi: r.org_name_vi, name_en: r.org_name_en }, "name", locale) : "",
      auditActionLabel(t, r.action),
      r.action,
      auditTypeLabel(t, r.entity_type),
      r.entity_id ?? "",
      r.before ?? "",
      r.after ?? "",
      r.ip ?? "",
    ]),
  );
}
