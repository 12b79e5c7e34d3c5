/** MoUs: parties, clauses, versions, signatories and the sealed agreement. */
import type { Generated, Flag } from "./columns";

/** "signed": sealed, in force from its effective date (then "active"). */
export type MouStatus = "draft" | "in_review" | "awaiting_signatures" | "signed" | "active" | "completed" | "expired" | "terminated";
export type SignatoryStatus = "pending" | "signed" | "declined";

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
  /** The thread's first comment, for a reply; null for a comment that starts a thread. */
  parent_id: Generated<string | null>;
  /** Set on a thread's first comment only: a thread is resolved or reopened as a whole. */
  resolved_at: string | null;
  resolved_by: Generated<string | null>;
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
  signature_kind: "typed" | "drawn" | "certificate" | null;
  /** Drawn signature as a PNG data URL, the typed name, or the certificate's subject and fingerprint. */
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
  /** What the signatory's own certificate must name: `MST:…` (tax code), `CCCD:…` or `CMND:…` (citizen ID). */
  identifier: Generated<string | null>;
  /** Of the own certificate's signer: `not_checked` until the revocation job ran (decision 0023). */
  revocation_status: Generated<RevocationStatus | null>;
  revocation_checked_at: Generated<string | null>;
  /** The detail: why it could not be checked, or when the certificate was revoked. */
  revocation_note: Generated<string | null>;
  revocation_reason: Generated<RevocationReason | null>;
  /** SHA-256 of the own certificate that signed, for /verify to find the signatory. */
  certificate_fingerprint: Generated<string | null>;
  created_at: string;
}

/**
 * The document a signatory signs with their own certificate: the frozen version as a PDF, made
 * once; `file_id` is the current bytes (with every CA signature accepted so far).
 */
export type RevocationStatus = "not_checked" | "good" | "revoked" | "unavailable";
/** Why revocation could not be checked. */
export type RevocationReason = "noIssuer" | "noDistributionPoint" | "fetchFailed" | "badSignature" | "outOfDate";

export interface SigningDocumentTable {
  version_id: string;
  mou_id: string;
  file_id: string;
  sha256: string;
  original_sha256: string;
  verification_code: string;
  /** JSON SealPlace: where the final seal's appearance goes. */
  seal_place: string;
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
  /** The certificate that sealed it; null for agreements sealed before certificates were recorded. */
  certificate_fingerprint: string | null;
}

export interface SealingCertificateTable {
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  subject: string;
  issuer: string;
  not_before: string;
  not_after: string;
  /** 1 for the self-signed development certificate. */
  development: number;
  der: Buffer;
  first_used_at: string;
}

/**
 * A partner not yet on the portal, invited to a draft by its representative's email. When the
 * invitee names their organization (`org_id`), it becomes a pending party like any other.
 */
export interface MouEmailInvitationTable {
  id: string;
  mou_id: string;
  email: string;
  invited_by: string;
  org_id: string | null;
  created_at: string;
  answered_at: string | null;
}
