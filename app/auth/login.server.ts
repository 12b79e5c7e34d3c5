import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import type { DB } from "~db/schema";
import { verifyPassword } from "./password.server";
import { clearSignInFailures, isSignInThrottled, recordSignInFailure } from "./throttle.server";

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).email(),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().optional(),
});

/** The user whose password matches, or null; the same answer for a wrong password and an unknown email. */
export async function authenticate(db: DB, email: string, password: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "locale", "password_hash", "is_staff", "is_organizer", "disabled_at", "email_verified_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user?.password_hash || user.disabled_at) return null;
  return (await verifyPassword(user.password_hash, password)) ? user : null;
}

type AuthenticatedUser = NonNullable<Awaited<ReturnType<typeof authenticate>>>;

export type SignInResult =
  | { kind: "throttled" }
  | { kind: "failed" }
  | { kind: "unverified"; user: AuthenticatedUser }
  | { kind: "ok"; user: AuthenticatedUser };

/**
 * One sign-in attempt: refused unheard while the email or address is throttled, counted when it
 * fails, and written to the audit log either way.
 */
export async function signIn(db: DB, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  if (await isSignInThrottled(db, input.email, input.ip)) return { kind: "throttled" };
  const user = await authenticate(db, input.email, input.password);
  if (!user) {
    await recordSignInFailure(db, input.email, input.ip);
    await db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, {
          actorId: null,
          actorLabel: input.email,
          action: "auth.login_failed",
          entityType: "user",
          entityId: null,
          ip: input.ip,
        })
      );
    return { kind: "failed" };
  }
  await clearSignInFailures(db, input.email);
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
export function homeFor(user: { is_staff: number; is_organizer: number }): string {
  if (Number(user.is_staff)) return "/dashboard";
  if (Number(user.is_organizer)) return "/manage/events";
  return "/mous";
}
