/**
 * A commitment's status is derived from its milestones, its KPI and the date, in this one
 * function, so that every page, list and job agrees on it; lists and counts read the copy
 * app/commitments/stored-status.server.ts keeps of it (decision 0015). Shared with the browser:
 * no server code.
 */
export const COMMITMENT_STATUSES = ["very_late", "delayed", "at_risk", "on_track", "done", "cancelled"] as const;

export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export function isCommitmentStatus(value: string | null | undefined): value is CommitmentStatus {
  return (COMMITMENT_STATUSES as readonly (string | null | undefined)[]).includes(value);
}

export type StatusInput = {
  cancelled_at: string | null;
  start_on: string | null;
  due_on: string;
  /** Where the KPI stood when the MoU was signed; null reads as zero. */
  kpi_baseline: number | null;
  kpi_target: number | null;
  /** From confirmed progress updates only; it starts at the baseline. */
  kpi_current: number;
  milestones: { due_on: string; weight: number; status: string }[];
};

/** Days within which an unstarted milestone counts as a risk. */
const SOON_DAYS = 7;
/** A commitment delayed by more than this many days is very late. */
export const VERY_LATE_DAYS = 14;
/** How far behind the expected pace (in percentage points) a commitment may fall before it is at risk. */
const PACE_TOLERANCE = 0.1;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Share done, 0–1. With a KPI: (current − baseline) ÷ (target − baseline), which also measures a
 * KPI meant to fall (a baseline above the target). Without a target, or with a target equal to the
 * baseline (nothing to measure), the weighted share of milestones done.
 */
export function commitmentProgress(c: Pick<StatusInput, "kpi_baseline" | "kpi_target" | "kpi_current" | "milestones">): number {
  const baseline = c.kpi_baseline ?? 0;
  if (c.kpi_target !== null && c.kpi_target !== baseline) {
    return Math.min(1, Math.max(0, (c.kpi_current - baseline) / (c.kpi_target - baseline)));
  }
  const total = c.milestones.reduce((sum, m) => sum + m.weight, 0);
  if (total <= 0) return 0;
  return c.milestones.filter((m) => m.status === "done").reduce((sum, m) => sum + m.weight, 0) / total;
}

/** The share of the time from start to due date that has passed, 0–1. */
export function expectedPace(c: Pick<StatusInput, "start_on" | "due_on">, today: string): number {
  if (!c.start_on) return 0;
  const span = daysBetween(c.start_on, c.due_on);
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(c.start_on, today) / span));
}

/** Days since the oldest unmet due date (a milestone's or the commitment's own); 0 when nothing is late. A due day itself is not late. */
export function daysDelayed(c: Pick<StatusInput, "due_on" | "milestones">, today: string): number {
  const missedDates = [...c.milestones.filter((m) => m.status !== "done").map((m) => m.due_on), c.due_on].filter((d) => d < today);
  if (!missedDates.length) return 0;
  return daysBetween(missedDates.sort()[0]!, today);
}

export function deriveCommitmentStatus(c: StatusInput, today: string): CommitmentStatus {
  if (c.cancelled_at) return "cancelled";
  const progress = commitmentProgress(c);
  const allMilestonesDone = c.milestones.length > 0 && c.milestones.every((m) => m.status === "done");
  if (progress >= 1 || allMilestonesDone) return "done";
  const delayed = daysDelayed(c, today);
  if (delayed > VERY_LATE_DAYS) return "very_late";
  if (delayed > 0) return "delayed";
  const unstartedSoon = c.milestones.some((m) => m.status === "pending" && daysBetween(today, m.due_on) <= SOON_DAYS);
  if (unstartedSoon || progress < expectedPace(c, today) - PACE_TOLERANCE) return "at_risk";
  return "on_track";
}
