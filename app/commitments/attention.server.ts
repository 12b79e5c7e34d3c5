import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import type { DB } from "~db/schema";
import type { AttentionSort } from "./attention-sorts";
import { filteredCommitments } from "./dashboard-filter.server";
import type { DashboardFilter } from "./dashboard.schema";
import type { CommitmentStatus } from "./status";

/** The statuses that need someone's attention. */
const NEEDS_ATTENTION: CommitmentStatus[] = ["delayed", "at_risk"];

/**
 * The commitments that are late or at risk under the dashboard's filters, with owner, days late
 * and last progress report, one page at a time in the chosen order (ties broken by id, so pages
 * never overlap), and how many there are.
 */
export async function listAttention(db: DB, filter: DashboardFilter, sort: AttentionSort, page: number) {
  const base = filteredCommitments(db, filter).where("commitments.status", "in", filter.status ? [filter.status] : NEEDS_ATTENTION);
  let rows = base
    .innerJoin("organizations as owner", "owner.id", "commitments.org_id")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .select((eb) => [
      "commitments.id",
      "commitments.title_vi",
      "commitments.title_en",
      "commitments.status",
      "commitments.days_late",
      "commitments.due_on",
      "commitments.org_id",
      "owner.name_vi as org_name_vi",
      "owner.name_en as org_name_en",
      "commitments.mou_id",
      "mous.reference",
      eb.selectFrom("progress_updates").select((u) => u.fn.max("progress_updates.created_at").as("at")).whereRef("progress_updates.commitment_id", "=", "commitments.id").as("last_update"),
    ]);
  if (sort === "days_late") rows = rows.orderBy("commitments.days_late", "desc");
  else if (sort === "due_on") rows = rows.orderBy("commitments.due_on");
  else if (sort === "last_update") rows = rows.orderBy("last_update");
  else rows = rows.orderBy("owner.name_vi");
  const [list, total] = await Promise.all([
    rows.orderBy("commitments.id").limit(PAGE_SIZE).offset(pageOffset(page)).execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: list.map((r) => ({ ...r, status: r.status as CommitmentStatus, days_late: Number(r.days_late) })), total: Number(total.n) };
}
