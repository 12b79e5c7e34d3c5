import { readableMouIds, type Actor } from "~/auth/permissions.server";
import { trackedCommitments } from "~/commitments/commitments.server";
import { vietnamToday } from "~/lib/time";
import { listPartiesOf } from "~/mous/public-mous.server";
import type { DB } from "~db/schema";
import { pageOf, type ApiQuery } from "./api.schema";

const EMPTY = { data: [], next: null };
const orNull = (n: number | string | null) => (n === null ? null : Number(n));

/**
 * The read API's lists over MoUs, commitments and milestones. Each narrows with the permission
 * module's own list filters (the ones /mous and /commitments use), so a token reads what its
 * owner would see on those pages; each pages by id after the cursor, the primary key's order,
 * so a walk meets every item once however the rows change meanwhile.
 */
export async function readApiMous(db: DB, actor: Actor, query: ApiQuery<"mous">) {
  const readable = readableMouIds(db, actor);
  if (readable === "none") return EMPTY;
  let rows = db
    .selectFrom("mous")
    .select(["mous.id", "mous.reference", "mous.status", "mous.title_vi", "mous.title_en", "mous.visibility", "mous.event_id", "mous.effective_on", "mous.expires_on", "mous.is_sample", "mous.created_at", "mous.updated_at"]);
  if (readable !== "all") rows = rows.where("mous.id", "in", readable);
  const { status, org, event } = query.filters;
  if (status) rows = rows.where("mous.status", "=", status);
  if (org) rows = rows.where("mous.id", "in", db.selectFrom("mou_parties").select("mou_parties.mou_id").where("mou_parties.org_id", "=", org).where("mou_parties.accepted_at", "is not", null));
  if (event) rows = rows.where("mous.event_id", "=", event);
  if (query.after) rows = rows.where("mous.id", ">", query.after);
  const page = pageOf(await rows.orderBy("mous.id").limit(query.limit + 1).execute(), query.limit);
  const parties = page.data.length ? await listPartiesOf(db, page.data.map((m) => m.id)) : [];
  return {
    next: page.next,
    data: page.data.map((m) => ({
      ...m,
      is_sample: Number(m.is_sample) === 1,
      parties: parties.filter((p) => p.mou_id === m.id).map((p) => ({ org_id: p.org_id, name_vi: p.name_vi, name_en: p.name_en, is_lead: Number(p.is_lead) === 1 })),
    })),
  };
}

export async function readApiCommitments(db: DB, actor: Actor, query: ApiQuery<"commitments">) {
  const tracked = trackedCommitments(db, actor);
  if (!tracked) return EMPTY;
  let rows = tracked
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .innerJoin("organizations", "organizations.id", "commitments.org_id")
    .select([
      "commitments.id",
      "commitments.mou_id",
      "mous.reference as mou_reference",
      "commitments.org_id as owner_org_id",
      "organizations.name_vi as owner_name_vi",
      "organizations.name_en as owner_name_en",
      "commitments.title_vi",
      "commitments.title_en",
      "commitments.status",
      "commitments.days_late",
      "commitments.kpi_baseline",
      "commitments.kpi_target",
      "commitments.kpi_current",
      "commitments.kpi_unit_vi",
      "commitments.kpi_unit_en",
      "commitments.start_on",
      "commitments.due_on",
      "commitments.cancelled_at",
      "commitments.updated_at",
    ]);
  const { status, owner, mou } = query.filters;
  if (status) rows = rows.where("commitments.status", "=", status);
  if (owner) rows = rows.where("commitments.org_id", "=", owner);
  if (mou) rows = rows.where("commitments.mou_id", "=", mou);
  if (query.after) rows = rows.where("commitments.id", ">", query.after);
  const page = pageOf(await rows.orderBy("commitments.id").limit(query.limit + 1).execute(), query.limit);
  return {
    next: page.next,
    data: page.data.map((c) => ({
      ...c,
      days_late: Number(c.days_late),
      kpi_baseline: orNull(c.kpi_baseline),
      kpi_target: orNull(c.kpi_target),
      kpi_current: Number(c.kpi_current),
    })),
  };
}

export async function readApiMilestones(db: DB, actor: Actor, query: ApiQuery<"milestones">, today = vietnamToday()) {
  const tracked = trackedCommitments(db, actor);
  if (!tracked) return EMPTY;
  const { commitment, mou, status } = query.filters;
  // Joined, not `in (subquery)`: the planner then walks milestones in id order and stops at the page.
  let rows = tracked
    .innerJoin("milestones", "milestones.commitment_id", "commitments.id")
    .select(["milestones.id", "milestones.commitment_id", "commitments.mou_id", "milestones.title_vi", "milestones.title_en", "milestones.due_on", "milestones.weight", "milestones.status", "milestones.done_at", "milestones.updated_at"]);
  if (mou) rows = rows.where("commitments.mou_id", "=", mou);
  if (commitment) rows = rows.where("milestones.commitment_id", "=", commitment);
  if (status) rows = rows.where("milestones.status", "=", status);
  if (query.after) rows = rows.where("milestones.id", ">", query.after);
  const page = pageOf(await rows.orderBy("milestones.id").limit(query.limit + 1).execute(), query.limit);
  return {
    next: page.next,
    // Overdue as the commitment status counts it (app/commitments/status.ts): not done, and its day has passed.
    data: page.data.map((m) => ({ ...m, weight: Number(m.weight), overdue: m.status !== "done" && m.due_on < today })),
  };
}
