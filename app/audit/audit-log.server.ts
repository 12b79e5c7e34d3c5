import { PostgresAdapter, sql } from "kysely";
import { canonicalJson } from "~/lib/canonical";
import { newId, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { AuditEntry, DB, Trx } from "~db/schema";

export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  actorId: string | null;
  actorLabel?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

type HashedFields = Omit<AuditEntry, "hash">;

/** The hash of one entry covers every field and the previous entry's hash: a rewritten row breaks the chain. */
export function hashAuditEntry(entry: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      id: entry.id,
      seq: Number(entry.seq),
      at: entry.at,
      actor_id: entry.actor_id,
      actor_label: entry.actor_label,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id,
      before: entry.before,
      after: entry.after,
      ip: entry.ip,
      prev_hash: entry.prev_hash,
    }),
  );
}

/**
 * Appends an entry to the hash-chained audit log. Call it inside the transaction of the change it
 * records. On PostgreSQL a transaction-level advisory lock serializes writers, so two processes
 * never chain onto the same predecessor; SQLite already has a single writer.
 */
export async function recordAudit(trx: Trx, input: AuditInput): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(7300431)`.execute(trx);
  }
  const last = await trx.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const entry: HashedFields = {
    id: newId(),
    seq: Number(last?.seq ?? 0) + 1,
    at: nowIso(),
    actor_id: input.actorId,
    actor_label: input.actorLabel ?? null,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
    ip: input.ip ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto("audit_log").values({ ...entry, hash: hashAuditEntry(entry) }).execute();
}

/** Walks the chain in order; returns the first entry that does not match (altered, removed or reordered), or null. */
export async function verifyAuditChain(db: DB): Promise<{ seq: number; id: string; reason: string } | null> {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (Number(row.seq) !== expectedSeq) return { seq: Number(row.seq), id: row.id, reason: `expected entry ${expectedSeq}` };
    if (row.prev_hash !== prev) return { seq: Number(row.seq), id: row.id, reason: "link to the previous entry is broken" };
    const { hash, ...fields } = row;
    if (hashAuditEntry(fields) !== hash) return { seq: Number(row.seq), id: row.id, reason: "content does not match its hash" };
    prev = hash;
    expectedSeq += 1;
  }
  return null;
}
