import { readableMouIds, type Actor } from "~/auth/permissions.server";
import { vietnamToday } from "~/lib/time";
import type { ExpressionBuilder } from "kysely";
import { hasEnded } from "~/mous/status";
import type { Database, DB, MouStatus, Tx } from "~db/schema";
import { refreshCommitmentStatuses } from "./stored-status.server";
import { commitmentProgress, deriveCommitmentStatus, type CommitmentStatus } from "./status";

/**
 * Commitments are tracked once their MoU has a sealed agreement, and stay tracked while an
 * amendment is under review or awaiting signatures: the signed text still binds the parties.
 */
export function mouIsSealed(eb: ExpressionBuilder<Database, "commitments">) {
  return eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id"));
}

/**
 * Takes commitments out of an MoU's text. Once an agreement has been sealed they are cancelled
 * (their milestones and reported progress stay on record); before that they are simply removed.
 */
export async function retireCommitments(trx: Tx, mouId: string, ids: string[], at: string) {
  if (!ids.length) return;
  const sealed = await trx.selectFrom("agreements").select("id").where("mou_id", "=", mouId).executeTakeFirst();
  if (sealed) {
    await trx.updateTable("commitments").set({ cancelled_at: at, cancel_reason: "amendment", updated_at: at }).where("id", "in", ids).execute();
    await refreshCommitmentStatuses(trx, ids);
  } else {
    await trx.deleteFrom("commitments").where("id", "in", ids).execute();
  }
}

/** While a sealed MoU is in force, the parties report on it; after it ends, its record is read-only. */
export function isInForce(mouStatus: MouStatus): boolean {
  return !hasEnded(mouStatus);
}

/**
 * Commitments the actor may follow, with their milestones and derived status: staff see all;
 * everyone else those of MoUs their organizations take part in (the filter is in the query).
 */
export async function listTrackedCommitments(db: DB, actor: Actor, today = vietnamToday()) {
  const readable = readableMouIds(db, actor);
  if (readable === "none") return [];
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
    .where(mouIsSealed)
    .orderBy("commitments.due_on");
  if (readable !== "all") query = query.where("commitments.mou_id", "in", readable);
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
