import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { Trx, Tx } from "~db/schema";
import type { JobKind, JobPayloads } from "./kinds";

/**
 * Queues a job. Call it with the transaction that makes the change the job follows up on: both
 * are written or neither is, so the work is never lost and never done for a change that did not land.
 */
export async function enqueueJob<K extends JobKind>(trx: Tx, kind: K, payload: JobPayloads[K], options: { id?: string; runAt?: string } = {}): Promise<string> {
  const id = options.id ?? newId();
  const now = nowIso();
  await trx
    .insertInto("jobs")
    .values({ id, kind, payload: JSON.stringify(payload), status: "pending", attempts: 0, run_at: options.runAt ?? now, created_at: now })
    .execute();
  return id;
}

/** Puts a failed job back in the queue with a fresh set of attempts; false when it had not failed. */
export async function retryFailedJob(trx: Trx, id: string): Promise<{ kind: string } | null> {
  const row = await trx
    .updateTable("jobs")
    .set({ status: "pending", attempts: 0, run_at: nowIso(), locked_until: null, locked_by: null, finished_at: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .returning("kind")
    .executeTakeFirst();
  return row ?? null;
}
