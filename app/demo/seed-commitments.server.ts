import { newId } from "~/lib/ids.server";
import { refreshCommitmentStatuses } from "~/commitments/stored-status.server";
import type { Tx } from "~db/schema";
import { at } from "./days";

/** A demo commitment with its milestones; everything in it is sample data. */
export type CommitmentSeed = {
  org: string;
  title_vi: string;
  title_en: string;
  kpi_baseline?: number;
  kpi_target: number | null;
  kpi_unit_vi: string | null;
  kpi_unit_en: string | null;
  kpi_current: number;
  due_on: string;
  milestones: { title_vi: string; title_en: string; due_on: string; weight: number; status: "pending" | "in_progress" | "done" }[];
  contact_user_id?: string;
};

export async function insertCommitments(trx: Tx, mouId: string, startOn: string, list: CommitmentSeed[]) {
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (const [i, c] of list.entries()) {
    const id = newId();
    ids.push(id);
    const { org, milestones, ...fields } = c;
    await trx
      .insertInto("commitments")
      .values({ id, mou_id: mouId, org_id: org, ...fields, description_vi: null, description_en: null, start_on: startOn, sort_order: i, created_at: now, updated_at: now })
      .execute();
    for (const [j, m] of milestones.entries()) {
      await trx
        .insertInto("milestones")
        .values({
          id: newId(),
          commitment_id: id,
          ...m,
          done_at: m.status === "done" ? at(m.due_on, "17:00") : null,
          sort_order: j,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  await refreshCommitmentStatuses(trx, ids);
  return ids;
}
