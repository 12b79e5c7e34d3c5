/** What every domain shares: files, the audit log, the mail outbox and the job queue. */
import type { Generated, Locale } from "./columns";

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";
export type JobStatus = "pending" | "running" | "done" | "failed";

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

/** A stamp per cached area ("public"), raised by triggers on every change that a cached page shows. */
export interface SiteVersionTable {
  name: string;
  version: number;
}
