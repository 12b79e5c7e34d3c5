/** Who an organizer's message goes to: a status, or the confirmed attendees not yet at the door. Shared with the form. */
export const MAIL_SEGMENTS = ["confirmed", "waitlisted", "pending", "not_checked_in"] as const;
export type MailSegment = (typeof MAIL_SEGMENTS)[number];
