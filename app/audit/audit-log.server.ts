import { sql } from "kysely";
import { isPostgres } from "~/db/dialect.server";
import crypto from "node:crypto";
import { canonicalJson } from "~/lib/canonical";
import { newId, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { AuditEntry, DB, Trx, Tx } from "~db/schema";
import { getAuditChainKey } from "./chain-key.server";

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

/**
 * The hash of one entry covers every field and the previous entry's hash: a rewritten row breaks
 * the chain. It is an HMAC under a key kept outside the database, so whoever can write the table
 * still cannot recompute the chain after a forged entry. A null key gives the plain SHA-256 of
 * the entries written before the chain was keyed (see keyLegacyAuditChain).
 */
export function hashAuditEntry(entry: HashedFields, key: Buffer | null): string {
  const json = canonicalJson({
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
  });
  return key ? crypto.createHmac("sha256", key).update(json).digest("hex") : sha256Hex(json);
}

async function lockChain(trx: Tx): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(7300431)`.execute(trx);
  }
}

/**
 * Appends an entry to the hash-chained audit log. Call it inside the transaction of the change it
 * records. On PostgreSQL a transaction-level advisory lock serializes writers, so two processes
 * never chain onto the same predecessor; SQLite already has a single writer.
 */
export async function recordAudit(trx: Tx, input: AuditInput): Promise<void> {
  await lockChain(trx);
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
  await trx.insertInto("audit_log").values({ ...entry, hash: hashAuditEntry(entry, getAuditChainKey()) }).execute();
}

export type ChainBreak = { seq: number; id: string; reason: string };

/** Walks the chain in order; returns the first entry that does not match (altered, removed or reordered), or null. */
function findBreak(rows: AuditEntry[], key: Buffer | null): ChainBreak | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (Number(row.seq) !== expectedSeq) return { seq: Number(row.seq), id: row.id, reason: `expected entry ${expectedSeq}` };
    if (row.prev_hash !== prev) return { seq: Number(row.seq), id: row.id, reason: "link to the previous entry is broken" };
    const { hash, ...fields } = row;
    if (hashAuditEntry(fields, key) !== hash) return { seq: Number(row.seq), id: row.id, reason: "content does not match its hash" };
    prev = hash;
    expectedSeq += 1;
  }
  return null;
}

function loadChain(db: Trx): Promise<AuditEntry[]> {
  return db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
}

/**
 * Checks every entry against the key. Entries removed from the end leave a valid chain: only a
 * copy of the last number and hash kept elsewhere (auditChainHead, `audit:verify --expect`) shows them.
 */
export async function verifyAuditChain(db: DB): Promise<ChainBreak | null> {
  return findBreak(await loadChain(db), getAuditChainKey());
}

/** The last entry's number and hash, for operators to note outside the portal. */
export async function auditChainHead(db: DB): Promise<{ seq: number; hash: string } | null> {
  const last = await db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : null;
}

/** Entry SEQ as noted earlier is still there with the same hash: nothing up to it was removed or rewritten. */
export async function checkNotedEntry(db: DB, noted: { seq: number; hash: string }): Promise<string | null> {
  const row = await db.selectFrom("audit_log").select("hash").where("seq", "=", noted.seq).executeTakeFirst();
  if (!row) return `entry #${noted.seq} is missing: entries were removed from the end of the log`;
  if (row.hash !== noted.hash) return `entry #${noted.seq} has hash ${row.hash}, not the noted ${noted.hash}: the log was rewritten`;
  return null;
}

/**
 * Carries a log written before the chain was keyed over to the keyed chain, once: a chain that
 * verifies as plain SHA-256 is rehashed under the key, entry by entry with its content unchanged,
 * and the re-keying is itself recorded. A chain that verifies under neither is left as it is, for
 * `audit:verify` to report; a chain that was keyed once is never re-keyed. Returns how many
 * entries were carried over.
 */
export async function keyLegacyAuditChain(db: DB): Promise<number> {
  const key = getAuditChainKey();
  return db.transaction().execute(async (trx) => {
    await lockChain(trx);
    const rows = await loadChain(trx);
    if (!rows.length || !findBreak(rows, key)) return 0;
    if (rows.some((r) => r.action === "audit.chain_keyed") || findBreak(rows, null)) return 0;
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const { hash: _unkeyed, ...fields } = row;
      const hash = hashAuditEntry({ ...fields, prev_hash: prev }, key);
      await trx.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", row.id).execute();
      prev = hash;
    }
    await recordAudit(trx, {
      actorId: null,
      action: "audit.chain_keyed",
      entityType: "audit_log",
      after: { entries: rows.length, unkeyedLastHash: rows[rows.length - 1].hash },
    });
    return rows.length;
  });
}
