import { redirect, type AppLoadContext } from "@remix-run/node";
import type { ExpressionBuilder } from "kysely";
import { getDb } from "~/db.server";
import { DomainError } from "~/lib/domain-error";
import { isEditableStatus } from "~/mous/status";
import type { Database, DB, EventOrgRole, MembershipRole, MouStatus } from "~db/schema";
import { bearerToken, findApiTokenUser } from "~/api/tokens.server";
import type { SessionUser } from "./lucia.server";

/**
 * The one place that decides what a user may do. Every loader and action asks `can` (or a
 * `require…` helper built on it); a hidden button is never the check.
 */
export type Actor = {
  user: SessionUser | null;
  memberships: { org_id: string; role: MembershipRole }[];
};

export type SignedInActor = Actor & { user: SessionUser };

type Args = { request: Request; context: AppLoadContext };

/** The current user and their organizations, loaded once per request. */
export async function getActor({ context }: { context: AppLoadContext }): Promise<Actor> {
  const cached = context.memo.get("actor") as Actor | undefined;
  if (cached) return cached;
  const user = context.user;
  const actor: Actor = { user, memberships: user ? await loadMemberships(getDb(), user.id) : [] };
  context.memo.set("actor", actor);
  return actor;
}

function loadMemberships(db: DB, userId: string) {
  return db.selectFrom("memberships").select(["org_id", "role"]).where("user_id", "=", userId).execute();
}

/** A user's actor outside a request (a command-line task), with their memberships as they are now. */
export async function loadActor(db: DB, user: SessionUser): Promise<SignedInActor> {
  return { user, memberships: await loadMemberships(db, user.id) };
}

/**
 * The read API's actor: the owner of a live bearer token, with their roles and memberships as they
 * are now, so a token reads what its owner may read today. The session cookie is never looked at:
 * the API is token-only, so a page a signed-in browser is made to fetch gets a 401 (decision 0022).
 */
export async function getApiActor(request: Request): Promise<SignedInActor | null> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) return null;
  const db = getDb();
  const user = await findApiTokenUser(db, token);
  return user ? loadActor(db, user) : null;
}

/** The actor again after a change to their own memberships in this request. */
export async function reloadActor({ context }: { context: AppLoadContext }): Promise<Actor> {
  context.memo.delete("actor");
  return getActor({ context });
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

/** Signed in, or off to /login with a way back. */
export async function requireActor(args: Args): Promise<SignedInActor> {
  const actor = await getActor(args);
  if (!actor.user) throw loginRedirect(args.request);
  return actor as SignedInActor;
}

/** For pages a signed-in user has no business on (login, sign-up). */
export function requireAnonymous({ context }: { context: AppLoadContext }, to = "/"): void {
  if (context.user) throw redirect(to);
}

export function orgIdsOf(actor: Actor, role?: MembershipRole): string[] {
  return actor.memberships.filter((m) => !role || m.role === role).map((m) => m.org_id);
}

export function isMemberOf(actor: Actor, orgId: string): boolean {
  return actor.memberships.some((m) => m.org_id === orgId);
}

export function isOrgAdmin(actor: Actor, orgId: string): boolean {
  return actor.memberships.some((m) => m.org_id === orgId && m.role === "admin");
}

/** A party to an MoU as the rules see it: its organization, and when one of its admins accepted. */
export type PartyStanding = { org_id: string; accepted_at: string | null };

/**
 * The organizations that take part in an MoU: those whose party has accepted. A party named by
 * someone else sees nothing of the MoU until one of its admins agrees to it.
 */
function takingPart(parties: PartyStanding[]): string[] {
  return parties.filter((p) => p.accepted_at !== null).map((p) => p.org_id);
}

/**
 * The list side of `mou.read` and `commitment.read`, as a subquery of MoU ids ("all" for staff,
 * "none" for someone of no organization). Lists filter with it and pages ask `can`, on the same
 * rule, so a list and a page cannot disagree.
 */
export function readableMouIds(db: DB, actor: Actor) {
  if (actor.user?.isStaff) return "all" as const;
  const orgIds = orgIdsOf(actor);
  if (!actor.user || !orgIds.length) return "none" as const;
  return db.selectFrom("mou_parties").select("mou_parties.mou_id").where("mou_parties.org_id", "in", orgIds).where("mou_parties.accepted_at", "is not", null);
}

/**
 * The list side of `mou.sign`, as a filter on `signatories`: the rows designated to the actor, by
 * linked account or, for an invitation by email, by their verified address.
 */
export function designatedTo(user: SessionUser) {
  return (eb: ExpressionBuilder<Database, "signatories">) =>
    eb.or([
      eb("signatories.user_id", "=", user.id),
      ...(user.emailVerified ? [eb.and([eb("signatories.user_id", "is", null), eb("signatories.email", "=", user.email.toLowerCase())])] : []),
    ]);
}

/** Organizations in these roles run an event with its creator; sponsors and partners only appear on it. */
export const MANAGING_ROLES: EventOrgRole[] = ["host", "co_organizer"];

/**
 * The list side of `event.manage`, as a subquery of event ids ("all" for staff, "none" for someone
 * who may not manage events at all): the same rule as the page's check, so the organizer's list
 * never shows an event the page refuses, nor hides one it opens.
 */
export function manageableEventIds(db: DB, actor: Actor) {
  const user = actor.user;
  if (user?.isStaff) return "all" as const;
  if (!user?.isOrganizer) return "none" as const;
  const orgIds = orgIdsOf(actor);
  return db
    .selectFrom("events")
    .select("events.id")
    .where((eb) =>
      eb.or([
        eb("events.created_by", "=", user.id),
        ...(orgIds.length
          ? [eb("events.id", "in", eb.selectFrom("event_organizations").select("event_id").where("org_id", "in", orgIds).where("role", "in", MANAGING_ROLES))]
          : []),
      ]),
    );
}

/** The list side of `event.delegate`: the organizations the actor may register a delegation for. */
export function delegatingOrgIds(actor: Actor): string[] {
  return actor.user ? orgIdsOf(actor) : [];
}

export type Permission =
  | { action: "admin.access" }
  | { action: "dashboard.read" }
  | { action: "event.create" }
  | { action: "event.manage"; event: { created_by: string | null; hostOrgIds: string[] } }
  | { action: "event.delegate"; orgId: string }
  | { action: "user.manage" }
  | { action: "outbox.manage" }
  | { action: "jobs.manage" }
  | { action: "audit.read" }
  | { action: "api.token.create" }
  | { action: "org.create" }
  | { action: "org.edit"; orgId: string }
  | { action: "org.verify" }
  | { action: "org.members.manage"; orgId: string }
  | { action: "org.scorecard"; orgId: string }
  | { action: "org.register" }
  | { action: "org.join" }
  | { action: "org.join.decide"; orgId: string }
  | { action: "mou.create" }
  | { action: "mou.read"; parties: PartyStanding[] }
  | { action: "mou.edit"; parties: PartyStanding[]; status: MouStatus }
  | { action: "mou.comment"; parties: PartyStanding[]; status: MouStatus }
  | { action: "mou.thread.resolve"; parties: PartyStanding[]; status: MouStatus; leadOrgId: string | null; authorId: string }
  | { action: "mou.lead"; leadOrgId: string | null }
  | { action: "mou.parties"; leadOrgId: string | null; status: MouStatus }
  | { action: "mou.respond"; party: PartyStanding }
  | { action: "mou.signatories"; partyOrgId: string; status: MouStatus }
  | { action: "mou.sign"; signatory: { user_id: string | null; email: string } }
  | { action: "commitment.read"; parties: PartyStanding[] }
  | { action: "commitment.report"; ownerOrgId: string; inForce: boolean }
  | { action: "commitment.plan"; ownerOrgId: string; inForce: boolean }
  | { action: "commitment.contact"; ownerOrgId: string; inForce: boolean }
  | { action: "commitment.confirm"; ownerOrgId: string; parties: PartyStanding[]; inForce: boolean }
  | { action: "commitment.comment"; parties: PartyStanding[] };

export function can(actor: Actor, permission: Permission): boolean {
  const user = actor.user;
  if (!user) return false;
  switch (permission.action) {
    case "admin.access":
    case "dashboard.read":
    case "user.manage":
    case "outbox.manage":
    case "jobs.manage":
    case "audit.read":
    case "org.create":
    case "org.verify":
      return user.isStaff;
    case "event.create":
      return user.isStaff || user.isOrganizer;
    case "event.manage":
      return (
        user.isStaff ||
        (user.isOrganizer &&
          (permission.event.created_by === user.id || permission.event.hostOrgIds.some((id) => isMemberOf(actor, id))))
      );
    case "event.delegate":
      // Any member, not only its admins: people register their colleagues for an event.
      return isMemberOf(actor, permission.orgId);
    case "org.edit":
    case "org.members.manage":
      return user.isStaff || isOrgAdmin(actor, permission.orgId);
    case "api.token.create":
      // Those who answer for what a script reads: staff, and an organization's admins for their organization.
      return user.isStaff || actor.memberships.some((m) => m.role === "admin");
    case "org.scorecard":
      // Its record as a partner is for staff and its own people, not for other companies.
      return user.isStaff || isMemberOf(actor, permission.orgId);
    case "org.register":
    case "org.join":
      // An organization is answered for by a reachable person: the address must be confirmed first.
      return user.emailVerified;
    case "org.join.decide":
      // Who joins an organization is for its own admins, not staff: they know their people.
      return isOrgAdmin(actor, permission.orgId);
    case "mou.create":
      return actor.memberships.length > 0;
    case "mou.read":
      return user.isStaff || takingPart(permission.parties).some((id) => isMemberOf(actor, id));
    case "mou.edit":
    case "mou.comment":
      return isEditableStatus(permission.status) && takingPart(permission.parties).some((id) => isMemberOf(actor, id));
    case "mou.thread.resolve":
      // Whoever raised the point, the lead party that answers for the text, or staff who moderate;
      // another party may reply but not close someone else's point. Once frozen, the thread is record.
      if (!isEditableStatus(permission.status)) return false;
      if (user.isStaff) return true;
      if (!takingPart(permission.parties).some((id) => isMemberOf(actor, id))) return false;
      return permission.authorId === user.id || (permission.leadOrgId !== null && isMemberOf(actor, permission.leadOrgId));
    case "mou.lead":
      // Sharing, sending for signature and amending belong to the lead party's members.
      return permission.leadOrgId !== null && isMemberOf(actor, permission.leadOrgId);
    case "mou.parties":
      // Who is party, and who leads, is the lead party's to decide: other parties edit the text only.
      return isEditableStatus(permission.status) && permission.leadOrgId !== null && isMemberOf(actor, permission.leadOrgId);
    case "mou.respond":
      // An organization is bound by an agreement only when one of its admins says yes.
      return permission.party.accepted_at === null && isOrgAdmin(actor, permission.party.org_id);
    case "mou.signatories":
      // Each party names its own signatories, before the text is frozen.
      return isEditableStatus(permission.status) && isMemberOf(actor, permission.partyOrgId);
    case "mou.sign":
      // Only the designated person: the linked account, or (invited by email) the account with that verified address.
      return permission.signatory.user_id
        ? permission.signatory.user_id === user.id
        : user.emailVerified && permission.signatory.email.toLowerCase() === user.email.toLowerCase();
    case "commitment.read":
    case "commitment.comment":
      return user.isStaff || takingPart(permission.parties).some((id) => isMemberOf(actor, id));
    case "commitment.report":
    case "commitment.plan":
      // Only the organization that made the promise reports on it and plans its steps, and only while the MoU is in force.
      return permission.inForce && isMemberOf(actor, permission.ownerOrgId);
    case "commitment.contact":
      // Whom reminders go to is the owner organization's call, made by its admins.
      return permission.inForce && isOrgAdmin(actor, permission.ownerOrgId);
    case "commitment.confirm":
      // Someone other than the reporter vouches for a report: another party taking part, or staff.
      if (!permission.inForce) return false;
      return user.isStaff || takingPart(permission.parties).some((id) => id !== permission.ownerOrgId && isMemberOf(actor, id));
  }
}

/**
 * Refuses (403) when the actor may not; as not found (404) instead where even the thing's
 * existence is private (someone else's MoU), so that a refusal tells nothing.
 */
export function requirePermission(actor: Actor, permission: Permission, options: { hideAs404?: boolean } = {}): void {
  if (can(actor, permission)) return;
  throw new DomainError(options.hideAs404 ? "notFound" : "forbidden");
}
