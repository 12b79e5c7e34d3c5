import { recordAudit } from "~/audit/audit-log.server";
import { forUpdate } from "~/db/dialect.server";
import type { Locale } from "~/i18n/locale";
import { formatDate, localized, translator } from "~/i18n/translate";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { addMinutes, nowIso } from "~/lib/time";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import type { DB, MembershipRole, Trx, Tx } from "~db/schema";

export const INVITATION_LIFETIME_MINUTES = 7 * 24 * 60;

type Actor = { id: string; email: string; name: string };

export async function listMembers(db: DB, orgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "memberships.id",
      "memberships.role",
      "memberships.created_at",
      "users.id as user_id",
      "users.name",
      "users.email",
      "users.position",
    ])
    .where("memberships.org_id", "=", orgId)
    .orderBy("memberships.role")
    .orderBy("users.name")
    .execute();
}

export async function listPendingInvitations(db: DB, orgId: string) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "expires_at", "created_at"])
    .where("org_id", "=", orgId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso())
    .orderBy("created_at", "desc")
    .execute();
}

export type InviteResult = { kind: "invited"; invitationId: string } | { kind: "alreadyMember" };

type Invitee = { orgId: string; email: string; role: MembershipRole };
type Inviting = { actor: Actor; origin: string; locale: Locale; ip: string };

/** An invitation on its own, in its own transaction. */
export async function inviteToOrganization(db: DB, input: Invitee, context: Inviting): Promise<InviteResult> {
  return db.transaction().execute((trx) => inviteMember(trx, input, context));
}

/**
 * Invites an address into an organization with a single-use link that expires in a week. A new
 * invitation for the same address replaces the pending one. The email goes in the recipient's
 * language when they have an account, else in the inviter's.
 */
export async function inviteMember(
  trx: Tx,
  input: Invitee,
  context: Inviting
): Promise<InviteResult> {
  const member = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("memberships.id")
    .where("memberships.org_id", "=", input.orgId)
    .where("users.email", "=", input.email)
    .executeTakeFirst();
  if (member) return { kind: "alreadyMember" };
  const now = nowIso();
  await trx
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("org_id", "=", input.orgId)
    .where("email", "=", input.email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  const token = newSecret();
  const id = newId();
  const expiresAt = addMinutes(now, INVITATION_LIFETIME_MINUTES);
  await trx
    .insertInto("invitations")
    .values({
      id,
      org_id: input.orgId,
      email: input.email,
      role: input.role,
      token_hash: sha256Hex(token),
      invited_by: context.actor.id,
      expires_at: expiresAt,
      accepted_at: null,
      revoked_at: null,
      created_at: now,
    })
    .execute();

  const org = await trx.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", input.orgId).executeTakeFirstOrThrow();
  const recipient = await trx.selectFrom("users").select(["name", "locale"]).where("email", "=", input.email).executeTakeFirst();
  const locale = recipient?.locale ?? context.locale;
  const orgName = localized(org, "name", locale);
  const t = translator(locale);
  await enqueueEmail(trx, {
    kind: "invitation",
    to: input.email,
    toName: recipient?.name ?? null,
    locale,
    subject: t("mail.invite.subject", { org: orgName }),
    ...renderEmail({
      locale,
      greeting: recipient ? t("mail.greeting", { name: recipient.name }) : t("mail.greetingAnonymous"),
      heading: t("mail.invite.heading", { org: orgName }),
      paragraphs: [t("mail.invite.body", { inviter: context.actor.name, org: orgName, role: t(`orgs.role.${input.role}`) })],
      action: { label: t("mail.invite.action"), url: `${context.origin}/invitations/${token}` },
      footnote: t("mail.invite.footnote", { date: formatDate(expiresAt, locale, "dateTime") }),
    }),
  });
  await recordAudit(trx, {
    actorId: context.actor.id,
    actorLabel: context.actor.email,
    action: "org.invitation_sent",
    entityType: "organization",
    entityId: input.orgId,
    after: { email: input.email, role: input.role },
    ip: context.ip,
  });
  return { kind: "invited", invitationId: id };
}

export async function revokeInvitation(db: DB, orgId: string, invitationId: string, actor: Actor, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("invitations")
      .set({ revoked_at: nowIso() })
      .where("id", "=", invitationId)
      .where("org_id", "=", orgId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("email")
      .executeTakeFirst();
    if (row)
      await recordAudit(trx, {
        actorId: actor.id,
        actorLabel: actor.email,
        action: "org.invitation_revoked",
        entityType: "organization",
        entityId: orgId,
        before: { email: row.email },
        ip,
      });
  });
}

/**
 * Serializes membership changes of one organization, so that two admins demoting each other at
 * the same moment cannot leave it with none (SQLite already has a single writer).
 */
async function lockOrganization(trx: Tx, orgId: string): Promise<void> {
  await forUpdate(trx, trx.selectFrom("organizations").select("id").where("id", "=", orgId)).execute();
}

async function countAdmins(trx: Trx, orgId: string): Promise<number> {
  const row = await trx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type MembershipChange = "ok" | "notFound" | "lastAdmin";

/** Changes a member's role, or removes them (role null). An organization always keeps at least one admin. */
export async function changeMembership(
  db: DB,
  orgId: string,
  membershipId: string,
  newRole: MembershipRole | null,
  actor: Actor,
  ip: string
): Promise<MembershipChange> {
  return db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const membership = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.id", "memberships.role", "users.email"])
      .where("memberships.id", "=", membershipId)
      .where("memberships.org_id", "=", orgId)
      .executeTakeFirst();
    if (!membership) return "notFound";
    if (membership.role === "admin" && newRole !== "admin" && (await countAdmins(trx, orgId)) <= 1) return "lastAdmin";
    if (newRole) await trx.updateTable("memberships").set({ role: newRole }).where("id", "=", membershipId).execute();
    else await trx.deleteFrom("memberships").where("id", "=", membershipId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.email,
      action: newRole ? "org.member_role_changed" : "org.member_removed",
      entityType: "organization",
      entityId: orgId,
      before: { email: membership.email, role: membership.role },
      after: newRole ? { email: membership.email, role: newRole } : undefined,
      ip,
    });
    return "ok";
  });
}

/** A live invitation (not used, revoked or expired) with its organization, for the page behind the link. */
export async function findInvitation(db: Trx, token: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("organizations", "organizations.id", "invitations.org_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.expires_at",
      "organizations.id as org_id",
      "organizations.name_vi",
      "organizations.name_en",
    ])
    .where("invitations.token_hash", "=", sha256Hex(token))
    .where("invitations.accepted_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .where("invitations.expires_at", ">", nowIso())
    .executeTakeFirst();
}

export type AcceptResult = { kind: "accepted"; orgId: string } | { kind: "invalid" } | { kind: "wrongAccount" };

/**
 * Accepts an invitation for the signed-in user, whose address must be the invited one. The link
 * is used up by a conditional update, so it works once. The link came by email: the address is proven.
 */
export async function acceptInvitation(db: DB, token: string, user: { id: string; email: string }, ip: string): Promise<AcceptResult> {
  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const now = nowIso();
    const invitation = await trx
      .updateTable("invitations")
      .set({ accepted_at: now })
      .where("token_hash", "=", sha256Hex(token))
      .where("email", "=", user.email.toLowerCase())
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .returning(["org_id", "role"])
      .executeTakeFirst();
    if (!invitation) return (await findInvitation(trx, token)) ? { kind: "wrongAccount" } : { kind: "invalid" };
    const existing = await trx
      .selectFrom("memberships")
      .select(["id", "role"])
      .where("org_id", "=", invitation.org_id)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto("memberships")
        .values({ id: newId(), org_id: invitation.org_id, user_id: user.id, role: invitation.role, created_at: now })
        .execute();
    } else if (invitation.role === "admin" && existing.role !== "admin") {
      await trx.updateTable("memberships").set({ role: "admin" }).where("id", "=", existing.id).execute();
    }
    await trx
      .updateTable("users")
      .set((eb) => ({ email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(now)) }))
      .where("id", "=", user.id)
      .execute();
    await recordAudit(trx, {
      actorId: user.id,
      actorLabel: user.email,
      action: "org.invitation_accepted",
      entityType: "organization",
      entityId: invitation.org_id,
      after: { role: invitation.role },
      ip,
    });
    return { kind: "accepted", orgId: invitation.org_id };
  });
}
