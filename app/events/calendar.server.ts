import { createEvent } from "ics";
import type { Locale } from "~/i18n/locale";
import { localized } from "~/i18n/translate";
import type { Event } from "~db/schema";

type CalendarEvent = Pick<Event, "id" | "slug" | "status" | "title_vi" | "title_en" | "summary_vi" | "summary_en" | "venue_vi" | "venue_en" | "address" | "starts_at" | "ends_at">;

/**
 * The event as an iCalendar file. Times are written in UTC (…Z): every calendar shows them in its
 * own zone, so 08:30 in Hà Nội stays 08:30 Asia/Ho_Chi_Minh wherever the file is opened.
 */
export function buildEventIcs(event: CalendarEvent, locale: Locale, origin: string): string {
  const url = `${origin}/events/${event.slug}`;
  const { error, value } = createEvent({
    uid: `${event.id}@portal`,
    productId: "innovation-forum-portal",
    start: new Date(event.starts_at).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(event.ends_at).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: localized(event, "title", locale),
    description: `${localized(event, "summary", locale)}\n\n${url}`,
    location: [localized(event, "venue", locale), event.address].filter(Boolean).join(", "),
    url,
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
  });
  if (error || !value) throw error ?? new Error("calendar file could not be built");
  return value;
}
