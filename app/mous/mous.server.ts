import { can, readableMouIds, type Actor } from "~/auth/permissions.server";
import { DomainError } from "~/lib/domain-error";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import type { DB, Mou, Trx } from "~db/schema";
import { listDraftMilestones } from "./draft-milestones.server";
import { listPartiesOf } from "./public-mous.server";

/**
 * One page of the MoUs an actor may see, the latest changed first, and how many there are: staff
 * see all; anyone else only those their organizations take part in. The ownership is in the query,
 * so nothing else is ever loaded.
 */
export async function listMousFor(db: DB, actor: Actor, page = 1) {
  const readable = readableMouIds(db, actor);
  if (readable === "none") return { rows: [], total: 0 };
  const base = readable === "all" ? db.selectFrom("mous") : db.selectFrom("mous").where("mous.id", "in", readable);
  const [mous, total] = await Promise.all([
    base
      .select(["mous.id", "mous.reference", "mous.status", "mous.title_vi", "mous.title_en", "mous.visibility", "mous.updated_at", "mous.is_sample"])
      .orderBy("mous.updated_at", "desc")
      .orderBy("mous.id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  const parties = mous.length ? await listPartiesOf(db, mous.map((m) => m.id)) : [];
  return { rows: mous.map((m) => ({ ...m, parties: parties.filter((p) => p.mou_id === m.id) })), total: Number(total.n) };
}

export async function listParties(db: DB, mouId: string) {
  return db
    .selectFrom("mou_parties")
    .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
    .select([
      "mou_parties.id",
      "mou_parties.org_id",
      "mou_parties.is_lead",
      "mou_parties.accepted_at",
      "organizations.name_vi",
      "organizations.name_en",
      "organizations.short_name",
      "organizations.logo_file_id",
      "organizations.verified",
    ])
    .where("mou_parties.mou_id", "=", mouId)
    .orderBy("mou_parties.sort_order")
    .execute();
}

export type MouAccess = {
  mou: Mou;
  parties: Awaited<ReturnType<typeof listParties>>;
  leadOrgId: string | null;
};

/**
 * Loads an MoU for someone allowed to read it; anyone else gets a 404, the same answer as for an
 * MoU that does not exist, so a private agreement's existence is not revealed.
 */
export async function requireReadableMou(db: DB, actor: Actor, mouId: string): Promise<MouAccess> {
  const notFound = new DomainError("notFound");
  if (!actor.user) throw notFound;
  const mou = await db.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirst();
  if (!mou) throw notFound;
  const parties = await listParties(db, mouId);
  if (!can(actor, { action: "mou.read", parties })) throw notFound;
  return { mou, parties, leadOrgId: parties.find((p) => Number(p.is_lead) === 1)?.org_id ?? null };
}

/** The event where an MoU is signed, for its page to link to; null when none is set. */
export async function findMouEvent(db: DB, mou: Pick<Mou, "event_id">) {
  if (!mou.event_id) return null;
  return (await db.selectFrom("events").select(["slug", "title_vi", "title_en"]).where("id", "=", mou.event_id).executeTakeFirst()) ?? null;
}

export async function loadWorkingText(db: DB, mouId: string) {
  const [clauses, commitments] = await Promise.all([
    db.selectFrom("mou_clauses").selectAll().where("mou_id", "=", mouId).orderBy("position").execute(),
    db.selectFrom("commitments").selectAll().where("mou_id", "=", mouId).where("cancelled_at", "is", null).orderBy("sort_order").execute(),
  ]);
  const milestones = await listDraftMilestones(db, commitments.map((c) => c.id));
  return { clauses, commitments: commitments.map((c) => ({ ...c, milestones: milestones.filter((m) => m.commitment_id === c.id) })) };
}

export async function listVersions(db: DB, mouId: string) {
  return db
    .selectFrom("mou_versions")
    .leftJoin("users", "users.id", "mou_versions.created_by")
    .leftJoin("agreements", "agreements.version_id", "mou_versions.id")
    .select([
      "mou_versions.id",
      "mou_versions.number",
      "mou_versions.content_hash",
      "mou_versions.created_at",
      "mou_versions.frozen_at",
      "mou_versions.note",
      "users.name as author",
      "agreements.id as agreement_id",
      "agreements.created_at as sealed_at",
    ])
    .where("mou_versions.mou_id", "=", mouId)
    .orderBy("mou_versions.number", "desc")
    .execute();
}

/** Signatories joined with the organization of the party they sign for. */
export function signatoriesWithOrganization(db: Trx) {
  return db
    .selectFrom("signatories")
    .innerJoin("mou_parties", "mou_parties.id", "signatories.party_id")
    .innerJoin("organizations", "organizations.id", "mou_parties.org_id");
}

export async function listSignatories(db: DB, mouId: string) {
  return signatoriesWithOrganization(db)
    .select([
      "signatories.id",
      "signatories.party_id",
      "signatories.user_id",
      "signatories.name",
      "signatories.title",
      "signatories.email",
      "signatories.sign_order",
      "signatories.status",
      "signatories.signed_at",
      "signatories.declined_at",
      "signatories.decline_reason",
      "signatories.signature_kind",
      "signatories.revocation_status",
      "signatories.revocation_reason",
      "signatories.revocation_note",
      "organizations.id as org_id",
      "organizations.name_vi as org_name_vi",
      "organizations.name_en as org_name_en",
    ])
    .where("signatories.mou_id", "=", mouId)
    .where("signatories.superseded_at", "is", null)
    .orderBy("signatories.sign_order")
    .orderBy("signatories.created_at")
    .execute();
}

export async function listOrganizationsForPicker(db: DB) {
  return db.selectFrom("organizations").select(["id", "name_vi", "name_en"]).orderBy("name_vi").execute();
}

export async function listEventsForPicker(db: DB) {
  return db.selectFrom("events").select(["id", "title_vi", "title_en", "starts_at"]).where("status", "!=", "cancelled").orderBy("starts_at", "desc").execute();
}
