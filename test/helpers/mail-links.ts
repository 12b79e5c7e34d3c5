import type { DB } from "~db/schema";

/** The newest outbox email to an address (optionally of one kind), as the worker would send it. */
export async function latestEmail(db: DB, to: string, kind?: string) {
  let q = db.selectFrom("outbox").selectAll().where("to_address", "=", to);
  if (kind) q = q.where("kind", "=", kind);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirst();
}

/** The path of the first portal link in a mail's text (e.g. "/verify-email/…"), given its prefix. */
export function linkPath(text: string, prefix: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${prefix}[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${prefix} link in:\n${text}`);
  return match[1];
}
