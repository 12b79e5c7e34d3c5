import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { portalOrigin } from "~/config.server";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Tx } from "~db/schema";
import { mailOrganizationAdmins } from "./org-mail.server";
import type { JoinDecisionSchema, JoinSettingsSchema } from "./org.schema";

type Joiner = { id: string; email: string; name: string; emailVerified: boolean };

const SEARCH_LIMIT = 20;

/** Organizations a user might belong to, by part of a name or the exact tax code; refused registrations are left out. */
export async function searchOrganizations(db: DB, query: string) {
  const q = query.trim().slice(0, 100);
  if (q.length < 2) return [];
  const digits = q.replace(/[\s.-]/g, "");
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, "")}%`;
  return db
    .selectFrom("organizations")
    .select(["id", "name_vi", "name_en", "province", "verified"])
    .where("rejected_at", "is", null)
    .where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["name_vi"]), "like", pattern),
        eb(eb.fn("lower", ["name_en"]), "like", pattern),
        eb(eb.fn("lower", ["short_name"]), "like", pattern),
        ...(/^\d{10}(\d{3})?$/.test(digits) ? [eb("tax_code", "=", digits)] : []),
      ]),
    )
    .orderBy("name_vi")
    .orderBy("id")
    .limit(SEARCH_LIMIT)
    .execute();
}

/** The domain of an address, lower case. */
function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

async function addMember(trx: Tx, orgId: string, userId: string, at: string) {
  const existing = await trx.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("user_id", "=", userId).executeTakeFirst();
  if (!existing) await trx.insertInto("memberships").values({ id: newId(), org_id: orgId, user_id: userId, role: "member", created_at: at }).execute();
}

/**
 * A user asks to join. When the organization's admins let its email domain in automatically and
 * the user's confirmed address is at that domain, they join at once; otherwise the admins are asked.
 */
export async function requestToJoin(db: DB, user: Joiner, orgId: string, message: string | null, ip: string): Promise<"joined" | "requested" | "already"> {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organizations").select(["email_domain", "auto_join", "rejected_at"]).where("id", "=", orgId).executeTakeFirst();
    if (!org || org.rejected_at) throw new DomainError("notFound");
    const member = await trx.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("user_id", "=", user.id).executeTakeFirst();
    const pending = await trx.selectFrom("join_requests").select("id").where("org_id", "=", orgId).where("user_id", "=", user.id).where("status", "=", "pending").executeTakeFirst();
    if (member || pending) return "already";
    const at = nowIso();
    if (Number(org.auto_join) === 1 && org.email_domain && user.emailVerified && domainOf(user.email) === org.email_domain) {
      await addMember(trx, orgId, user.id, at);
      await recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "org.joined_by_domain", entityType: "organization", entityId: orgId, ip });
      return "joined";
    }
    await trx.insertInto("join_requests").values({ id: newId(), org_id: orgId, user_id: user.id, message, status: "pending", decided_by: null, decided_at: null, created_at: at }).execute();
    await recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "org.join_requested", entityType: "organization", entityId: orgId, ip });
    await mailOrganizationAdmins(trx, orgId, {
      kind: "org_join_request",
      prefix: "orgs.mail.joinRequest",
      url: `${portalOrigin()}/orgs/${orgId}/requests`,
      params: { name: user.name, email: user.email },
    });
    return "requested";
  });
}

const PAGE = 50;

/** Pending requests to join one organization, oldest first, with the count of all of them. */
export async function listJoinRequests(db: DB, orgId: string) {
  const base = db.selectFrom("join_requests").where("join_requests.org_id", "=", orgId).where("join_requests.status", "=", "pending");
  const [rows, total] = await Promise.all([
    base
      .innerJoin("users", "users.id", "join_requests.user_id")
      .select(["join_requests.id", "join_requests.message", "join_requests.created_at", "users.name", "users.email", "users.email_verified_at"])
      .orderBy("join_requests.created_at")
      .orderBy("join_requests.id")
      .limit(PAGE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** An admin decides a pending request of their own organization: approved, the user becomes a member. */
export async function decideJoinRequest(db: DB, admin: { id: string; email: string }, orgId: string, input: z.output<typeof JoinDecisionSchema>, ip: string) {
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    const row = await trx
      .updateTable("join_requests")
      .set({ status: input.decision === "approve" ? "approved" : "declined", decided_by: admin.id, decided_at: at })
      .where("id", "=", input.request_id)
      .where("org_id", "=", orgId)
      .where("status", "=", "pending")
      .returning("user_id")
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    if (input.decision === "approve") await addMember(trx, orgId, row.user_id, at);
    await recordAudit(trx, { actorId: admin.id, actorLabel: admin.email, action: `org.join_${input.decision === "approve" ? "approved" : "declined"}`, entityType: "organization", entityId: orgId, after: { user: row.user_id }, ip });
  });
}

/** The admins set their organization's email domain and whether it lets people in without a request. */
export async function saveJoinSettings(db: DB, admin: { id: string; email: string }, orgId: string, input: z.output<typeof JoinSettingsSchema>, ip: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("organizations").set({ ...input, updated_at: nowIso() }).where("id", "=", orgId).execute();
    await recordAudit(trx, { actorId: admin.id, actorLabel: admin.email, action: "org.join_settings", entityType: "organization", entityId: orgId, after: input, ip });
  });
}
