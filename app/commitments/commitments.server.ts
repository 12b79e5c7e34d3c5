import { readableMouIds, type Actor } from "~/auth/permissions.server";
import { vietnamToday } from "~/lib/time";
import type { ExpressionBuilder } from "kysely";
import { isInForceStatus } from "~/mous/status";
import type { Database, DB, MouStatus, Tx } from "~db/schema";
import { commitmentProgress, deriveCommitmentStatus } from "./status";

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
  } else {
    await trx.deleteFrom("commitments").where("id", "in", ids).execute();
  }
}

/**
 * While a sealed MoU is in force the parties report on it and plan its milestones; before its
 * effective date ("signed") it is not yet, and after it ends its record is read-only.
 */
export function isInForce(mou: { mou_status: MouStatus }): boolean {
  return isInForceStatus(mou.mou_status);
}

/** Filters that narrow the list in SQL: one MoU, one owner, due on or before a day. */
export type TrackedFilter = { mouId?: string; orgId?: string; dueBefore?: string };

/**
 * Commitments the actor may follow, with their milestones and derived status: staff see all;
 * everyone else those of MoUs their organizations take part in (the filter is in the query).
 */
export async function listTrackedCommitments(db: DB, actor: Actor, today = vietnamToday(), filter: TrackedFilter = {}) {
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
      "commitments.kpi_baseline",
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
  if (filter.mouId) query = query.where("commitments.mou_id", "=", filter.mouId);
  if (filter.orgId) query = query.where("commitments.org_id", "=", filter.orgId);
  if (filter.dueBefore) query = query.where("commitments.due_on", "<=", filter.dueBefore);
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
      kpi_baseline: c.kpi_baseline === null ? null : Number(c.kpi_baseline),
      kpi_target: c.kpi_target === null ? null : Number(c.kpi_target),
      kpi_current: Number(c.kpi_current),
      milestones: own,
    };
    return {
      ...input,
      status: deriveCommitmentStatus(input, today),
      progress: commitmentProgress(input),
    };
  });
}

export type TrackedCommitment = Awaited<ReturnType<typeof listTrackedCommitments>>[number];
