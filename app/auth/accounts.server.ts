import type { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import type { Locale } from "~/i18n/locale";
import { translator } from "~/i18n/translate";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import type { DB, Tx } from "~db/schema";
import type { ProfileSchema } from "./auth.schema";
import { hashPassword, verifyPasswordOrDummy } from "./password.server";
import { guardPassword, takeMailBudget } from "./throttle.server";
import { consumeToken, issueToken } from "./tokens.server";

type Recipient = { id: string; email: string; name: string; locale: Locale };

/** An audit entry for a change a user made to their own account, labelled with their address. */
async function auditOwnAccount(trx: Tx, userId: string, action: string, ip: string, change: { before?: unknown; after?: unknown } = {}) {
  const user = await trx.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
  await recordAudit(trx, { actorId: userId, actorLabel: user?.email ?? null, action, entityType: "user", entityId: userId, ip, ...change });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "23505" || /UNIQUE constraint failed/i.test(e?.message ?? "");
}

async function sendVerificationEmail(trx: Tx, user: Recipient, origin: string): Promise<void> {
  const token = await issueToken(trx, user.id, "verify_email");
  const t = translator(user.locale);
  await enqueueEmail(trx, {
    kind: "verify_email",
    to: user.email,
    toName: user.name,
    locale: user.locale,
    subject: t("mail.verify.subject"),
    ...renderEmail({
      locale: user.locale,
      greeting: t("mail.greeting", { name: user.name }),
      heading: t("mail.verify.heading"),
      paragraphs: [t("mail.verify.body")],
      action: { label: t("mail.verify.action"), url: `${origin}/verify-email/${token}` },
      footnote: t("mail.verify.footnote"),
    }),
  });
}

export type SignupResult = { kind: "created"; userId: string; verified: boolean } | { kind: "exists" };

/**
 * Creates an account. An address that already has one gets an email saying so, and the page
 * answers exactly as for a new account: sign-up never tells who is registered. Signing up
 * through an invitation proves the address, so that account starts verified.
 */
export async function createAccount(
  db: DB,
  input: { name: string; email: string; password: string; locale: Locale },
  options: { origin: string; ip: string; addressProven: boolean }
): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx): Promise<SignupResult> => {
      const existing = await trx
        .selectFrom("users")
        .select(["id", "email", "name", "locale"])
        .where("email", "=", input.email)
        .executeTakeFirst();
      if (existing) {
        await sendAccountExistsEmail(trx, existing, options.origin);
        return { kind: "exists" };
      }
      const id = newId();
      const now = nowIso();
      await trx
        .insertInto("users")
        .values({
          id,
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          email_verified_at: options.addressProven ? now : null,
          locale: input.locale,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (!options.addressProven) await sendVerificationEmail(trx, { id, ...input }, options.origin);
      await recordAudit(trx, {
        actorId: id,
        actorLabel: input.email,
        action: "account.signup",
        entityType: "user",
        entityId: id,
        after: { name: input.name, email: input.email, locale: input.locale },
        ip: options.ip,
      });
      return { kind: "created", userId: id, verified: options.addressProven };
    });
  } catch (error) {
    // Two sign-ups for one address at the same moment: the second finds the first.
    if (isUniqueViolation(error)) return { kind: "exists" };
    throw error;
  }
}

async function sendAccountExistsEmail(trx: Tx, user: Recipient, origin: string): Promise<void> {
  if (!(await takeMailBudget(trx, "signup", user.email))) return;
  const t = translator(user.locale);
  await enqueueEmail(trx, {
    kind: "account_exists",
    to: user.email,
    toName: user.name,
    locale: user.locale,
    subject: t("mail.exists.subject"),
    ...renderEmail({
      locale: user.locale,
      greeting: t("mail.greeting", { name: user.name }),
      heading: t("mail.exists.heading"),
      paragraphs: [t("mail.exists.body")],
      action: { label: t("mail.exists.action"), url: `${origin}/forgot-password` },
      footnote: t("mail.ignoreIfNotYou"),
    }),
  });
}

/** A fresh confirmation link for an account not yet verified, within the mail budget. */
export async function resendVerification(db: DB, user: Recipient, origin: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await takeMailBudget(trx, "verify", user.email)) await sendVerificationEmail(trx, user, origin);
  });
}

/** Uses a confirmation link; true when the address is now verified. */
export async function verifyEmail(db: DB, token: string, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "verify_email");
    if (!userId) return false;
    const now = nowIso();
    await trx.updateTable("users").set({ email_verified_at: now, updated_at: now }).where("id", "=", userId).execute();
    await auditOwnAccount(trx, userId, "account.email_verified", ip);
    return true;
  });
}

/**
 * Sends a reset link when the address has an active account. The caller answers the same
 * either way, so the answer leaks nothing; a small budget per address stops inbox flooding.
 */
export async function requestPasswordReset(db: DB, address: string, origin: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "email", "name", "locale"])
      .where("email", "=", address)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!user || !(await takeMailBudget(trx, "reset", address))) return;
    const token = await issueToken(trx, user.id, "reset_password");
    const t = translator(user.locale);
    await enqueueEmail(trx, {
      kind: "reset_password",
      to: user.email,
      toName: user.name,
      locale: user.locale,
      subject: t("mail.reset.subject"),
      ...renderEmail({
        locale: user.locale,
        greeting: t("mail.greeting", { name: user.name }),
        heading: t("mail.reset.heading"),
        paragraphs: [t("mail.reset.body")],
        action: { label: t("mail.reset.action"), url: `${origin}/reset-password/${token}` },
        footnote: t("mail.ignoreIfNotYou"),
      }),
    });
  });
}

/**
 * Sets a new password from a reset link; returns the user id, or null when the link is no longer
 * valid. The caller then ends every session of the user: whoever knew the old password is out.
 */
export async function resetPassword(db: DB, token: string, newPassword: string, ip: string): Promise<string | null> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "reset_password");
    if (!userId) return null;
    const now = nowIso();
    // The link came by email, so the address is proven too.
    await trx
      .updateTable("users")
      .set((eb) => ({ password_hash: passwordHash, email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(now)), updated_at: now }))
      .where("id", "=", userId)
      .execute();
    await auditOwnAccount(trx, userId, "account.password_reset", ip);
    return userId;
  });
}

export async function loadAccount(db: DB, userId: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "phone", "position", "locale", "email_verified_at", "is_staff", "is_organizer"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.org_id")
    .select([
      "organizations.id",
      "organizations.name_vi",
      "organizations.name_en",
      "organizations.short_name",
      "organizations.logo_file_id",
      "memberships.role",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("organizations.name_vi")
    .execute();
  return { user, memberships };
}

export async function updateProfile(db: DB, userId: string, profile: z.output<typeof ProfileSchema>, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["name", "phone", "position", "locale"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ ...profile, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await auditOwnAccount(trx, userId, "account.profile_updated", ip, { before, after: profile });
  });
}

/** The language a user's pages and emails follow, as chosen with the language switch. */
export async function saveLocale(db: DB, userId: string, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export type PasswordChange = { kind: "changed" } | { kind: "wrong" } | { kind: "throttled"; retryAfterSeconds: number };

/**
 * Changes the password when the current one is right. The current password is guessed under the
 * same throttle as sign-in: a session left open must not become an unlimited guessing oracle.
 * The caller ends the other sessions.
 */
export async function changePassword(db: DB, userId: string, current: string, next: string, ip: string): Promise<PasswordChange> {
  const user = await db.selectFrom("users").select(["email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const guarded = await guardPassword(db, { email: user.email, ip, actorId: userId, purpose: "password_change" }, async () =>
    (await verifyPasswordOrDummy(user.password_hash, current)) ? true : null
  );
  if (guarded.kind === "throttled") return guarded;
  if (guarded.kind === "failed") return { kind: "wrong" };
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: nowIso() }).where("id", "=", userId).execute();
    await auditOwnAccount(trx, userId, "account.password_changed", ip);
  });
  return { kind: "changed" };
}
