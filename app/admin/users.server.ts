import { recordAudit } from "~/audit/audit-log.server";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { nowIso } from "~/lib/time";
import type { DB } from "~db/schema";
import type { UserChange } from "./admin.schema";

/** One page of the users whose name or email contains the query, with their organizations, and how many match. */
export async function searchUsers(db: DB, query: string, page = 1) {
  let q = db.selectFrom("users");
  // Wildcards typed by the user are dropped: the two dialects escape them differently.
  const term = query
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, "");
  if (term) {
    const like = `%${term}%`;
    q = q.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb("email", "like", like)]));
  }
  const [users, total] = await Promise.all([
    q
      .select(["id", "name", "email", "is_staff", "is_organizer", "disabled_at", "email_verified_at"])
      .orderBy("name")
      .orderBy("id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  if (!users.length) return { rows: [], total: Number(total.n) };
  const memberships = await db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.org_id")
    .select(["memberships.user_id", "organizations.id as org_id", "organizations.name_vi", "organizations.name_en", "memberships.role"])
    .where(
      "memberships.user_id",
      "in",
      users.map((u) => u.id)
    )
    .execute();
  return { rows: users.map((u) => ({ ...u, orgs: memberships.filter((m) => m.user_id === u.id) })), total: Number(total.n) };
}

/** What each change writes; staff cannot take their own staff role or lock themselves out. */
function changeSet(change: UserChange, now: string) {
  switch (change) {
    case "grantStaff":
      return { is_staff: 1 as const };
    case "revokeStaff":
      return { is_staff: 0 as const };
    case "grantOrganizer":
      return { is_organizer: 1 as const };
    case "revokeOrganizer":
      return { is_organizer: 0 as const };
    case "disable":
      return { disabled_at: now };
    case "enable":
      return { disabled_at: null };
  }
}

export type UserChangeResult = { kind: "ok"; name: string } | { kind: "self" } | { kind: "notFound" };

/** Grants or revokes a role, or disables an account (its sessions stop working at the next request). */
export async function changeUser(
  db: DB,
  userId: string,
  change: UserChange,
  actor: { id: string; email: string },
  ip: string
): Promise<UserChangeResult> {
  if (userId === actor.id && (change === "revokeStaff" || change === "disable")) return { kind: "self" };
  return db.transaction().execute(async (trx): Promise<UserChangeResult> => {
    const before = await trx
      .selectFrom("users")
      .select(["name", "email", "is_staff", "is_organizer", "disabled_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!before) return { kind: "notFound" };
    const now = nowIso();
    const set = changeSet(change, now);
    await trx
      .updateTable("users")
      .set({ ...set, updated_at: now })
      .where("id", "=", userId)
      .execute();
    if (change === "disable") await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.email,
      action: change === "disable" || change === "enable" ? `user.${change}d` : "user.roles_changed",
      entityType: "user",
      entityId: userId,
      before: { is_staff: Number(before.is_staff), is_organizer: Number(before.is_organizer), disabled_at: before.disabled_at },
      after: set,
      ip,
    });
    return { kind: "ok", name: before.name };
  });
}
