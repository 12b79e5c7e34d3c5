import { sql, type ExpressionBuilder } from "kysely";
import type { Database, DB } from "~db/schema";
import { filteredCommitments } from "./dashboard-filter.server";
import type { DashboardFilter } from "./dashboard.schema";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "./status";

/** Bars a chart shows at most: the largest groups, the rest summed in the table's total. */
const CHART_GROUPS = 12;
/** Months of the per-month charts, counting back from the latest with data. */
export const CHART_MONTHS = 24;

export type StatusCounts = Record<CommitmentStatus, number>;

export const emptyCounts = (): StatusCounts => Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

function addCount(counts: StatusCounts, status: string, n: unknown) {
  if (status in counts) counts[status as CommitmentStatus] += Number(n);
}

/** `YYYY-MM` of a date or timestamp column, the same on both dialects. */
export const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/**
 * Status counts grouped by one of the copied keys (decision 0020), the largest groups first (ties
 * by key, in the database's own order), in one pass over a covering index: the groups are ranked
 * by their totals in SQL and only the first ones come back.
 */
export async function countsBy(db: DB, filter: DashboardFilter, column: "commitments.owner_sector" | "commitments.owner_province" | "commitments.org_id") {
  const grouped = filteredCommitments(db, filter)
    .select([sql<string | null>`${sql.ref(column)}`.as("k"), "commitments.status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy([column, "commitments.status"]);
  const totalled = db.selectFrom(grouped.as("g")).select(["g.k", "g.status", "g.n", sql<number>`sum(g.n) over (partition by g.k)`.as("total")]);
  const ranked = await db
    .selectFrom(totalled.as("t"))
    .select(["t.k", "t.status", "t.n", "t.total", sql<number>`dense_rank() over (order by t.total desc, t.k)`.as("rank")])
    .execute();
  const groups = new Map<string | null, { key: string | null; total: number; counts: StatusCounts; rank: number }>();
  for (const r of ranked) {
    if (Number(r.rank) > CHART_GROUPS) continue;
    const group = groups.get(r.k) ?? { key: r.k, total: Number(r.total), counts: emptyCounts(), rank: Number(r.rank) };
    addCount(group.counts, r.status, r.n);
    groups.set(r.k, group);
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank).map(({ key, total, counts }) => ({ key, total, counts }));
}

/**
 * One grouped pass by month of the due date and status, giving the status tiles (all months), the
 * per-month series (the latest months) and the number of overdue milestones. That number is
 * summed from the copy stored with each status for the rows derived for `today`; rows not yet
 * re-derived today (between midnight and the daily refresh) are counted from their milestones.
 */
export async function statusSeries(db: DB, filter: DashboardFilter, today: string) {
  const notToday = (eb: ExpressionBuilder<Database, "commitments">) => eb.or([eb("commitments.status_on", "<", today), eb("commitments.status_on", ">", today)]);
  const [rows, anyStale] = await Promise.all([
    filteredCommitments(db, filter)
      .select([
        monthOf("commitments.due_on").as("month"),
        "commitments.status",
        (eb) => eb.fn.countAll<number>().as("n"),
        sql<number>`sum(case when ${sql.ref("commitments.status_on")} = ${today} then ${sql.ref("commitments.overdue_milestones")} else 0 end)`.as("overdue"),
      ])
      .groupBy([monthOf("commitments.due_on"), "commitments.status"])
      .execute(),
    // On its own, so that it reads the status_on index and stops at the first row.
    db.selectFrom("commitments").select("commitments.id").where(notToday).limit(1).executeTakeFirst(),
  ]);
  const stale = anyStale
    ? await filteredCommitments(db, filter)
        .where(notToday)
        .innerJoin("milestones", "milestones.commitment_id", "commitments.id")
        .where("milestones.status", "!=", "done")
        .where("milestones.due_on", "<", today)
        .where("commitments.cancelled_at", "is", null)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    : { n: 0 };
  const total = emptyCounts();
  const byMonth = new Map<string, StatusCounts>();
  let overdue = Number(stale.n);
  for (const r of rows) {
    addCount(total, r.status, r.n);
    const counts = byMonth.get(r.month) ?? emptyCounts();
    addCount(counts, r.status, r.n);
    byMonth.set(r.month, counts);
    overdue += Number(r.overdue ?? 0);
  }
  const months = [...byMonth.keys()].sort().slice(-CHART_MONTHS);
  return {
    byStatus: COMMITMENT_STATUSES.map((status) => ({ status, count: total[status] })),
    byMonth: months.map((month) => ({ month, counts: byMonth.get(month)! })),
    overdueMilestones: overdue,
  };
}
