import { recordAudit } from "~/audit/audit-log.server";
import type { SessionUser } from "~/auth/lucia.server";
import { DomainError } from "~/lib/domain-error";
import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Tx } from "~db/schema";

/** Says what the secret is to a person or a secret scanner that finds one in a file or a log. */
const TOKEN_PREFIX = "ifp_";
const TOKEN_PATTERN = /^ifp_[A-Za-z0-9_-]{43}$/;
/** Live tokens one person may hold: enough for a few scripts, short enough to list without pages. */
export const MAX_LIVE_TOKENS = 10;
/** `last_used_at` is written at most this often per token, so reading costs no write per request. */
const TOUCH_EVERY_MS = 60_000;

/** The token of an `Authorization: Bearer …` header, or null for anything else (a cookie counts for nothing). */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i.exec(header ?? "");
  return match && TOKEN_PATTERN.test(match[1]) ? match[1] : null;
}

type UserRow = { id: string; email: string; name: string; locale: SessionUser["locale"]; is_staff: number; is_organizer: number; email_verified_at: string | null };

const USER_COLUMNS = ["users.id", "users.email", "users.name", "users.locale", "users.is_staff", "users.is_organizer", "users.email_verified_at"] as const;

function sessionUserOf(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    isStaff: Number(row.is_staff) === 1,
    isOrganizer: Number(row.is_organizer) === 1,
    emailVerified: row.email_verified_at !== null,
  };
}

/** An enabled account by its address, as the session would give it (for `npm run api:token`). */
export async function findEnabledUserByEmail(db: DB, email: string): Promise<SessionUser | null> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("email", "=", email.trim().toLowerCase()).where("disabled_at", "is", null).executeTakeFirst();
  return row ? sessionUserOf(row) : null;
}

/**
 * The owner of a live token, as the session would give them; null when the token is unknown,
 * revoked, or its owner's account is disabled. Marks the token used, at most once a minute.
 */
export async function findApiTokenUser(db: DB, token: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id as token_id", "api_tokens.last_used_at", ...USER_COLUMNS])
    .where("api_tokens.token_hash", "=", sha256Hex(token))
    .where("api_tokens.revoked_at", "is", null)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (!row.last_used_at || Date.parse(row.last_used_at) < now - TOUCH_EVERY_MS) {
    const cutoff = new Date(now - TOUCH_EVERY_MS).toISOString();
    // Conditional, so concurrent requests of one token write once between them.
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.token_id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", cutoff)]))
      .execute();
  }
  return sessionUserOf(row);
}

/** The person's live tokens, newest first: what they see in /account (never the token itself). */
export async function listApiTokens(db: DB, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(MAX_LIVE_TOKENS)
    .execute();
}

export type ApiTokenSummary = Awaited<ReturnType<typeof listApiTokens>>[number];

/** One live token of the person's own, for the revocation's confirmation; someone else's is not found. */
export async function findOwnApiToken(db: DB, userId: string, tokenId: string): Promise<ApiTokenSummary> {
  const token = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!token) throw new DomainError("notFound");
  return token;
}

/** Holds the user's row until the transaction ends, so that two creations count live tokens one after the other. */
async function lockUser(trx: Tx, userId: string): Promise<void> {
  await trx.updateTable("users").set((eb) => ({ updated_at: eb.ref("updated_at") })).where("id", "=", userId).execute();
}

export type TokenCreation = { kind: "created"; id: string; token: string } | { kind: "tooMany" };

/**
 * Creates a token for the user and returns it: the only time it exists outside the caller, as
 * only its SHA-256 is stored. Refused when the user already holds the most live tokens.
 */
export async function createApiToken(db: DB, user: { id: string; email: string }, name: string, ip: string | null): Promise<TokenCreation> {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  return db.transaction().execute(async (trx): Promise<TokenCreation> => {
    await lockUser(trx, user.id);
    const live = await trx
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", user.id)
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_LIVE_TOKENS) return { kind: "tooMany" };
    await trx.insertInto("api_tokens").values({ id, user_id: user.id, name, token_hash: sha256Hex(token), created_at: nowIso(), last_used_at: null, revoked_at: null }).execute();
    await recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "api_token.created", entityType: "api_token", entityId: id, after: { name }, ip });
    return { kind: "created", id, token };
  });
}

/** Revokes one of the person's own live tokens; from the next request on it reads nothing. */
export async function revokeApiToken(db: DB, user: { id: string; email: string }, tokenId: string, ip: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: nowIso() })
      .where("id", "=", tokenId)
      .where("user_id", "=", user.id)
      .where("revoked_at", "is", null)
      .returning("name")
      .executeTakeFirst();
    if (!revoked) throw new DomainError("notFound");
    await recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "api_token.revoked", entityType: "api_token", entityId: tokenId, before: { name: revoked.name }, ip });
  });
}
