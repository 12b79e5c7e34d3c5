/**
 * A commitment's status is derived from its milestones, its KPI and the date; lists and counts read
 * the copy app/commitments/stored-status.server.ts keeps of it (decision 0015).
 */
export type CommitmentStatus = "done" | "delayed" | "at_risk" | "on_track" | "cancelled";

export type StatusInput = {
  cancelled_at: string | null;
  start_on: string | null;
  due_on: string;
  kpi_target: number | null;
  kpi_current: number;
  milestones: { due_on: string; weight: number; status: string }[];
};

/** Days within which an unstarted milestone counts as a risk. */
const SOON_DAYS = 7;
/** How far behind the expected pace (in percentage points) a commitment may fall before it is at risk. */
const PACE_TOLERANCE = 0.1;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Share done, 0–1: the KPI when there is one, else the weighted share of milestones done. */
export function commitmentProgress(c: Pick<StatusInput, "kpi_target" | "kpi_current" | "milestones">): number {
  if (c.kpi_target !== null && c.kpi_target > 0) return Math.min(1, Math.max(0, c.kpi_current / c.kpi_target));
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

export function deriveCommitmentStatus(c: StatusInput, today: string): CommitmentStatus {
  if (c.cancelled_at) return "cancelled";
  const progress = commitmentProgress(c);
  const allMilestonesDone = c.milestones.length > 0 && c.milestones.every((m) => m.status === "done");
  if (progress >= 1 || allMilestonesDone) return "done";
  const lateMilestone = c.milestones.some((m) => m.status !== "done" && m.due_on < today);
  if (lateMilestone || c.due_on < today) return "delayed";
  const unstartedSoon = c.milestones.some((m) => m.status === "pending" && daysBetween(today, m.due_on) <= SOON_DAYS);
  if (unstartedSoon || progress < expectedPace(c, today) - PACE_TOLERANCE) return "at_risk";
  return "on_track";
}
