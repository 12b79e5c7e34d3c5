/** Accounts and organizations: who uses the portal and on whose behalf. */
import type { Generated, Flag, Locale } from "./columns";

export type OrgKind = "corporation" | "enterprise" | "startup" | "agency" | "university" | "association";
export type JoinRequestStatus = "pending" | "approved" | "declined";
export type MembershipRole = "admin" | "member";

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
  /** Mã số doanh nghiệp / mã số thuế: 10 or 13 digits, declared at registration. */
  tax_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** People whose confirmed address is at this domain may join without a request when `auto_join` is on. */
  email_domain: string | null;
  auto_join: Generated<Flag>;
  /** The user who registered the organization; null when staff created it. */
  registered_by: string | null;
  rejected_at: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A user asks to join an organization; its admins decide. */
export interface JoinRequestTable {
  id: string;
  org_id: string;
  user_id: string;
  message: string | null;
  status: JoinRequestStatus;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
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
  /** 1: the weekly commitments digest is sent; the user turns it off in /account. */
  commitment_digest: Generated<Flag>;
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

/** A read-API bearer token (issue 11): only its SHA-256 is kept; revoked tokens stay on record. */
export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
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
