import { orgIdsOf, type Actor } from "~/auth/permissions.server";
import { vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import { commitmentProgress, deriveCommitmentStatus, type CommitmentStatus } from "./status";

/** MoUs whose commitments are being tracked: signed ones, and those that ran their course. */
const TRACKED_MOU_STATUSES = ["active", "completed", "expired", "terminated"] as const;

/**
 * Commitments the actor may follow, with their milestones and derived status: staff see all;
 * everyone else those of MoUs their organizations are party to (the filter is in the query).
 */
export async function listTrackedCommitments(db: DB, actor: Actor, today = vietnamToday()) {
  let query = db
    .selectFrom("commitments")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .innerJoin("organizations", "organizations.id", "commitments.org_id")
    .select([
      "commitments.id",
      "commitments.mou_id",
      "commitments.org_id",
      "commitments.title_vi",
      "commitments.title_en",
      "commitments.kpi_target",
      "commitments.kpi_current",
      "commitments.kpi_unit_vi",
      "commitments.kpi_unit_en",
      "commitments.start_on",
      "commitments.due_on",
      "commitments.cancelled_at",
      "mous.reference",
      "mous.title_vi as mou_title_vi",
      "mous.title_en as mou_title_en",
      "organizations.name_vi as org_name_vi",
      "organizations.name_en as org_name_en",
    ])
    .where("mous.status", "in", TRACKED_MOU_STATUSES)
    .orderBy("commitments.due_on");
  if (!actor.user?.isStaff) {
    const orgIds = orgIdsOf(actor);
    if (!orgIds.length) return [];
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("mou_parties")
          .select("mou_parties.id")
          .whereRef("mou_parties.mou_id", "=", "commitments.mou_id")
          .where("mou_parties.org_id", "in", orgIds),
      ),
    );
  }
  const commitments = await query.execute();
  const milestones = commitments.length
    ? await db
        .selectFrom("milestones")
        .select(["id", "commitment_id", "title_vi", "title_en", "due_on", "weight", "status"])
        .where(
          "commitment_id",
          "in",
          commitments.map((c) => c.id),
        )
        .orderBy("sort_order")
        .execute()
    : [];
  return commitments.map((c) => {
    const own = milestones
      .filter((m) => m.commitment_id === c.id)
      .map((m) => ({ ...m, weight: Number(m.weight), late: m.status !== "done" && m.due_on < today }));
    const input = {
      ...c,
      kpi_target: c.kpi_target === null ? null : Number(c.kpi_target),
      kpi_current: Number(c.kpi_current),
      milestones: own,
    };
    return {
      ...input,
      status: deriveCommitmentStatus(input, today) as CommitmentStatus,
      progress: commitmentProgress(input),
    };
  });
}

export type TrackedCommitment = Awaited<ReturnType<typeof listTrackedCommitments>>[number];
