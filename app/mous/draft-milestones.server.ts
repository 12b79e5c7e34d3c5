import { refreshCommitmentStatus } from "~/commitments/stored-status.server";
import { newId } from "~/lib/ids.server";
import type { DB, Tx } from "~db/schema";
import type { MouDraft } from "./mou.schema";

type DraftMilestone = NonNullable<MouDraft["commitments"][number]["milestones"]>[number];

/**
 * Writes a commitment's milestones as the draft plans them. A saved milestone is updated in place,
 * so an amendment keeps its status and the reports that name it; one left out of the plan is
 * removed and those reports simply no longer name it. These are part of the text being drafted,
 * not plan changes: the versions of the text record them, and signing makes them the plan.
 */
export async function writeDraftMilestones(trx: Tx, commitmentId: string, planned: DraftMilestone[], at: string): Promise<void> {
  const existing = new Set((await trx.selectFrom("milestones").select("id").where("commitment_id", "=", commitmentId).execute()).map((m) => m.id));
  const kept = new Set<string>();
  for (const [i, { id, ...m }] of planned.entries()) {
    const values = { title_vi: m.title_vi, title_en: m.title_en, due_on: m.due_on, weight: m.weight, sort_order: i + 1, updated_at: at };
    if (id && existing.has(id) && !kept.has(id)) {
      kept.add(id);
      await trx.updateTable("milestones").set(values).where("id", "=", id).execute();
    } else {
      await trx.insertInto("milestones").values({ id: newId(), commitment_id: commitmentId, ...values, status: "pending", done_at: null, created_at: at }).execute();
    }
  }
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length) {
    await trx.updateTable("progress_updates").set({ milestone_id: null }).where("milestone_id", "in", removed).execute();
    await trx.deleteFrom("milestones").where("id", "in", removed).execute();
  }
  await refreshCommitmentStatus(trx, commitmentId);
}

/** The saved milestones of these commitments, in plan order, for the draft form and the MoU page. */
export async function listDraftMilestones(db: DB, commitmentIds: string[]) {
  if (!commitmentIds.length) return [];
  return db
    .selectFrom("milestones")
    .select(["id", "commitment_id", "title_vi", "title_en", "due_on", "weight"])
    .where("commitment_id", "in", commitmentIds)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}
