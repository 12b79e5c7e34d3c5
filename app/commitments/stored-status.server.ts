import { isUniqueViolation } from "~/db/errors.server";
import { enqueueJob } from "~/jobs/queue.server";
import { vietnamToday } from "~/lib/time";
import type { DB, Trx, Tx } from "~db/schema";
import { deriveCommitmentStatus, type StatusInput } from "./status";
import { recordCommitmentStep } from "./timeline.server";

/** Commitments re-derived per transaction by the daily refresh: short transactions keep SQLite's writer free. */
const REFRESH_BATCH = 500;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How many days the most overdue unfinished milestone, or the commitment itself, is past due. */
export function daysLate(c: StatusInput, status: string, today: string): number {
  if (status === "done" || status === "cancelled") return 0;
  const dues = [c.due_on, ...c.milestones.filter((m) => m.status !== "done").map((m) => m.due_on)];
  return Math.max(0, ...dues.map((due) => daysBetween(due, today)));
}

/** What the pure derivation needs for these commitments, read in two queries. */
export async function loadStatusInputs(db: Trx, ids: string[]): Promise<Map<string, StatusInput>> {
  if (!ids.length) return new Map();
  const [rows, milestones] = await Promise.all([
    db.selectFrom("commitments").select(["id", "cancelled_at", "start_on", "due_on", "kpi_baseline", "kpi_target", "kpi_current"]).where("id", "in", ids).execute(),
    db.selectFrom("milestones").select(["commitment_id", "due_on", "weight", "status"]).where("commitment_id", "in", ids).execute(),
  ]);
  const inputs = new Map<string, StatusInput>();
  for (const r of rows) {
    inputs.set(r.id, {
      cancelled_at: r.cancelled_at,
      start_on: r.start_on,
      due_on: r.due_on,
      kpi_baseline: r.kpi_baseline === null ? null : Number(r.kpi_baseline),
      kpi_target: r.kpi_target === null ? null : Number(r.kpi_target),
      kpi_current: Number(r.kpi_current),
      milestones: [],
    });
  }
  for (const m of milestones) inputs.get(m.commitment_id)?.milestones.push({ due_on: m.due_on, weight: Number(m.weight), status: m.status });
  return inputs;
}

/** Unfinished milestones past due today; none count once the commitment is cancelled. */
export function overdueMilestones(c: StatusInput, today: string): number {
  return c.cancelled_at ? 0 : c.milestones.filter((m) => m.status !== "done" && m.due_on < today).length;
}

/** The stored status, lateness and overdue milestones these inputs give today. */
export function storedStatusOf(input: StatusInput, today: string) {
  const status = deriveCommitmentStatus(input, today);
  return { status, days_late: daysLate(input, status, today), overdue_milestones: overdueMilestones(input, today), status_on: today };
}

async function refreshMany(trx: Tx, ids: string[], today: string) {
  const inputs = await loadStatusInputs(trx, ids);
  for (const [id, input] of inputs) {
    await trx.updateTable("commitments").set(storedStatusOf(input, today)).where("id", "=", id).execute();
  }
}

/**
 * Re-derives and stores one commitment's status. Call it in the transaction of every change to
 * the commitment or its milestones (decision 0015): lists and counts read only the stored copy,
 * and a guard test finds writers that forget.
 */
export async function refreshCommitmentStatus(trx: Tx, commitmentId: string, today = vietnamToday()): Promise<void> {
  await refreshMany(trx, [commitmentId], today);
}

/** The same for several commitments of one change (a new MoU text, the demo data). */
export async function refreshCommitmentStatuses(trx: Tx, commitmentIds: string[], today = vietnamToday()): Promise<void> {
  for (let i = 0; i < commitmentIds.length; i += REFRESH_BATCH) await refreshMany(trx, commitmentIds.slice(i, i + REFRESH_BATCH), today);
}

/**
 * The daily pass for what only time changes (a due date passing): every commitment not yet derived
 * for today, in short batches. A status it changes goes on the commitment's timeline and in the
 * audit log as the portal's doing. Returns how many were refreshed.
 */
export async function refreshStaleCommitmentStatuses(db: DB, today = vietnamToday()): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const stale = await trx.selectFrom("commitments").select(["id", "status", "status_on"]).where("status_on", "<", today).orderBy("id").limit(REFRESH_BATCH).execute();
      const inputs = await loadStatusInputs(trx, stale.map((r) => r.id));
      for (const row of stale) {
        const next = storedStatusOf(inputs.get(row.id)!, today);
        // Only a row still stale is written: a second run of the same day, in another process, finds
        // it written already and so records the change on the timeline once.
        const written = await trx.updateTable("commitments").set(next).where("id", "=", row.id).where("status_on", "<", today).executeTakeFirst();
        // A row never derived before has no status to change from.
        if (Number(written.numUpdatedRows) === 1 && row.status_on !== "" && row.status !== next.status) {
          await recordCommitmentStep(trx, null, { commitmentId: row.id, kind: "status.changed", before: { status: row.status }, after: { status: next.status, on: today } });
        }
      }
      return stale.length;
    });
    refreshed += batch;
    if (batch < REFRESH_BATCH) return refreshed;
  }
}

/** Whether any commitment still carries a status derived before today: the daily job's trigger. */
async function hasStaleCommitmentStatus(db: DB, today = vietnamToday()): Promise<boolean> {
  return Boolean(await db.selectFrom("commitments").select("id").where("status_on", "<", today).limit(1).executeTakeFirst());
}

/**
 * Queues today's refresh when some status is stale, once a day: the job's id is the day, so
 * several processes asking at once queue it once.
 */
export async function scheduleDailyStatusRefresh(db: DB, today = vietnamToday()): Promise<boolean> {
  if (!(await hasStaleCommitmentStatus(db, today))) return false;
  const id = `commitment-statuses-${today}`;
  try {
    return await db.transaction().execute(async (trx) => {
      if (await trx.selectFrom("jobs").select("id").where("id", "=", id).executeTakeFirst()) return false;
      await enqueueJob(trx, "commitments.refresh-statuses", { day: today }, { id });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
