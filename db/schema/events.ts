/** Events, their agenda, speakers and registrations. */
import type { Generated, Flag, Locale } from "./columns";

export type EventKind = "forum" | "workshop" | "ceremony";
export type EventStatus = "draft" | "published" | "closed" | "archived" | "cancelled";
export type EventOrgRole = "host" | "co_organizer" | "sponsor" | "partner";
export type AgendaKind = "keynote" | "panel" | "talk" | "demo" | "ceremony" | "break";
export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "rejected";

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

/** Seats held at one event, kept by triggers on registrations (migration 2026-12-01-13): never written by app code. */
export interface EventSeatCountTable {
  event_id: string;
  taken: number;
}
