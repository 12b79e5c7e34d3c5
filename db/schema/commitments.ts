/** Commitments under an MoU, their milestones and progress. */
import type { Generated } from "./columns";

export type MilestoneStatus = "pending" | "in_progress" | "done" | "missed";

export interface CommitmentTable {
  id: string;
  mou_id: string;
  org_id: string;
  title_vi: string;
  title_en: string | null;
  description_vi: string | null;
  description_en: string | null;
  kpi_target: number | null;
  kpi_unit_vi: string | null;
  kpi_unit_en: string | null;
  kpi_current: Generated<number>;
  start_on: string | null;
  due_on: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  /** Stored copy of the derived status, kept true by refreshCommitmentStatus (decision 0015). */
  status: Generated<string>;
  /** Days the most overdue unfinished milestone (or the due date) is past, 0 when none. */
  days_late: Generated<number>;
  /** The day (Asia/Ho_Chi_Minh) the stored status was derived for; "" before the first derivation. */
  status_on: Generated<string>;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MilestoneTable {
  id: string;
  commitment_id: string;
  title_vi: string;
  title_en: string | null;
  due_on: string;
  weight: Generated<number>;
  status: MilestoneStatus;
  done_at: string | null;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProgressUpdateTable {
  id: string;
  commitment_id: string;
  milestone_id: string | null;
  author_id: string | null;
  note: string;
  kpi_value: number | null;
  created_at: string;
}

export interface ProgressUpdateFileTable {
  progress_update_id: string;
  file_id: string;
}
