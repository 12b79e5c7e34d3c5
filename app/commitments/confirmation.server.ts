import { DomainError } from "~/lib/domain-error";
import { nowIso } from "~/lib/time";
import type { DB, Tx } from "~db/schema";
import { notifyReturned, type CommitmentMailFacts } from "./confirmation-mail.server";
import { refreshCommitmentStatus } from "./stored-status.server";
import { recordCommitmentStep, type Acting } from "./timeline.server";

/**
 * Runs a change to a commitment's status inputs and records the status change it makes, if any,
 * on the timeline. Every change of milestones or confirmed progress goes through here.
 */
export async function withStatusChange(trx: Tx, commitmentId: string, actor: Acting, change: () => Promise<void>): Promise<void> {
  // Brought up to today first, so that a change the calendar made is not put down to this one.
  await refreshCommitmentStatus(trx, commitmentId);
  const before = await storedStatus(trx, commitmentId);
  await change();
  await refreshCommitmentStatus(trx, commitmentId);
  const after = await storedStatus(trx, commitmentId);
  if (before !== after) await recordCommitmentStep(trx, actor, { commitmentId, kind: "status.changed", before: { status: before }, after: { status: after } });
}

async function storedStatus(trx: Tx, commitmentId: string) {
  return (await trx.selectFrom("commitments").select("status").where("id", "=", commitmentId).executeTakeFirstOrThrow()).status;
}

/** Takes a submitted update for a decision; a conflict when someone decided first or it was never submitted. */
async function decide(trx: Tx, commitmentId: string, updateId: string, status: "confirmed" | "returned", actor: Acting, at: string) {
  const decided = await trx
    .updateTable("progress_updates")
    .set({ status, decided_by: actor.id, decided_at: at })
    .where("id", "=", updateId)
    .where("commitment_id", "=", commitmentId)
    .where("status", "=", "submitted")
    .returning(["kpi_value", "milestone_id", "milestone_status"])
    .executeTakeFirst();
  if (!decided) throw new DomainError("conflict", { messageKey: "commitment.update.notWaiting" });
  return decided;
}

/**
 * Confirms a submitted update: from now on it counts. The reported milestone status is applied,
 * and the KPI's current value becomes that of the latest confirmed report that gives one.
 */
export async function confirmProgressUpdate(db: DB, commitmentId: string, updateId: string, actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await withStatusChange(trx, commitmentId, actor, async () => {
      const update = await decide(trx, commitmentId, updateId, "confirmed", actor, now);
      if (update.milestone_id && update.milestone_status) {
        await trx
          .updateTable("milestones")
          .set({ status: update.milestone_status, done_at: update.milestone_status === "done" ? now : null, updated_at: now })
          .where("id", "=", update.milestone_id)
          .where("commitment_id", "=", commitmentId)
          .execute();
      }
      const latest = await trx
        .selectFrom("progress_updates")
        .select("kpi_value")
        .where("commitment_id", "=", commitmentId)
        .where("status", "=", "confirmed")
        .where("kpi_value", "is not", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      const before = await trx.selectFrom("commitments").select("kpi_current").where("id", "=", commitmentId).executeTakeFirstOrThrow();
      if (latest && latest.kpi_value !== null) {
        await trx.updateTable("commitments").set({ kpi_current: latest.kpi_value, updated_at: now }).where("id", "=", commitmentId).execute();
      }
      await recordCommitmentStep(trx, actor, {
        commitmentId,
        progressUpdateId: updateId,
        kind: "update.confirmed",
        before: { kpi_current: Number(before.kpi_current) },
        after: { kpi_current: Number(latest?.kpi_value ?? before.kpi_current), milestone: update.milestone_id ? { id: update.milestone_id, status: update.milestone_status } : null },
        at: now,
      });
    });
  });
}

/** Returns a submitted update to its owner with a comment; it counts for nothing until revised and confirmed. */
export async function returnProgressUpdate(db: DB, commitment: CommitmentMailFacts, updateId: string, comment: string, actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await decide(trx, commitment.id, updateId, "returned", actor, now);
    await recordCommitmentStep(trx, actor, { commitmentId: commitment.id, progressUpdateId: updateId, kind: "update.returned", body: comment, at: now });
    await notifyReturned(trx, commitment, comment, actor.id);
  });
}

/** A comment on an update, by anyone who may read the MoU. */
export async function commentOnProgressUpdate(db: DB, commitmentId: string, updateId: string, comment: string, actor: Acting): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("progress_updates").select("id").where("id", "=", updateId).where("commitment_id", "=", commitmentId).executeTakeFirst();
    if (!exists) throw new DomainError("notFound");
    await recordCommitmentStep(trx, actor, { commitmentId, progressUpdateId: updateId, kind: "comment", body: comment });
  });
}
