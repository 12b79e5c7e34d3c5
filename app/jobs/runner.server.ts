import crypto from "node:crypto";
import os from "node:os";
import type { ExpressionBuilder } from "kysely";
import { forUpdateSkipLocked } from "~/db/dialect.server";
import type { Database, DB, Job } from "~db/schema";
import type { JobKind, JobPayloads } from "./kinds";

/** After this many failed attempts a job is marked failed and waits for staff to retry it. */
export const MAX_ATTEMPTS = 8;
/** A running job whose runner died is taken over after this long; longer than any mail or seal takes. */
export const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export type JobRun = { id: string; attempts: number; lastAttempt: boolean };

export type JobHandler<P> = (db: DB, payload: P, run: JobRun) => Promise<void>;

/** The handlers this process runs; a kind without one (mail without SMTP_URL) stays queued. */
export type JobHandlers = { [K in JobKind]?: JobHandler<JobPayloads[K]> };

export type RunnerOptions = {
  handlers: JobHandlers;
  retryBaseMs: number;
  batch?: number;
  /** Names this runner on the rows it leases, so a runner that lost its lease cannot settle the job. */
  runnerId?: string;
  leaseMs?: number;
};

const PROCESS_RUNNER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * Leases due jobs of the given kinds for this runner and counts the attempt. On PostgreSQL
 * `FOR UPDATE SKIP LOCKED` lets several processes claim at once without taking the same row;
 * SQLite runs the statement under its single writer. A lease that runs out makes the job due again.
 */
export async function claimDueJobs(db: DB, kinds: string[], options: { limit: number; runnerId: string; leaseMs: number; now: Date }): Promise<Job[]> {
  if (!kinds.length) return [];
  const now = options.now.toISOString();
  const isDue = (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.or([
      eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
      eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
    ]);
  // The due rows are picked in a CTE, evaluated once: as a plain `IN (subquery)` PostgreSQL may
  // run the subquery again for each row and lease more than the limit.
  return db
    .with("due", (qb) => forUpdateSkipLocked(db, qb.selectFrom("jobs").select("id").where("kind", "in", kinds).where(isDue).orderBy("run_at").limit(options.limit)))
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      locked_by: options.runnerId,
      locked_until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    // Checked again on the row itself: a runner that read a row another one has just leased loses it here.
    .where(isDue)
    .returningAll()
    .execute();
}

/** Runs what is due, one job after another. Returns how many finished. */
export async function runDueJobs(db: DB, options: RunnerOptions, now = new Date()): Promise<number> {
  const runnerId = options.runnerId ?? PROCESS_RUNNER_ID;
  const kinds = Object.keys(options.handlers);
  const claimed = await claimDueJobs(db, kinds, { limit: options.batch ?? 20, runnerId, leaseMs: options.leaseMs ?? LEASE_MS, now });
  let done = 0;
  for (const job of claimed) {
    const handler = options.handlers[job.kind as JobKind] as JobHandler<unknown>;
    const attempts = Number(job.attempts);
    const mine = db.updateTable("jobs").where("id", "=", job.id).where("locked_by", "=", runnerId);
    try {
      await handler(db, JSON.parse(job.payload), { id: job.id, attempts, lastAttempt: attempts >= MAX_ATTEMPTS });
      await mine.set({ status: "done", finished_at: new Date().toISOString(), locked_until: null, last_error: null }).execute();
      done += 1;
    } catch (error) {
      const failed = attempts >= MAX_ATTEMPTS;
      await mine
        .set({
          status: failed ? "failed" : "pending",
          locked_until: null,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 1000),
          run_at: new Date(Date.now() + retryDelayMs(attempts, options.retryBaseMs)).toISOString(),
          finished_at: failed ? new Date().toISOString() : null,
        })
        .execute();
    }
  }
  return done;
}
