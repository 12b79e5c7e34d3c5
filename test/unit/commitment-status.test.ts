import { describe, expect, it } from "vitest";
import { commitmentProgress, deriveCommitmentStatus, expectedPace, type StatusInput } from "~/commitments/status";

const today = "2026-11-23";
const base: StatusInput = {
  cancelled_at: null,
  start_on: "2026-11-01",
  due_on: "2027-11-01",
  kpi_target: null,
  kpi_current: 0,
  milestones: [],
};

describe("derived commitment status", () => {
  it("is cancelled when cancelled by decision, whatever else", () => {
    expect(deriveCommitmentStatus({ ...base, cancelled_at: "2026-11-20T00:00:00Z", due_on: "2026-01-01" }, today)).toBe("cancelled");
  });

  it("is done when the KPI target is reached", () => {
    expect(deriveCommitmentStatus({ ...base, kpi_target: 200, kpi_current: 200 }, today)).toBe("done");
  });

  it("is done when every milestone is done", () => {
    const milestones = [{ due_on: "2026-11-10", weight: 1, status: "done" }];
    expect(deriveCommitmentStatus({ ...base, milestones }, today)).toBe("done");
  });

  it("is delayed when a milestone is past due and not done", () => {
    const milestones = [
      { due_on: "2026-11-10", weight: 1, status: "done" },
      { due_on: "2026-11-22", weight: 1, status: "in_progress" },
    ];
    expect(deriveCommitmentStatus({ ...base, milestones }, today)).toBe("delayed");
  });

  it("is delayed when the commitment itself is past due and not done", () => {
    expect(deriveCommitmentStatus({ ...base, start_on: "2025-01-01", due_on: "2026-11-01", kpi_target: 5, kpi_current: 4 }, today)).toBe("delayed");
  });

  it("is at risk when behind the expected pace", () => {
    // Half the time has passed but only 10% is done.
    const c = { ...base, start_on: "2026-05-23", due_on: "2027-05-23", kpi_target: 100, kpi_current: 10 };
    expect(expectedPace(c, today)).toBeCloseTo(0.5, 1);
    expect(deriveCommitmentStatus(c, today)).toBe("at_risk");
  });

  it("is at risk when a milestone due within a week has not started", () => {
    const milestones = [{ due_on: "2026-11-28", weight: 1, status: "pending" }];
    expect(deriveCommitmentStatus({ ...base, milestones }, today)).toBe("at_risk");
  });

  it("is on track when ahead of the pace with nothing late", () => {
    const c = { ...base, start_on: "2026-05-23", due_on: "2027-05-23", kpi_target: 100, kpi_current: 60 };
    expect(deriveCommitmentStatus(c, today)).toBe("on_track");
  });

  it("measures progress by KPI, else by milestone weights", () => {
    expect(commitmentProgress({ kpi_target: 200, kpi_current: 45, milestones: [] })).toBeCloseTo(0.225);
    expect(
      commitmentProgress({
        kpi_target: null,
        kpi_current: 0,
        milestones: [
          { due_on: today, weight: 1, status: "done" },
          { due_on: today, weight: 3, status: "pending" },
        ],
      }),
    ).toBeCloseTo(0.25);
  });
});
