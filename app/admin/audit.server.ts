import type { DB } from "~db/schema";

export const AUDIT_PAGE_SIZE = 50;

/** Audit entries newest first, one page at a time. */
export async function listAuditEntries(db: DB, page: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("audit_log")
      .select(["id", "seq", "at", "actor_label", "action", "entity_type", "entity_id", "before", "after", "ip"])
      .orderBy("seq", "desc")
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, seq: Number(r.seq) })), total: Number(total.n) };
}

