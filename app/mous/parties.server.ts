import { recordAudit } from "~/audit/audit-log.server";
import { can, orgIdsOf, type Actor } from "~/auth/permissions.server";
import { retireCommitments } from "~/commitments/commitments.server";
import { portalOrigin } from "~/config.server";
import { localized } from "~/i18n/translate";
import { DomainError } from "~/lib/domain-error";
import { nowIso } from "~/lib/time";
import type { DB, Trx, Tx } from "~db/schema";
import { listOrganizationNames } from "~/orgs/organizations.server";
import { hasOpenEmailInvitation } from "./email-invitations.server";
import { listParties } from "./mous.server";
import { mailAboutMou, organizationAdmins, partyMembers } from "./notify.server";

type Acting = { user: { id: string; name: string }; ip: string };

async function organizationName(trx: Trx, orgId: string) {
  return trx.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", orgId).executeTakeFirstOrThrow();
}

/**
 * Asks the admins of organizations newly named as parties whether they take part, each in their
 * language, with a link to where they accept or decline. Queued in the caller's transaction.
 */
export async function inviteParties(trx: Tx, mouId: string, orgIds: string[], inviter: { name: string }, leadOrgId: string) {
  if (!orgIds.length) return;
  const mou = await trx.selectFrom("mous").select(["reference", "title_vi", "title_en"]).where("id", "=", mouId).executeTakeFirstOrThrow();
  const lead = await organizationName(trx, leadOrgId);
  for (const orgId of orgIds) {
    const invited = await organizationName(trx, orgId);
    await mailAboutMou(trx, await organizationAdmins(trx, orgId), {
      kind: "mou_party_invitation",
      prefix: "mous.mail.partyInvite",
      mou,
      url: `${portalOrigin()}/mous/${mouId}/invitation`,
      params: { inviter: inviter.name },
      localParams: (locale) => ({ lead: localized(lead, "name", locale), organization: localized(invited, "name", locale) }),
    });
  }
}

/** The pending party of this organization, or a conflict when there is none (already answered, or removed). */
async function requirePendingParty(trx: Trx, mouId: string, orgId: string) {
  const party = await trx
    .selectFrom("mou_parties")
    .select(["id", "org_id"])
    .where("mou_id", "=", mouId)
    .where("org_id", "=", orgId)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  if (!party) throw new DomainError("conflict");
  return party;
}

/** An admin accepts for their organization: from now on its members see the MoU and take part in it. */
export async function acceptParty(db: DB, acting: Acting, mouId: string, orgId: string) {
  await db.transaction().execute(async (trx) => {
    const party = await requirePendingParty(trx, mouId, orgId);
    await trx.updateTable("mou_parties").set({ accepted_at: nowIso() }).where("id", "=", party.id).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.party_accepted", entityType: "mou", entityId: mouId, after: { org: orgId }, ip: acting.ip });
  });
}

/**
 * An admin declines for their organization: it stops being a party, the commitments written for it
 * leave the text, and the lead party is told.
 */
export async function declineParty(db: DB, acting: Acting, mouId: string, orgId: string) {
  await db.transaction().execute(async (trx) => {
    const party = await requirePendingParty(trx, mouId, orgId);
    const at = nowIso();
    const commitments = await trx.selectFrom("commitments").select("id").where("mou_id", "=", mouId).where("org_id", "=", orgId).where("cancelled_at", "is", null).execute();
    await retireCommitments(trx, mouId, commitments.map((c) => c.id), at);
    await trx.deleteFrom("mou_parties").where("id", "=", party.id).execute();
    await trx.updateTable("mous").set({ updated_at: at }).where("id", "=", mouId).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.party_declined", entityType: "mou", entityId: mouId, after: { org: orgId }, ip: acting.ip });
    const mou = await trx.selectFrom("mous").select(["reference", "title_vi", "title_en"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    const lead = await trx.selectFrom("mou_parties").select("org_id").where("mou_id", "=", mouId).where("is_lead", "=", 1).execute();
    const declined = await organizationName(trx, orgId);
    await mailAboutMou(trx, await partyMembers(trx, mouId, { orgIds: lead.map((l) => l.org_id) }), {
      kind: "mou_party_declined",
      prefix: "mous.mail.partyDeclined",
      mou,
      url: `${portalOrigin()}/mous/${mouId}`,
      localParams: (locale) => ({ organization: localized(declined, "name", locale) }),
    });
  });
}

/**
 * What an admin of an invited organization sees before answering: the MoU's reference and title,
 * who leads it, and the organizations they answer for; not its text. Someone who already takes part
 * is told so (the MoU is theirs to read). Someone invited by email, not yet answering for an
 * organization that is party, chooses one of the organizations they administer (or registers one
 * first); anyone else gets the not-found of an MoU that does not exist.
 */
export async function requireInvitation(db: DB, actor: Actor, mouId: string) {
  const mou = await db.selectFrom("mous").select(["id", "reference", "title_vi", "title_en", "is_sample"]).where("id", "=", mouId).executeTakeFirst();
  if (!actor.user || !mou) throw new DomainError("notFound");
  const parties = await listParties(db, mouId);
  const invited = parties.filter((party) => can(actor, { action: "mou.respond", party }));
  const lead = parties.find((p) => Number(p.is_lead) === 1);
  if (!invited.length) {
    if (can(actor, { action: "mou.read", parties })) return { kind: "takingPart" as const };
    if (!actor.user.emailVerified || !(await hasOpenEmailInvitation(db, mouId, actor.user.email))) throw new DomainError("notFound");
    const eligible = orgIdsOf(actor, "admin").filter((id) => !parties.some((p) => p.org_id === id));
    return {
      kind: "byEmail" as const,
      mou,
      lead: lead ? { name_vi: lead.name_vi, name_en: lead.name_en } : null,
      organizations: await listOrganizationNames(db, eligible),
    };
  }
  return {
    kind: "invited" as const,
    mou,
    lead: lead ? { name_vi: lead.name_vi, name_en: lead.name_en } : null,
    invited: invited.map((p) => ({ org_id: p.org_id, name_vi: p.name_vi, name_en: p.name_en })),
  };
}
