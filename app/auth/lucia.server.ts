import { BetterSqlite3Adapter } from "@lucia-auth/adapter-sqlite";
import { NodePostgresAdapter } from "@lucia-auth/adapter-postgresql";
import { Lucia, TimeSpan } from "lucia";
import { getConnection } from "~/db.server";
import type { Locale } from "~/i18n/locale";

/**
 * Every call into Lucia lives in this module: Lucia v3 is no longer developed, and this file is
 * what a later swap would touch. The rest of the portal sees `SessionUser` and cookie strings.
 */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isStaff: boolean;
  isOrganizer: boolean;
  emailVerified: boolean;
};

type UserRow = {
  email: string;
  name: string;
  locale: Locale;
  is_staff: number | boolean;
  is_organizer: number | boolean;
  email_verified_at: string | null;
  disabled_at: string | null;
};

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: UserRow;
  }
}

const TABLES = { user: "users", session: "sessions" };

function createLucia() {
  const connection = getConnection();
  const adapter =
    connection.dialect === "postgres"
      ? new NodePostgresAdapter(connection.raw, TABLES)
      : new BetterSqlite3Adapter(connection.raw, TABLES);
  return new Lucia(adapter, {
    // Sessions last 30 days and Lucia extends them when used in their second half.
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: { name: "portal_session", expires: true, attributes: { sameSite: "lax", secure: false } },
    getUserAttributes: (row) => ({
      email: row.email,
      name: row.name,
      locale: row.locale,
      isStaff: Boolean(Number(row.is_staff)),
      isOrganizer: Boolean(Number(row.is_organizer)),
      emailVerified: row.email_verified_at !== null,
      disabled: row.disabled_at !== null,
    }),
  });
}

let lucia: ReturnType<typeof createLucia> | undefined;
function getLucia() {
  lucia ??= createLucia();
  return lucia;
}

/** Secure is decided per request: on when the portal is reached over https, off on plain http (local use). */
function serialize(cookie: { serialize(): string }, secure: boolean): string {
  return secure ? `${cookie.serialize()}; Secure` : cookie.serialize();
}

export async function startSession(userId: string, secure: boolean): Promise<string> {
  const session = await getLucia().createSession(userId, {});
  return serialize(getLucia().createSessionCookie(session.id), secure);
}

export type SessionState = { user: SessionUser | null; sessionId: string | null; setCookie: string | null };

/** Reads the session cookie; refreshes it when Lucia extended the session, clears it when stale. */
export async function readSession(cookieHeader: string | null, secure: boolean): Promise<SessionState> {
  const l = getLucia();
  const sessionId = l.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionId);
  if (!session || !user || user.disabled) {
    if (session) await l.invalidateSession(session.id);
    return { user: null, sessionId: null, setCookie: serialize(l.createBlankSessionCookie(), secure) };
  }
  const setCookie = session.fresh ? serialize(l.createSessionCookie(session.id), secure) : null;
  const { disabled: _disabled, ...sessionUser } = user;
  return { user: sessionUser, sessionId: session.id, setCookie };
}

/** Ends one session on the server and returns the cookie that clears it in the browser. */
export async function endSession(sessionId: string | null, secure: boolean): Promise<string> {
  if (sessionId) await getLucia().invalidateSession(sessionId);
  return serialize(getLucia().createBlankSessionCookie(), secure);
}

/** Ends every session of a user but the one given (after a password change). */
export async function endOtherSessions(userId: string, keepSessionId: string | null): Promise<void> {
  const sessions = await getLucia().getUserSessions(userId);
  await Promise.all(sessions.filter((s) => s.id !== keepSessionId).map((s) => getLucia().invalidateSession(s.id)));
}
