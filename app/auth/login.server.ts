import { recordAudit } from "~/audit/audit-log.server";
import type { DB } from "~db/schema";
import { verifyPasswordOrDummy } from "./password.server";
import { guardPassword } from "./throttle.server";

/**
 * The user whose password matches, or null; the same answer, after the same work, for a wrong
 * password, an unknown email, an account without a password and a disabled one.
 */
export async function authenticate(db: DB, email: string, password: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "locale", "password_hash", "is_staff", "is_organizer", "disabled_at", "email_verified_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const usable = user && !user.disabled_at ? user : null;
  return (await verifyPasswordOrDummy(usable?.password_hash ?? null, password)) ? usable : null;
}

type AuthenticatedUser = NonNullable<Awaited<ReturnType<typeof authenticate>>>;

export type SignInResult =
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "failed" }
  | { kind: "unverified"; user: AuthenticatedUser }
  | { kind: "ok"; user: AuthenticatedUser };

/**
 * One sign-in attempt under the throttle (refused unheard while this account at this address, or
 * this address, must wait), written to the audit log whatever the outcome.
 */
export async function signIn(db: DB, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const guarded = await guardPassword(db, { email: input.email, ip: input.ip, actorId: null, purpose: "login" }, () =>
    authenticate(db, input.email, input.password)
  );
  if (guarded.kind !== "ok") return guarded;
  const user = guarded.value;
  if (!user.email_verified_at) return { kind: "unverified", user };
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, {
        actorId: user.id,
        actorLabel: user.email,
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        ip: input.ip,
      })
    );
  return { kind: "ok", user };
}

/** Where each role works: staff watch the dashboard, organizers run events, companies their MoUs. */
/** Signing out is in the audit log beside signing in. */
export async function recordLogout(db: DB, user: { id: string; email: string }, ip: string): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "auth.logout", entityType: "user", entityId: user.id, ip }),
  );
}

export function homeFor(user: { is_staff: number; is_organizer: number }): string {
  if (Number(user.is_staff)) return "/dashboard";
  if (Number(user.is_organizer)) return "/manage/events";
  return "/mous";
}
