import { Link } from "@remix-run/react";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/messages";
import { SampleBadge } from "./layout";

type CardEvent = {
  slug: string;
  kind: string;
  status: string;
  title_vi: string;
  title_en: string;
  summary_vi: string;
  summary_en: string;
  venue_vi: string;
  venue_en: string;
  starts_at: string;
  is_sample: number;
};

export function EventCard({ event, headingLevel = 3 }: { event: CardEvent; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card event-card">
      <div className="event-date" aria-hidden="true">
        <span className="event-date-day">{formatDate(event.starts_at, locale, "shortDate").slice(0, 2)}</span>
        <span className="event-date-month">{formatDate(event.starts_at, locale, "shortDate").slice(3)}</span>
      </div>
      <div className="event-card-body">
        <p className="eyebrow">
          {t(`events.kind.${event.kind}` as MessageKey)}
          {event.status === "cancelled" ? <span className="badge badge-danger">{t("events.status.cancelled")}</span> : null}
          {event.is_sample ? <SampleBadge /> : null}
        </p>
        <Heading className="card-title">
          <Link to={`/events/${event.slug}`}>{localized(event, "title", locale)}</Link>
        </Heading>
        <p className="muted">
          <time dateTime={event.starts_at}>{formatDate(event.starts_at, locale, "dateTime")}</time> · {localized(event, "venue", locale)}
        </p>
        <p>{localized(event, "summary", locale)}</p>
      </div>
    </article>
  );
}
