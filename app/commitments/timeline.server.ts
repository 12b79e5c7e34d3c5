import { recordAudit } from "~/audit/audit-log.server";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, TimelineKind, Tx } from "~db/schema";

export type Acting = { id: string; name: string; ip: string };

type TimelineEntry = {
  commitmentId: string;
  kind: TimelineKind;
  progressUpdateId?: string | null;
  body?: string | null;
  before?: unknown;
  after?: unknown;
  at?: string;
};

/**
 * Writes one step of a commitment's history, both where its parties read it (the timeline) and in
 * the chained audit log, in the caller's transaction: a step is recorded with its change or not at all.
 */
export async function recordCommitmentStep(trx: Tx, actor: Acting | null, entry: TimelineEntry): Promise<void> {
  const at = entry.at ?? nowIso();
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await trx
    .insertInto("commitment_timeline")
    .values({
      id: newId(),
      commitment_id: entry.commitmentId,
      progress_update_id: entry.progressUpdateId ?? null,
      kind: entry.kind,
      actor_id: actor?.id ?? null,
      actor_label: actor?.name ?? null,
      body: entry.body ?? null,
      before: json(entry.before),
      after: json(entry.after),
      at,
    })
    .execute();
  await recordAudit(trx, {
    actorId: actor?.id ?? null,
    // Without an actor the portal itself made the change (a due date passed): labelled as other system entries are.
    actorLabel: actor?.name ?? "portal",
    action: `commitment.${entry.kind}`,
    entityType: "commitment",
    entityId: entry.commitmentId,
    before: entry.before,
    after: entry.body ? { ...(entry.after as object | undefined), body: entry.body } : entry.after,
    ip: actor?.ip ?? null,
  });
}

export const TIMELINE_PAGE_SIZE = 50;

/** A page of a commitment's history, the newest first, with the total for the pager. */
export async function listTimeline(db: DB, commitmentId: string, page: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("commitment_timeline")
      .select(["id", "kind", "progress_update_id", "actor_label", "body", "before", "after", "at"])
      .where("commitment_id", "=", commitmentId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(TIMELINE_PAGE_SIZE)
      .offset((page - 1) * TIMELINE_PAGE_SIZE)
      .execute(),
    db.selectFrom("commitment_timeline").select((eb) => eb.fn.countAll().as("n")).where("commitment_id", "=", commitmentId).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.map((r) => ({ ...r, before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null, after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null })),
    total: Number(count.n),
    page,
    pageSize: TIMELINE_PAGE_SIZE,
  };
}
