import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { INTL_LOCALE, type Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";
import { storeFile, type ImageUpload } from "~/files/files.server";
import { newId } from "~/lib/ids.server";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { nowIso } from "~/lib/time";
import type { DB, Tx } from "~db/schema";
import { inviteMember } from "./members.server";
import type { CreateOrganizationSchema, OrganizationInput } from "./org.schema";

/** Logos: small raster images (PNG, JPEG, WebP, GIF; never SVG). */
export const MAX_LOGO_BYTES = 1024 * 1024;

/** The message for a logo that cannot be used (not an image, too large), or null. */
export function logoError(logo: ImageUpload, locale: Locale): string | null {
  if (logo.kind === "not_image") return translate(locale, "orgs.logo.notImage");
  if (logo.kind === "too_large") return translate(locale, "orgs.logo.tooBig");
  return null;
}

const PROFILE_COLUMNS = [
  "id",
  "name_vi",
  "name_en",
  "short_name",
  "kind",
  "country",
  "province",
  "sector",
  "website",
  "logo_file_id",
  "description_vi",
  "description_en",
  "verified",
  "verified_at",
  "is_sample",
  "rejected_at",
  "email_domain",
  "auto_join",
] as const;

export async function findOrganization(db: DB, id: string) {
  return db.selectFrom("organizations").select(PROFILE_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** The names of these organizations, in Vietnamese alphabetical order. */
export async function listOrganizationNames(db: DB, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom("organizations").select(["id", "name_vi", "name_en"]).where("id", "in", ids).orderBy("name_vi").execute();
}

/** Public events the organization hosted or took part in, newest first. */
export async function listOrganizationEvents(db: DB, orgId: string) {
  return db
    .selectFrom("event_organizations")
    .innerJoin("events", "events.id", "event_organizations.event_id")
    .select(["events.slug", "events.title_vi", "events.title_en", "events.starts_at", "event_organizations.role"])
    .where("event_organizations.org_id", "=", orgId)
    .where("events.status", "in", ["published", "closed", "archived"])
    .orderBy("events.starts_at", "desc")
    .execute();
}

/** One page of every organization by name, with its member count, and how many there are. */
export async function listOrganizations(db: DB, page = 1) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("organizations")
      .select([
        "organizations.id",
        "organizations.name_vi",
        "organizations.name_en",
        "organizations.kind",
        "organizations.verified",
        (eb) => eb.selectFrom("memberships").select((m) => m.fn.countAll().as("n")).whereRef("memberships.org_id", "=", "organizations.id").as("members"),
      ])
      .orderBy("organizations.name_vi")
      .orderBy("organizations.id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    db.selectFrom("organizations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, members: Number(r.members) })), total: Number(total.n) };
}

type Actor = { id: string; email: string };

export async function updateOrganization(
  db: DB,
  orgId: string,
  input: OrganizationInput,
  logo: ImageUpload,
  actor: Actor,
  ip: string
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organizations").select(PROFILE_COLUMNS).where("id", "=", orgId).executeTakeFirstOrThrow();
    const logoFileId =
      logo.kind === "ok"
        ? await storeFile(trx, { kind: "logo", filename: logo.filename, mimeType: logo.mime, content: logo.bytes, createdBy: actor.id })
        : before.logo_file_id;
    const after = { ...input, logo_file_id: logoFileId };
    await trx
      .updateTable("organizations")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", orgId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.email,
      action: "org.updated",
      entityType: "organization",
      entityId: orgId,
      before,
      after,
      ip,
    });
  });
}

/** Staff vouch for an organization (or withdraw it); the badge shows on its profile. */
export async function setOrganizationVerified(db: DB, orgId: string, verified: boolean, actor: Actor, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx
      .updateTable("organizations")
      .set({ verified: verified ? 1 : 0, verified_at: verified ? now : null, verified_by: verified ? actor.id : null, updated_at: now })
      .where("id", "=", orgId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.email,
      action: verified ? "org.verified" : "org.unverified",
      entityType: "organization",
      entityId: orgId,
      ip,
    });
  });
}

async function insertOrganization(trx: Tx, input: OrganizationInput, actor: Actor, ip: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto("organizations")
    .values({ id, ...input, created_at: now, updated_at: now })
    .execute();
  await recordAudit(trx, {
    actorId: actor.id,
    actorLabel: actor.email,
    action: "org.created",
    entityType: "organization",
    entityId: id,
    after: input,
    ip,
  });
  return id;
}

/** Staff create an organization and, in the same transaction, invite its first admin when one is named. */
export async function createOrganization(
  db: DB,
  input: z.output<typeof CreateOrganizationSchema>,
  context: { actor: Actor & { name: string }; origin: string; locale: Locale; ip: string },
): Promise<string> {
  const { admin_email: adminEmail, ...organization } = input;
  return db.transaction().execute(async (trx) => {
    const id = await insertOrganization(trx, organization, context.actor, context.ip);
    if (adminEmail) await inviteMember(trx, { orgId: id, email: adminEmail, role: "admin" }, context);
    return id;
  });
}

/** A country stored as an ISO code ("VN") by its name in the reader's language; free text as it is. */
export function countryName(country: string, locale: Locale): string {
  if (!/^[A-Z]{2}$/.test(country)) return country;
  return new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" }).of(country) ?? country;
}
