import { getDb } from "~/db.server";
import { DomainError } from "~/lib/domain-error";
import { findRegistrationByCode } from "./registrations.server";

/** The registration and event behind a ticket code; the code is the only key, so anything else is a 404. */
export async function requireTicket(code: string | undefined) {
  const db = getDb();
  const registration = await findRegistrationByCode(db, code ?? "");
  if (!registration) throw new DomainError("notFound");
  const event = await db.selectFrom("events").selectAll().where("id", "=", registration.event_id).executeTakeFirstOrThrow();
  return { registration, event };
}

/** Ticket pages are private to whoever holds the link: never cached by proxies, never indexed. */
export const PRIVATE_HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
