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
  kpi_baseline: number | null;
  kpi_target: number | null;
  kpi_unit_vi: string | null;
  kpi_unit_en: string | null;
  kpi_current: Generated<number>;
  start_on: string | null;
  due_on: string;
  contact_user_id: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  /** Stored copy of the derived status, kept true by refreshCommitmentStatus (decision 0015). */
  status: Generated<string>;
  /** Days the most overdue unfinished milestone (or the due date) is past, 0 when none. */
  days_late: Generated<number>;
  /** The day (Asia/Ho_Chi_Minh) the stored status was derived for; "" before the first derivation. */
  status_on: Generated<string>;
  /** Unfinished milestones past due on `status_on`, 0 once cancelled; written with the status. */
  overdue_milestones: Generated<number>;
  /** The MoU has a sealed agreement; kept by triggers (decision 0020), like the two below. */
  tracked: Generated<number>;
  /** The owner organization's sector and province, copied for the dashboard's grouped counts. */
  owner_sector: Generated<string | null>;
  owner_province: Generated<string | null>;
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
  /** Only a confirmed update counts toward the KPI and the milestones. */
  status: Generated<ProgressUpdateStatus>;
  /** The milestone's status the update reports, applied when it is confirmed. */
  milestone_status: MilestoneStatus | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export type ProgressUpdateStatus = "submitted" | "confirmed" | "returned";

export type TimelineKind =
  | "update.submitted"
  | "update.revised"
  | "update.confirmed"
  | "update.returned"
  | "comment"
  | "milestone.added"
  | "milestone.changed"
  | "milestone.removed"
  | "contact.changed"
  | "status.changed";

/** What happened to a commitment, in order: the history its page shows. */
export interface CommitmentTimelineTable {
  id: string;
  commitment_id: string;
  progress_update_id: string | null;
  kind: TimelineKind;
  actor_id: string | null;
  actor_label: string | null;
  body: string | null;
  before: string | null;
  after: string | null;
  at: string;
}

/** One row per reminder or digest sent, by a key that names it: inserted once, whatever the number of processes. */
export interface ReminderSentTable {
  key: string;
  sent_at: string;
}

export interface ProgressUpdateFileTable {
  progress_update_id: string;
  file_id: string;
}
