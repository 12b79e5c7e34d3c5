import { recordAudit } from "~/audit/audit-log.server";
import { JOB_STATUSES } from "~/jobs/kinds";
import { retryFailedJob } from "~/jobs/queue.server";
import type { DB, JobStatus } from "~db/schema";

export const JOBS_PAGE_SIZE = 50;

export function isJobStatus(value: string | null): value is JobStatus {
  return JOB_STATUSES.some((s) => s === value);
}

/** The jobs newest first, optionally one status, one page at a time; payloads stay out of the list. */
export async function listJobs(db: DB, options: { status: JobStatus | null; page: number }) {
  let q = db.selectFrom("jobs");
  if (options.status) q = q.where("status", "=", options.status);
  const [rows, total] = await Promise.all([
    q
      .select(["id", "kind", "status", "attempts", "run_at", "last_error", "created_at", "finished_at"])
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(JOBS_PAGE_SIZE)
      .offset((options.page - 1) * JOBS_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countFailedJobs(db: DB): Promise<number> {
  const row = await db.selectFrom("jobs").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "failed").executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Staff put a failed job back in the queue with a fresh set of attempts; false when it had not failed. */
export async function retryJob(db: DB, id: string, actor: { id: string; email: string }, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const job = await retryFailedJob(trx, id);
    if (!job) return false;
    await recordAudit(trx, { actorId: actor.id, actorLabel: actor.email, action: "job.retried", entityType: "job", entityId: id, after: job, ip });
    return true;
  });
}
