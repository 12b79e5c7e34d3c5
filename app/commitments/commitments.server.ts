import { orgIdsOf, readableMouIds, type Actor } from "~/auth/permissions.server";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { vietnamToday } from "~/lib/time";
import type { ExpressionBuilder } from "kysely";
import { isInForceStatus } from "~/mous/status";
import type { Database, DB, MouStatus, Tx } from "~db/schema";
import { attentionPage } from "./attention-order.server";
import { refreshCommitmentStatuses } from "./stored-status.server";
import { commitmentProgress, type CommitmentStatus } from "./status";

/**
 * Commitments are tracked once their MoU has a sealed agreement, and stay tracked while an
 * amendment is under review or awaiting signatures: the signed text still binds the parties.
 */
export function mouIsSealed(eb: ExpressionBuilder<Database, "commitments">) {
  // The copy the triggers of decision 0020 keep of "an agreement exists for the MoU".
  return eb("commitments.tracked", "=", 1);
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
 * The commitments the actor may follow, as a query: staff see all; everyone else those of MoUs
 * their organizations take part in (the filter is in the query). Null when the actor may follow none.
 */
export function trackedCommitments(db: DB, actor: Actor) {
  const readable = readableMouIds(db, actor);
  if (readable === "none") return null;
  const query = db.selectFrom("commitments").where(mouIsSealed);
  return readable === "all" ? query : query.where("commitments.mou_id", "in", readable);
}

/**
 * Narrowing in SQL on the stored status (decision 0015) and the columns, a page at a time.
 * `attention` puts what needs someone first: the very late and delayed, then commitments with a
 * report waiting for this actor (another party's to confirm, their own returned), then the risks.
 */
export type CommitmentListFilter = {
  status?: CommitmentStatus | null;
  orgId?: string | null;
  mouId?: string | null;
  dueBefore?: string | null;
  order?: "due" | "attention";
  page: number;
  pageSize?: number;
};

/** A report waiting for this actor: another party's submitted one to confirm, or their own returned one. */
function waitingForActor(actor: Actor) {
  const orgIds = orgIdsOf(actor);
  // Only the few commitments with a report waiting at all are probed (the reports' status index),
  // not every commitment for a report.
  const withReports = (eb: ExpressionBuilder<Database, "commitments">) =>
    eb("commitments.id", "in", eb.selectFrom("progress_updates").select("progress_updates.commitment_id").where("progress_updates.status", "in", ["submitted", "returned"]));
  return (eb: ExpressionBuilder<Database, "commitments">) =>
    eb.and([
      withReports(eb),
      eb.exists(
        eb
          .selectFrom("progress_updates")
          .select("progress_updates.id")
          .whereRef("progress_updates.commitment_id", "=", "commitments.id")
          .where((w) =>
            orgIds.length
              ? w.or([
                  w.and([w("progress_updates.status", "=", "submitted"), w("commitments.org_id", "not in", orgIds)]),
                  w.and([w("progress_updates.status", "=", "returned"), w("commitments.org_id", "in", orgIds)]),
                ])
              : w("progress_updates.status", "=", "submitted"),
          ),
      ),
    ]);
}

/**
 * One page of the commitments the actor may follow, with their milestones and the stored
 * status, and how many match in all.
 */
export async function listTrackedCommitments(db: DB, actor: Actor, filter: CommitmentListFilter, today = vietnamToday()) {
  let base = trackedCommitments(db, actor);
  if (!base) return { rows: [], total: 0 };
  if (filter.status) base = base.where("commitments.status", "=", filter.status);
  if (filter.orgId) base = base.where("commitments.org_id", "=", filter.orgId);
  if (filter.mouId) base = base.where("commitments.mou_id", "=", filter.mouId);
  if (filter.dueBefore) base = base.where("commitments.due_on", "<=", filter.dueBefore);
  const pageSize = filter.pageSize ?? PAGE_SIZE;
  const offset = pageOffset(filter.page, pageSize);
  const { ids, total } =
    filter.order === "attention"
      ? await attentionPage(base, waitingForActor(actor), offset, pageSize)
      : await Promise.all([
          base.select("commitments.id").orderBy("commitments.due_on").orderBy("commitments.id").limit(pageSize).offset(offset).execute(),
          base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
        ]).then(([rows, count]) => ({ ids: rows.map((r) => r.id), total: Number(count.n) }));
  const position = new Map(ids.map((id, i) => [id, i]));
  const commitments = ids.length
    ? (
        await db
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
            "commitments.status",
            "commitments.days_late",
            "mous.reference",
            "mous.title_vi as mou_title_vi",
            "mous.title_en as mou_title_en",
            "organizations.name_vi as org_name_vi",
            "organizations.name_en as org_name_en",
          ])
          .where("commitments.id", "in", ids)
          .execute()
      ).sort((x, y) => position.get(x.id)! - position.get(y.id)!)
    : [];
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
  const rows = commitments.map((c) => {
    const own = milestones
      .filter((m) => m.commitment_id === c.id)
      .map((m) => ({ ...m, weight: Number(m.weight), late: m.status !== "done" && m.due_on < today }));
    const input = {
      ...c,
      kpi_baseline: c.kpi_baseline === null ? null : Number(c.kpi_baseline),
      kpi_target: c.kpi_target === null ? null : Number(c.kpi_target),
      kpi_current: Number(c.kpi_current),
      days_late: Number(c.days_late),
      milestones: own,
    };
    return { ...input, status: c.status as CommitmentStatus, progress: commitmentProgress(input) };
  });
  return { rows, total };
}

export type TrackedCommitment = Awaited<ReturnType<typeof listTrackedCommitments>>["rows"][number];
