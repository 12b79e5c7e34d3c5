import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { INTL_LOCALE, type Locale } from "~/i18n/locale";
import { newId, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Trx } from "~db/schema";
import { ORG_KINDS } from "./org-kinds";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

export const OrganizationSchema = z.object({
  name_vi: z.string().trim().min(1).max(200),
  name_en: z.string().trim().min(1).max(200),
  short_name: optional(40),
  kind: z.enum(ORG_KINDS),
  country: z.string().trim().min(1).max(80),
  province: optional(80),
  sector: optional(120),
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), { message: "orgs.website.invalid" }),
  description_vi: optional(4000),
  description_en: optional(4000),
});

export type OrganizationInput = z.output<typeof OrganizationSchema>;

/** Logos: small raster images only. SVG is refused: it can carry scripts. */
export const MAX_LOGO_BYTES = 1024 * 1024;
const IMAGE_SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { mime: "image/gif", test: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
];

export type Logo = { filename: string; mime: string; content: Buffer };

/** Reads an uploaded logo by its first bytes, not by the name or type the browser claims. */
export async function readLogo(
  file: FormDataEntryValue | null
): Promise<{ ok: true; logo: Logo | null } | { ok: false; error: "orgs.logo.notImage" | "orgs.logo.tooBig" }> {
  if (!file || typeof file === "string" || file.size === 0) return { ok: true, logo: null };
  if (file.size > MAX_LOGO_BYTES) return { ok: false, error: "orgs.logo.tooBig" };
  const content = Buffer.from(await file.arrayBuffer());
  const kind = IMAGE_SIGNATURES.find((s) => s.test(content));
  if (!kind) return { ok: false, error: "orgs.logo.notImage" };
  return { ok: true, logo: { filename: (file.name || "logo").slice(0, 200), mime: kind.mime, content } };
}

async function storeLogo(trx: Trx, logo: Logo, userId: string): Promise<string> {
  const id = newId();
  await trx
    .insertInto("files")
    .values({
      id,
      kind: "logo",
      filename: logo.filename,
      mime_type: logo.mime,
      size: logo.content.length,
      sha256: sha256Hex(logo.content),
      content: logo.content,
      created_by: userId,
      created_at: nowIso(),
    })
    .execute();
  return id;
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
] as const;

export async function findOrganization(db: DB, id: string) {
  return db.selectFrom("organizations").select(PROFILE_COLUMNS).where("id", "=", id).executeTakeFirst();
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

export async function listOrganizations(db: DB) {
  const rows = await db
    .selectFrom("organizations")
    .leftJoin("memberships", "memberships.org_id", "organizations.id")
    .select([
      "organizations.id",
      "organizations.name_vi",
      "organizations.name_en",
      "organizations.kind",
      "organizations.verified",
      (eb) => eb.fn.count("memberships.id").as("members"),
    ])
    .groupBy(["organizations.id", "organizations.name_vi", "organizations.name_en", "organizations.kind", "organizations.verified"])
    .orderBy("organizations.name_vi")
    .execute();
  return rows.map((r) => ({ ...r, members: Number(r.members) }));
}

type Actor = { id: string; email: string };

export async function updateOrganization(
  db: DB,
  orgId: string,
  input: OrganizationInput,
  logo: Logo | null,
  actor: Actor,
  ip: string
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organizations").select(PROFILE_COLUMNS).where("id", "=", orgId).executeTakeFirstOrThrow();
    const logoFileId = logo ? await storeLogo(trx, logo, actor.id) : before.logo_file_id;
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

export async function insertOrganization(trx: Trx, input: OrganizationInput, actor: Actor, ip: string): Promise<string> {
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

/** A country stored as an ISO code ("VN") by its name in the reader's language; free text as it is. */
export function countryName(country: string, locale: Locale): string {
  if (!/^[A-Z]{2}$/.test(country)) return country;
  return new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" }).of(country) ?? country;
}
