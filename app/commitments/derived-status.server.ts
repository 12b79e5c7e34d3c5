import { vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import { deriveCommitmentStatus, type CommitmentStatus } from "./status";

/** The status of one commitment as its rows say now (inside a transaction: as that transaction sees them). */
export async function readCommitmentStatus(db: DB, commitmentId: string, today = vietnamToday()): Promise<CommitmentStatus> {
  const [c, milestones] = await Promise.all([
    db
      .selectFrom("commitments")
      .select(["cancelled_at", "start_on", "due_on", "kpi_baseline", "kpi_target", "kpi_current"])
      .where("id", "=", commitmentId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("milestones").select(["due_on", "weight", "status"]).where("commitment_id", "=", commitmentId).execute(),
  ]);
  return deriveCommitmentStatus(
    {
      ...c,
      kpi_baseline: c.kpi_baseline === null ? null : Number(c.kpi_baseline),
      kpi_target: c.kpi_target === null ? null : Number(c.kpi_target),
      kpi_current: Number(c.kpi_current),
      milestones: milestones.map((m) => ({ ...m, weight: Number(m.weight) })),
    },
    today,
  );
}
