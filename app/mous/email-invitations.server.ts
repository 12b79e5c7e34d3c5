import { recordAudit } from "~/audit/audit-log.server";
import { portalOrigin } from "~/config.server";
import type { Locale } from "~/i18n/locale";
import { localized } from "~/i18n/translate";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Trx } from "~db/schema";
import { mailAboutMou } from "./notify.server";
import { isEditableStatus } from "./status";

type Acting = { user: { id: string; name: string }; ip: string };

async function requireEditableMou(trx: Trx, mouId: string) {
  const mou = await trx.selectFrom("mous").select(["id", "status", "reference", "title_vi", "title_en"]).where("id", "=", mouId).executeTakeFirst();
  if (!mou) throw new DomainError("notFound");
  if (!isEditableStatus(mou.status)) throw new DomainError("conflict");
  return mou;
}

/**
 * The lead invites a partner not yet on the portal by its representative's address. Nothing of the
 * draft is shared yet: the invitee names their organization, which then becomes a pending party
 * and sees the draft only once one of its admins accepts.
 */
export async function invitePartnerByEmail(db: DB, acting: Acting, mouId: string, email: string, inviterLocale: Locale) {
  await db.transaction().execute(async (trx) => {
    const mou = await requireEditableMou(trx, mouId);
    const open = await trx.selectFrom("mou_email_invitations").select("id").where("mou_id", "=", mouId).where("email", "=", email).where("answered_at", "is", null).executeTakeFirst();
    if (!open) {
      await trx.insertInto("mou_email_invitations").values({ id: newId(), mou_id: mouId, email, invited_by: acting.user.id, org_id: null, created_at: nowIso(), answered_at: null }).execute();
    }
    const lead = await trx
      .selectFrom("mou_parties")
      .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
      .select(["organizations.name_vi", "organizations.name_en"])
      .where("mou_parties.mou_id", "=", mouId)
      .where("mou_parties.is_lead", "=", 1)
      .executeTakeFirstOrThrow();
    const account = await trx.selectFrom("users").select(["name", "locale"]).where("email", "=", email).executeTakeFirst();
    await mailAboutMou(trx, [{ email, name: account?.name ?? email, locale: account?.locale ?? inviterLocale }], {
      kind: "mou_partner_invitation",
      prefix: "mous.mail.partnerInvite",
      mou,
      url: `${portalOrigin()}/mous/${mouId}/invitation`,
      params: { inviter: acting.user.name },
      localParams: (locale) => ({ lead: localized(lead, "name", locale) }),
    });
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.partner_invited", entityType: "mou", entityId: mouId, after: { email }, ip: acting.ip });
  });
}

/** The addresses invited to this MoU that have not named an organization yet, oldest first. */
export async function listOpenEmailInvitations(db: DB, mouId: string) {
  return db
    .selectFrom("mou_email_invitations")
    .select(["id", "email", "created_at"])
    .where("mou_id", "=", mouId)
    .where("answered_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .limit(50)
    .execute();
}

/** Whether this confirmed address has an invitation to this MoU still waiting for an organization. */
export async function hasOpenEmailInvitation(db: DB, mouId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("mou_email_invitations")
    .select("id")
    .where("mou_id", "=", mouId)
    .where("email", "=", email.toLowerCase())
    .where("answered_at", "is", null)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * The invitee names the organization they answer for (the caller checks they are its admin): it
 * becomes a pending party, to be accepted like any other.
 */
export async function chooseInvitedOrganization(db: DB, acting: Acting & { email: string }, mouId: string, orgId: string) {
  await db.transaction().execute(async (trx) => {
    await requireEditableMou(trx, mouId);
    const invitation = await trx
      .selectFrom("mou_email_invitations")
      .select("id")
      .where("mou_id", "=", mouId)
      .where("email", "=", acting.email.toLowerCase())
      .where("answered_at", "is", null)
      .executeTakeFirst();
    if (!invitation) throw new DomainError("notFound");
    const parties = await trx.selectFrom("mou_parties").select(["org_id", "sort_order"]).where("mou_id", "=", mouId).execute();
    if (parties.some((p) => p.org_id === orgId)) throw new DomainError("conflict");
    const at = nowIso();
    const sortOrder = Math.max(-1, ...parties.map((p) => Number(p.sort_order))) + 1;
    await trx.insertInto("mou_parties").values({ id: newId(), mou_id: mouId, org_id: orgId, is_lead: 0, sort_order: sortOrder, accepted_at: null }).execute();
    await trx.updateTable("mou_email_invitations").set({ org_id: orgId, answered_at: at }).where("id", "=", invitation.id).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.partner_named", entityType: "mou", entityId: mouId, after: { org: orgId }, ip: acting.ip });
  });
}
