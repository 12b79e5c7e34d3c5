import type { Expression, ExpressionBuilder, SelectQueryBuilder, SqlBool } from "kysely";
import type { Database } from "~db/schema";
import type { CommitmentStatus } from "./status";

type Commitments = SelectQueryBuilder<Database, "commitments", object>;
type Condition = (eb: ExpressionBuilder<Database, "commitments">) => Expression<SqlBool>;

/** Late before anything else, whatever is waiting on the reader. */
const LATE: CommitmentStatus[] = ["very_late", "delayed"];
/** After the reports waiting on the reader, in this order. */
const LATER: CommitmentStatus[] = ["at_risk", "on_track", "done", "cancelled"];

type Segment = { size: number; rows: Commitments };

/**
 * One page of ids in the attention order (very late, delayed, a report waiting on the reader, at
 * risk, on track, done, cancelled; then by due date and id) and the number of rows in all.
 * Rather than ranking every row with a CASE and sorting them all, the order is read as segments,
 * each a range of the (tracked, status, due_on, id) index: grouped counts give each segment's size,
 * and only the segments the page falls in are read, from their offset, up to the page's size.
 */
export async function attentionPage(base: Commitments, waiting: Condition, offset: number, limit: number) {
  const [counts, waitingCounts] = await Promise.all([
    base.select(["commitments.status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("commitments.status").execute(),
    base
      .where("commitments.status", "not in", LATE)
      .where(waiting)
      .select(["commitments.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("commitments.status")
      .execute(),
  ]);
  const count = (rows: { status: string; n: unknown }[], status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const segments: Segment[] = [
    ...LATE.map((s) => ({ size: count(counts, s), rows: base.where("commitments.status", "=", s) })),
    { size: waitingCounts.reduce((sum, r) => sum + Number(r.n), 0), rows: base.where("commitments.status", "not in", LATE).where(waiting) },
    ...LATER.map((s) => ({ size: count(counts, s) - count(waitingCounts, s), rows: base.where("commitments.status", "=", s).where((eb) => eb.not(waiting(eb))) })),
  ];
  const ids: string[] = [];
  let start = 0;
  for (const segment of segments) {
    const from = Math.max(0, offset - start);
    const take = Math.min(limit - ids.length, segment.size - from);
    start += segment.size;
    if (take <= 0) continue;
    const rows = await segment.rows.select("commitments.id").orderBy("commitments.due_on").orderBy("commitments.id").limit(take).offset(from).execute();
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= limit) break;
  }
  return { ids, total: counts.reduce((sum, r) => sum + Number(r.n), 0) };
}
