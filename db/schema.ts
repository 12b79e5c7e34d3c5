/**
 * The typed shape of the portal's database, one interface per table (Kysely's own layout), the tables
 * grouped by domain under db/schema/ and combined here into `Database`.
 * Conventions that hold on both SQLite and PostgreSQL:
 * - ids are random text (`newId()`), so no autoincrement differences between dialects;
 * - timestamps are ISO-8601 UTC text (`2025-05-20T02:00:00.000Z`), dates are `YYYY-MM-DD` text;
 * - booleans are integers 0/1 (better-sqlite3 refuses to bind JS booleans);
 * - structured values (answers, clauses) are JSON text.
 */
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { OrganizationTable, UserTable, SessionTable, MembershipTable, InvitationTable, AuthTokenTable, ThrottleCounterTable, JoinRequestTable, ApiTokenTable } from "./schema/accounts";
import type { EventTable, EventOrganizationTable, SpeakerTable, AgendaItemTable, AgendaSpeakerTable, RegistrationTable, EventSeatCountTable } from "./schema/events";
import type { MouTable, MouPartyTable, MouClauseTable, MouVersionTable, MouCommentTable, SignatoryTable, AgreementTable, SealingCertificateTable, MouEmailInvitationTable, SigningDocumentTable } from "./schema/mous";
import type { CommitmentTable, MilestoneTable, ProgressUpdateTable, ProgressUpdateFileTable, CommitmentTimelineTable, ReminderSentTable } from "./schema/commitments";
import type { FileTable, AuditLogTable, OutboxTable, JobTable, SiteVersionTable } from "./schema/platform";

export type { Locale } from "./schema/columns";
export * from "./schema/accounts";
export * from "./schema/events";
export * from "./schema/mous";
export * from "./schema/commitments";
export * from "./schema/platform";

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  auth_tokens: AuthTokenTable;
  api_tokens: ApiTokenTable;
  throttle_counters: ThrottleCounterTable;
  events: EventTable;
  event_organizations: EventOrganizationTable;
  speakers: SpeakerTable;
  agenda_items: AgendaItemTable;
  agenda_speakers: AgendaSpeakerTable;
  registrations: RegistrationTable;
  event_seat_counts: EventSeatCountTable;
  mous: MouTable;
  mou_parties: MouPartyTable;
  mou_clauses: MouClauseTable;
  mou_versions: MouVersionTable;
  mou_comments: MouCommentTable;
  signatories: SignatoryTable;
  agreements: AgreementTable;
  signing_documents: SigningDocumentTable;
  sealing_certificates: SealingCertificateTable;
  commitments: CommitmentTable;
  milestones: MilestoneTable;
  progress_updates: ProgressUpdateTable;
  progress_update_files: ProgressUpdateFileTable;
  commitment_timeline: CommitmentTimelineTable;
  reminders_sent: ReminderSentTable;
  files: FileTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobTable;
  site_versions: SiteVersionTable;
  join_requests: JoinRequestTable;
  mou_email_invitations: MouEmailInvitationTable;
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
