import { describe, expect, it } from "vitest";
import { commitmentProgress, daysDelayed, deriveCommitmentStatus, expectedPace, type StatusInput } from "~/commitments/status";

const today = "2026-11-23";
const base: StatusInput = {
  cancelled_at: null,
  start_on: "2026-11-01",
  due_on: "2027-11-01",
  kpi_baseline: null,
  kpi_target: null,
  kpi_current: 0,
  milestones: [],
};
const milestone = (due_on: string, status = "in_progress", weight = 1) => ({ due_on, weight, status });

describe("derived commitment status", () => {
  it("is cancelled when cancelled by decision, whatever else", () => {
    expect(deriveCommitmentStatus({ ...base, cancelled_at: "2026-11-20T00:00:00Z", due_on: "2026-01-01" }, today)).toBe("cancelled");
  });

  it("is done when the KPI target is reached", () => {
    expect(deriveCommitmentStatus({ ...base, kpi_target: 200, kpi_current: 200 }, today)).toBe("done");
  });

  it("is done when every milestone is done", () => {
    expect(deriveCommitmentStatus({ ...base, milestones: [milestone("2026-11-10", "done")] }, today)).toBe("done");
  });

  it("is delayed when a milestone is past due and not done", () => {
    const milestones = [milestone("2026-11-10", "done"), milestone("2026-11-22")];
    expect(deriveCommitmentStatus({ ...base, milestones }, today)).toBe("delayed");
  });

  it("is delayed when the commitment itself is past due and not done", () => {
    expect(deriveCommitmentStatus({ ...base, start_on: "2025-01-01", due_on: "2026-11-20", kpi_target: 5, kpi_current: 4 }, today)).toBe("delayed");
  });

  it("is not late on a milestone's due day itself, delayed the day after", () => {
    const on = { ...base, milestones: [milestone(today)] };
    expect(daysDelayed(on, today)).toBe(0);
    expect(deriveCommitmentStatus(on, today)).not.toMatch(/delayed|very_late/);
    expect(deriveCommitmentStatus({ ...base, milestones: [milestone("2026-11-22")] }, today)).toBe("delayed");
  });

  it("is still delayed on the 14th day past due and very late from the 15th", () => {
    const fourteen = { ...base, milestones: [milestone("2026-11-09")] };
    expect(daysDelayed(fourteen, today)).toBe(14);
    expect(deriveCommitmentStatus(fourteen, today)).toBe("delayed");
    const fifteen = { ...base, milestones: [milestone("2026-11-08")] };
    expect(daysDelayed(fifteen, today)).toBe(15);
    expect(deriveCommitmentStatus(fifteen, today)).toBe("very_late");
  });

  it("counts the delay from the oldest unmet date, the commitment's own due date included", () => {
    expect(deriveCommitmentStatus({ ...base, start_on: "2025-01-01", due_on: "2026-11-01", kpi_target: 5, kpi_current: 4 }, today)).toBe("very_late");
    const milestones = [milestone("2026-11-01", "done"), milestone("2026-11-20")];
    expect(daysDelayed({ ...base, milestones }, today)).toBe(3);
  });

  it("is at risk when behind the expected pace", () => {
    // Half the time has passed but only 10% is done.
    const c = { ...base, start_on: "2026-05-23", due_on: "2027-05-23", kpi_target: 100, kpi_current: 10 };
    expect(expectedPace(c, today)).toBeCloseTo(0.5, 1);
    expect(deriveCommitmentStatus(c, today)).toBe("at_risk");
  });

  it("is at risk when a milestone due within a week has not started", () => {
    expect(deriveCommitmentStatus({ ...base, milestones: [milestone("2026-11-28", "pending")] }, today)).toBe("at_risk");
  });

  it("is on track when ahead of the pace with nothing late", () => {
    const c = { ...base, start_on: "2026-05-23", due_on: "2027-05-23", kpi_target: 100, kpi_current: 60 };
    expect(deriveCommitmentStatus(c, today)).toBe("on_track");
  });

  it("is on track with no milestones, no KPI and time to go, and measures nothing done", () => {
    expect(commitmentProgress(base)).toBe(0);
    expect(deriveCommitmentStatus({ ...base, start_on: null }, today)).toBe("on_track");
  });

  it("measures progress by KPI, else by milestone weights", () => {
    expect(commitmentProgress({ kpi_baseline: null, kpi_target: 200, kpi_current: 45, milestones: [] })).toBeCloseTo(0.225);
    const milestones = [milestone(today, "done", 1), milestone(today, "pending", 3)];
    expect(commitmentProgress({ kpi_baseline: null, kpi_target: null, kpi_current: 0, milestones })).toBeCloseTo(0.25);
  });

  it("measures the KPI from its baseline", () => {
    expect(commitmentProgress({ kpi_baseline: 50, kpi_target: 150, kpi_current: 75, milestones: [] })).toBeCloseTo(0.25);
    expect(commitmentProgress({ kpi_baseline: 50, kpi_target: 150, kpi_current: 40, milestones: [] })).toBe(0);
    expect(deriveCommitmentStatus({ ...base, kpi_baseline: 50, kpi_target: 150, kpi_current: 150 }, today)).toBe("done");
  });

  it("measures a KPI meant to fall, with a baseline above the target", () => {
    // Defects per thousand parts from 40 down to 10: at 25, half the way.
    expect(commitmentProgress({ kpi_baseline: 40, kpi_target: 10, kpi_current: 25, milestones: [] })).toBeCloseTo(0.5);
    expect(commitmentProgress({ kpi_baseline: 40, kpi_target: 10, kpi_current: 50, milestones: [] })).toBe(0);
    expect(deriveCommitmentStatus({ ...base, kpi_baseline: 40, kpi_target: 10, kpi_current: 10 }, today)).toBe("done");
  });

  it("falls back to the milestones when the target is zero with no baseline, or equals the baseline", () => {
    const milestones = [milestone(today, "done", 1), milestone("2027-01-01", "pending", 1)];
    expect(commitmentProgress({ kpi_baseline: null, kpi_target: 0, kpi_current: 0, milestones })).toBeCloseTo(0.5);
    expect(commitmentProgress({ kpi_baseline: 5, kpi_target: 5, kpi_current: 5, milestones })).toBeCloseTo(0.5);
    expect(deriveCommitmentStatus({ ...base, kpi_target: 0, milestones: [] }, today)).not.toBe("done");
    // Reducing to zero from a baseline is a real target.
    expect(commitmentProgress({ kpi_baseline: 8, kpi_target: 0, kpi_current: 2, milestones: [] })).toBeCloseTo(0.75);
  });
});
