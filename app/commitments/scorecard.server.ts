import { sql } from "kysely";
import { vietnamToday } from "~/lib/time";
import { MOU_STATUSES } from "~/mous/status";
import type { DB } from "~db/schema";
import { mouIsSealed } from "./commitments.server";
import type { CommitmentStatus } from "./status";
import { COMMITMENT_STATUSES } from "./status";

/** Rows in the scorecard's short lists: the latest, not a history. */
const LATEST = 10;

/**
 * One organization's record as a partner: its MoUs, its commitments by status, the share of its
 * milestones met on time (done by their due day, against those done or already overdue), and the
 * latest progress reports. Every figure is counted in SQL.
 */
export async function loadScorecard(db: DB, orgId: string, today = vietnamToday()) {
  const mouIds = db.selectFrom("mou_parties").select("mou_parties.mou_id").where("mou_parties.org_id", "=", orgId).where("mou_parties.accepted_at", "is not", null);
  const owned = db.selectFrom("commitments").where("commitments.org_id", "=", orgId).where(mouIsSealed);
  const [mouCounts, latestMous, statusCounts, milestones, updates] = await Promise.all([
    db.selectFrom("mous").select(["mous.status", (eb) => eb.fn.countAll().as("n")]).where("mous.id", "in", mouIds).groupBy("mous.status").execute(),
    db
      .selectFrom("mous")
      .select(["mous.id", "mous.reference", "mous.title_vi", "mous.title_en", "mous.status", "mous.updated_at"])
      .where("mous.id", "in", mouIds)
      .orderBy("mous.updated_at", "desc")
      .orderBy("mous.id")
      .limit(LATEST)
      .execute(),
    owned.select(["commitments.status", (eb) => eb.fn.countAll().as("n")]).groupBy("commitments.status").execute(),
    owned
      .innerJoin("milestones", "milestones.commitment_id", "commitments.id")
      .where("commitments.cancelled_at", "is", null)
      .where((eb) => eb.or([eb("milestones.status", "=", "done"), eb("milestones.due_on", "<", today)]))
      .select([
        (eb) => eb.fn.countAll().as("due"),
        sql<number>`sum(case when milestones.status = 'done' and substr(milestones.done_at, 1, 10) <= milestones.due_on then 1 else 0 end)`.as("on_time"),
      ])
      .executeTakeFirstOrThrow(),
    owned
      .innerJoin("progress_updates", "progress_updates.commitment_id", "commitments.id")
      .select([
        "progress_updates.id",
        "progress_updates.note",
        "progress_updates.created_at",
        "commitments.id as commitment_id",
        "commitments.title_vi",
        "commitments.title_en",
      ])
      .orderBy("progress_updates.created_at", "desc")
      .orderBy("progress_updates.id")
      .limit(LATEST)
      .execute(),
  ]);
  const due = Number(milestones.due);
  return {
    mousByStatus: MOU_STATUSES.map((status) => ({ status, count: Number(mouCounts.find((m) => m.status === status)?.n ?? 0) })),
    latestMous,
    commitmentsByStatus: COMMITMENT_STATUSES.map((status: CommitmentStatus) => ({ status, count: Number(statusCounts.find((c) => c.status === status)?.n ?? 0) })),
    milestonesDue: due,
    onTimeRate: due ? Number(milestones.on_time ?? 0) / due : null,
    latestUpdates: updates,
  };
}
