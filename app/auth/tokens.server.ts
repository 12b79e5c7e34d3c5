import { newId, newSecret, sha256Hex } from "~/lib/ids.server";
import { addMinutes, nowIso } from "~/lib/time";
import type { AuthTokenTable, Trx } from "~db/schema";

export type TokenKind = AuthTokenTable["kind"];

/** How long a link stays valid: a password reset for an hour, an address confirmation for two days. */
export const TOKEN_LIFETIME_MINUTES: Record<TokenKind, number> = { reset_password: 60, verify_email: 48 * 60 };

/** Issues a single-use token for an emailed link. Only its hash is stored: a database leak opens no account. */
export async function issueToken(trx: Trx, userId: string, kind: TokenKind): Promise<string> {
  const token = newSecret();
  const now = nowIso();
  await trx
    .insertInto("auth_tokens")
    .values({
      id: newId(),
      user_id: userId,
      kind,
      token_hash: sha256Hex(token),
      expires_at: addMinutes(now, TOKEN_LIFETIME_MINUTES[kind]),
      used_at: null,
      created_at: now,
    })
    .execute();
  return token;
}

/** The user a live token belongs to, without using it up (for showing the page behind the link). */
export async function peekToken(trx: Trx, token: string, kind: TokenKind) {
  return trx
    .selectFrom("auth_tokens")
    .innerJoin("users", "users.id", "auth_tokens.user_id")
    .select(["auth_tokens.id", "users.id as user_id", "users.email", "users.name", "users.locale"])
    .where("auth_tokens.token_hash", "=", sha256Hex(token))
    .where("auth_tokens.kind", "=", kind)
    .where("auth_tokens.used_at", "is", null)
    .where("auth_tokens.expires_at", ">", nowIso())
    .executeTakeFirst();
}

/**
 * Uses a token up and returns its user id, or null when it is unknown, expired or already used.
 * The conditional update makes it single-use even when two requests race with the same link.
 */
export async function consumeToken(trx: Trx, token: string, kind: TokenKind): Promise<string | null> {
  const now = nowIso();
  const row = await trx
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", sha256Hex(token))
    .where("kind", "=", kind)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}
