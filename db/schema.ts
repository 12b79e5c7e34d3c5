/**
 * The typed shape of the portal's database, one interface per table (Kysely's own layout).
 * Conventions that hold on both SQLite and PostgreSQL:
 * - ids are random text (`newId()`), so no autoincrement differences between dialects;
 * - timestamps are ISO-8601 UTC text (`2025-05-20T02:00:00.000Z`), dates are `YYYY-MM-DD` text;
 * - booleans are integers 0/1 (better-sqlite3 refuses to bind JS booleans);
 * - structured values (answers, clauses) are JSON text.
 */
import type { ColumnType, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";

type Generated<T> = ColumnType<T, T | undefined, T>;
type Flag = 0 | 1;

export type OrgKind = "corporation" | "enterprise" | "startup" | "agency" | "university";
export type MembershipRole = "admin" | "member";
export type EventKind = "forum" | "workshop" | "ceremony";
export type EventStatus = "draft" | "published" | "closed" | "archived" | "cancelled";
export type EventOrgRole = "host" | "co_organizer" | "sponsor" | "partner";
export type AgendaKind = "keynote" | "panel" | "talk" | "demo" | "ceremony" | "break";
export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "rejected";
export type MouStatus = "draft" | "in_review" | "awaiting_signatures" | "active" | "completed" | "expired" | "terminated";
export type SignatoryStatus = "pending" | "signed" | "declined";
export type MilestoneStatus = "pending" | "in_progress" | "done" | "missed";
export type OutboxStatus = "pending" | "sending" | "sent" | "failed";
export type JobStatus = "pending" | "running" | "done" | "failed";
export type Locale = "vi" | "en";

export interface OrganizationTable {
  id: string;
  name_vi: string;
  name_en: string;
  short_name: string | null;
  kind: OrgKind;
  country: string;
  province: string | null;
  sector: string | null;
  website: string | null;
  logo_file_id: string | null;
  description_vi: string | null;
  description_en: string | null;
  verified: Generated<Flag>;
  verified_at: string | null;
  verified_by: string | null;
  is_sample: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: string | null;
  locale: Generated<Locale>;
  is_staff: Generated<Flag>;
  is_organizer: Generated<Flag>;
  phone: string | null;
  position: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Lucia's session table; `expires_at` is epoch seconds on SQLite and timestamptz on PostgreSQL, as each adapter documents. */
export interface SessionTable {
  id: string;
  user_id: string;
  expires_at: number | Date;
}

export interface MembershipTable {
  id: string;
  org_id: string;
  user_id: string;
  role: MembershipRole;
  created_at: string;
}

export interface InvitationTable {
  id: string;
  org_id: string;
  email: string;
  role: MembershipRole;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** Single-use tokens sent by email: address verification and password reset. Only the hash is kept. */
export interface AuthTokenTable {
  id: string;
  user_id: string;
  kind: "verify_email" | "reset_password";
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/**
 * One counter per throttled key (an account at an address, an address, a mail purpose), kept in
 * the database so every process sees it, and changed only by conditional updates.
 */
export interface ThrottleCounterTable {
  key: string;
  count: number;
  /** ISO time before which the key is refused; the growing delay after the free attempts. */
  blocked_until: string;
  updated_at: string;
}

export interface EventTable {
  id: string;
  slug: string;
  kind: EventKind;
  status: EventStatus;
  title_vi: string;
  title_en: string;
  summary_vi: string;
  summary_en: string;
  description_vi: string | null;
  description_en: string | null;
  venue_vi: string;
  venue_en: string;
  address: string | null;
  starts_at: string;
  ends_at: string;
  timezone: Generated<string>;
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  requires_approval: Generated<Flag>;
  /** JSON: the event's own registration questions. */
  questions: Generated<string>;
  cover_file_id: string | null;
  is_sample: Generated<Flag>;
  created_by: string | null;
  published_at: string | null;
  cancelled_at: string | null;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventOrganizationTable {
  id: string;
  event_id: string;
  org_id: string;
  role: EventOrgRole;
  sort_order: Generated<number>;
}

export interface SpeakerTable {
  id: string;
  event_id: string;
  name: string;
  position_vi: string | null;
  position_en: string | null;
  org_id: string | null;
  organization_name: string | null;
  bio_vi: string | null;
  bio_en: string | null;
  photo_file_id: string | null;
  user_id: string | null;
  email: string | null;
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AgendaItemTable {
  id: string;
  event_id: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  kind: AgendaKind;
  title_vi: string;
  title_en: string;
  description_vi: string | null;
  description_en: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgendaSpeakerTable {
  agenda_item_id: string;
  speaker_id: string;
}

export interface RegistrationTable {
  id: string;
  event_id: string;
  ticket_code: string;
  status: RegistrationStatus;
  name: string;
  email: string;
  /** Lower-cased, trimmed email: the unique key that gives a second registration back the first. */
  email_normalized: string;
  phone: string | null;
  organization: string | null;
  position: string | null;
  org_id: string | null;
  user_id: string | null;
  registered_by: string | null;
  /** JSON: answers to the event's own questions. */
  answers: Generated<string>;
  locale: Generated<Locale>;
  consent_at: string;
  consent_text: string;
  confirmed_at: string | null;
  waitlisted_at: string | null;
  cancelled_at: string | null;
  checked_in_at: string | null;
  checked_in_by: string | null;
  erased_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MouTable {
  id: string;
  reference: string;
  status: MouStatus;
  title_vi: string;
  title_en: string;
  purpose_vi: string | null;
  purpose_en: string | null;
  scope_vi: string | null;
  scope_en: string | null;
  event_id: string | null;
  effective_on: string | null;
  expires_on: string | null;
  visibility: "private" | "public";
  signing_order: Generated<"parallel" | "sequential">;
  signing_deadline: string | null;
  current_version_id: string | null;
  shared_at: string | null;
  is_sample: Generated<Flag>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MouPartyTable {
  id: string;
  mou_id: string;
  org_id: string;
  is_lead: Generated<Flag>;
  sort_order: Generated<number>;
  /** When one of the organization's admins accepted; null while pending, when it sees nothing of the MoU. */
  accepted_at: string | null;
}

/** The working draft's clauses; each version keeps its own frozen copy in `mou_versions.content`. */
export interface MouClauseTable {
  id: string;
  mou_id: string;
  position: number;
  heading_vi: string | null;
  heading_en: string | null;
  body_vi: string;
  body_en: string | null;
}

export interface MouVersionTable {
  id: string;
  mou_id: string;
  number: number;
  /** JSON: the canonical text of this version (metadata, parties, clauses, commitments). */
  content: string;
  /** SHA-256 (hex) over the canonical form of `content`. */
  content_hash: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  frozen_at: string | null;
}

export interface MouCommentTable {
  id: string;
  mou_id: string;
  version_id: string | null;
  clause_id: string | null;
  author_id: string;
  kind: "comment" | "change_request";
  body: string;
  resolved_at: string | null;
  created_at: string;
}

export interface SignatoryTable {
  id: string;
  mou_id: string;
  party_id: string;
  version_id: string | null;
  user_id: string | null;
  name: string;
  title: string | null;
  email: string;
  sign_order: Generated<number>;
  status: SignatoryStatus;
  signature_kind: "typed" | "drawn" | null;
  /** Drawn signature as a PNG data URL, or the typed name. */
  signature_data: string | null;
  consent_text: string | null;
  version_hash: string | null;
  ip: string | null;
  user_agent: string | null;
  signed_at: string | null;
  decline_reason: string | null;
  declined_at: string | null;
  otp_hash: string | null;
  otp_expires_at: string | null;
  otp_attempts: Generated<number>;
  /** The Vietnam day of `otp_day_count`: codes sent plus wrong guesses, capped per day whatever the codes. */
  otp_day: string | null;
  otp_day_count: Generated<number>;
  invited_at: string | null;
  last_reminded_at: string | null;
  reminder_count: Generated<number>;
  /** Set when an amendment starts a new signing round; the row stays as the record of the earlier one. */
  superseded_at: Generated<string | null>;
  created_at: string;
}

/** A sealed agreement PDF, made once when the last signatory signs. */
export interface AgreementTable {
  id: string;
  mou_id: string;
  version_id: string;
  file_id: string;
  sha256: string;
  verification_code: string;
  created_at: string;
}

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

/** Uploaded and generated files, kept in the database so that every server process sees them. */
export interface FileTable {
  id: string;
  kind: string;
  filename: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  /** Position in the hash chain, 1, 2, 3, … */
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: string;
  kind: string;
  to_address: string;
  to_name: string | null;
  locale: Generated<Locale>;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON: [{ filename, contentType, render, ref }], rendered when the mail is sent (see app/mail/outbox.server.ts). */
  attachments: Generated<string>;
  /** What happened to this email, for staff; its scheduling is the job of the same id. */
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface JobTable {
  id: string;
  /** The registered handler that runs it, e.g. "mail.send", "agreement.seal". */
  kind: string;
  /** JSON, the handler's input. */
  payload: Generated<string>;
  status: JobStatus;
  attempts: Generated<number>;
  /** Due from this time; after a failure, the time of the next attempt. */
  run_at: string;
  /** A running job whose runner died is taken over once its lease has run out. */
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  auth_tokens: AuthTokenTable;
  throttle_counters: ThrottleCounterTable;
  events: EventTable;
  event_organizations: EventOrganizationTable;
  speakers: SpeakerTable;
  agenda_items: AgendaItemTable;
  agenda_speakers: AgendaSpeakerTable;
  registrations: RegistrationTable;
  mous: MouTable;
  mou_parties: MouPartyTable;
  mou_clauses: MouClauseTable;
  mou_versions: MouVersionTable;
  mou_comments: MouCommentTable;
  signatories: SignatoryTable;
  agreements: AgreementTable;
  commitments: CommitmentTable;
  milestones: MilestoneTable;
  progress_updates: ProgressUpdateTable;
  progress_update_files: ProgressUpdateFileTable;
  files: FileTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobTable;
}

export type DB = Kysely<Database>;
/** Repositories take either the database or a transaction as their first argument. */
export type Trx = Kysely<Database> | Transaction<Database>;
/**
 * For functions that must run inside the caller's transaction (queueing a job or an email,
 * appending to the audit chain, locking a row): the type checker refuses a plain `DB` there, so
 * the work they add can never land without the change it belongs to.
 */
export type Tx = Transaction<Database>;

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Membership = Selectable<MembershipTable>;
export type Event = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type EventUpdate = Updateable<EventTable>;
export type Speaker = Selectable<SpeakerTable>;
export type AgendaItem = Selectable<AgendaItemTable>;
export type Registration = Selectable<RegistrationTable>;
export type NewRegistration = Insertable<RegistrationTable>;
export type Mou = Selectable<MouTable>;
export type MouParty = Selectable<MouPartyTable>;
export type MouVersion = Selectable<MouVersionTable>;
export type Signatory = Selectable<SignatoryTable>;
export type Agreement = Selectable<AgreementTable>;
export type Commitment = Selectable<CommitmentTable>;
export type Milestone = Selectable<MilestoneTable>;
export type ProgressUpdate = Selectable<ProgressUpdateTable>;
export type StoredFile = Selectable<FileTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Job = Selectable<JobTable>;
