/** Timestamps are stored as ISO-8601 UTC text on both dialects. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

export const PORTAL_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Vietnam has no daylight saving time: local wall time is always UTC+7. */
const VN_OFFSET_MINUTES = 7 * 60;

/** "2025-05-20T09:00" read as a wall-clock time in Vietnam, to an ISO UTC timestamp. */
export function vietnamLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - VN_OFFSET_MINUTES * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO UTC timestamp as the value of an <input type="datetime-local"> in Vietnam's time. */
export function isoToVietnamLocal(iso: string): string {
  return new Date(new Date(iso).getTime() + VN_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);
}

/** Today's date in Vietnam as YYYY-MM-DD. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
