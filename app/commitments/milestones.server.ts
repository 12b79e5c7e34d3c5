import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Tx } from "~db/schema";
import type { MilestoneInput } from "./commitment.schema";
import { withStatusChange } from "./confirmation.server";
import { recordCommitmentStep, type Acting } from "./timeline.server";

/*
 * Planning a commitment's milestones on its page. The page exists once the MoU is sealed, so every
 * change here is a plan change: recorded with who, when, before and after, on the timeline the
 * other parties read and in the audit log. The signed text is never touched.
 */

const planned = (m: { title_vi: string; title_en: string | null; due_on: string; weight: number }) => ({
  title_vi: m.title_vi,
  title_en: m.title_en,
  due_on: m.due_on,
  weight: Number(m.weight),
});

async function findMilestone(trx: Tx, commitmentId: string, milestoneId: string) {
  const milestone = await trx
    .selectFrom("milestones")
    .select(["id", "title_vi", "title_en", "due_on", "weight", "status", "sort_order"])
    .where("id", "=", milestoneId)
    .where("commitment_id", "=", commitmentId)
    .executeTakeFirst();
  if (!milestone) throw new DomainError("notFound");
  return milestone;
}

export async function addMilestone(db: DB, commitmentId: string, input: MilestoneInput, actor: Acting): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await withStatusChange(trx, commitmentId, actor, async () => {
      const last = await trx.selectFrom("milestones").select((eb) => eb.fn.max("sort_order").as("n")).where("commitment_id", "=", commitmentId).executeTakeFirst();
      await trx
        .insertInto("milestones")
        .values({ id, commitment_id: commitmentId, ...input, status: "pending", done_at: null, sort_order: Number(last?.n ?? 0) + 1, created_at: now, updated_at: now })
        .execute();
      await recordCommitmentStep(trx, actor, { commitmentId, kind: "milestone.added", after: { id, ...planned(input) }, at: now });
    });
  });
  return id;
}

export async function editMilestone(db: DB, commitmentId: string, milestoneId: string, input: MilestoneInput, actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await withStatusChange(trx, commitmentId, actor, async () => {
      const before = await findMilestone(trx, commitmentId, milestoneId);
      await trx.updateTable("milestones").set({ ...input, updated_at: now }).where("id", "=", milestoneId).execute();
      await recordCommitmentStep(trx, actor, { commitmentId, kind: "milestone.changed", before: { id: milestoneId, ...planned(before) }, after: { id: milestoneId, ...planned(input) }, at: now });
    });
  });
}

/** Swaps a milestone with its neighbour in the plan; at either end nothing moves. */
export async function moveMilestone(db: DB, commitmentId: string, milestoneId: string, direction: "up" | "down", actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom("milestones").select(["id", "sort_order"]).where("commitment_id", "=", commitmentId).orderBy("sort_order").orderBy("id").execute();
    const at = order.findIndex((m) => m.id === milestoneId);
    if (at < 0) throw new DomainError("notFound");
    const other = order[direction === "up" ? at - 1 : at + 1];
    if (!other) return;
    const ids = order.map((m) => m.id);
    [ids[at], ids[ids.indexOf(other.id)]] = [other.id, milestoneId];
    // Numbered afresh: equal sort orders (the demo data's, for one) would make a swap a no-op.
    for (const [index, id] of ids.entries()) await trx.updateTable("milestones").set({ sort_order: index + 1 }).where("id", "=", id).execute();
    await recordCommitmentStep(trx, actor, { commitmentId, kind: "milestone.changed", before: { order: order.map((m) => m.id) }, after: { order: ids }, at: now });
  });
}

export async function removeMilestone(db: DB, commitmentId: string, milestoneId: string, actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await withStatusChange(trx, commitmentId, actor, async () => {
      const before = await findMilestone(trx, commitmentId, milestoneId);
      await trx.updateTable("progress_updates").set({ milestone_id: null }).where("milestone_id", "=", milestoneId).execute();
      await trx.deleteFrom("milestones").where("id", "=", milestoneId).execute();
      await recordCommitmentStep(trx, actor, { commitmentId, kind: "milestone.removed", before: { id: milestoneId, ...planned(before), status: before.status }, at: now });
    });
  });
}
