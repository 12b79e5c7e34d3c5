import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { registrationWindow } from "~/events/registration-window";
import {
  findPublicEvent,
  listAgenda,
  listEventOrganizations,
  listEventSpeakers,
} from "~/events/public-events.server";
import { countTakenSeats } from "~/events/seats.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { nowIso } from "~/lib/time";
import { listPublicSignedMous } from "~/mous/public-mous.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Avatar } from "~/ui/initials";
import { SampleBadge } from "~/ui/layout";
import { MouSummaryCard } from "~/ui/mou-summary";
import { OrgLogo } from "~/ui/org-logo";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.event.title_vi }, { name: "description", content: data.event.summary_vi }] : [];

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const event = await findPublicEvent(db, params.slug ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  const [agenda, speakers, organizations, mous, taken] = await Promise.all([
    listAgenda(db, event.id),
    listEventSpeakers(db, event.id),
    listEventOrganizations(db, event.id),
    listPublicSignedMous(db, { eventId: event.id }),
    countTakenSeats(db, event.id),
  ]);
  return json({
    event,
    agenda,
    speakers,
    organizations,
    mous,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - taken),
    window: registrationWindow(event, nowIso()),
  });
}

/** Agenda items grouped by their day in Vietnam, in time order. */
function groupByDay<T extends { starts_at: string }>(items: T[], locale: "vi" | "en") {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const day = formatDate(item.starts_at, locale, "weekday");
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days.entries()];
}

export default function EventPage() {
  const { event, agenda, speakers, organizations, mous, seatsLeft, window } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const speakerById = new Map(speakers.map((s) => [s.id, s]));
  const roles = ["host", "co_organizer", "sponsor", "partner"] as const;

  return (
    <div className="page">
      <section className="event-hero">
        <div className="container">
          <p className="eyebrow">
            {t(`events.kind.${event.kind}` as MessageKey)}
            <span className={`badge badge-status-${event.status}`}>{t(`events.status.${event.status}` as MessageKey)}</span>
            {event.is_sample ? <SampleBadge /> : null}
          </p>
          <h1>{localized(event, "title", locale)}</h1>
          <p className="lead">{localized(event, "summary", locale)}</p>
          <dl className="facts">
            <div>
              <dt>{t("events.when")}</dt>
              <dd>
                <time dateTime={event.starts_at}>{formatDate(event.starts_at, locale, "dateTime")}</time>
                {" – "}
                <time dateTime={event.ends_at}>{formatDate(event.ends_at, locale, "time")}</time>
                <span className="muted small"> ({t("events.timeZoneNote")})</span>
              </dd>
            </div>
            <div>
              <dt>{t("events.where")}</dt>
              <dd>
                {localized(event, "venue", locale)}
                {event.address ? <span className="muted">, {event.address}</span> : null}
              </dd>
            </div>
            {event.capacity !== null && window === "open" ? (
              <div>
                <dt>{t("events.seats")}</dt>
                <dd>{seatsLeft ? t("events.seatsLeft", { left: seatsLeft, capacity: event.capacity }) : t("events.full")}</dd>
              </div>
            ) : null}
          </dl>
          <p className="hero-actions">
            {window === "open" ? (
              <Link to={`/events/${event.slug}/register`} className="button button-primary">
                {t("events.register")}
              </Link>
            ) : (
              <span className="badge badge-muted">{t("events.registrationClosed")}</span>
            )}
            <a href={`/events/${event.slug}/calendar.ics`} className="button button-on-dark">
              {t("events.addToCalendar")}
            </a>
          </p>
        </div>
      </section>

      <div className="container event-layout">
        {localized(event, "description", locale) ? (
          <section className="section" aria-labelledby="about-heading">
            <h2 id="about-heading">{t("events.about")}</h2>
            <p className="prose">{localized(event, "description", locale)}</p>
          </section>
        ) : null}

        <section className="section" aria-labelledby="agenda-heading">
          <h2 id="agenda-heading">{t("events.agenda")}</h2>
          {agenda.length === 0 ? <p className="empty">{t("events.noAgenda")}</p> : null}
          {groupByDay(agenda, locale).map(([day, items]) => (
            <div key={day} className="agenda-day">
              <h3 className="agenda-day-title">{day}</h3>
              <ol className="agenda">
                {items.map((item) => (
                  <li key={item.id} className={`agenda-item agenda-${item.kind}`}>
                    <div className="agenda-time">
                      <time dateTime={item.starts_at}>{formatDate(item.starts_at, locale, "time")}</time>
                      {"–"}
                      <time dateTime={item.ends_at}>{formatDate(item.ends_at, locale, "time")}</time>
                    </div>
                    <div className="agenda-body">
                      <p className="agenda-kind">
                        {t(`events.agendaKind.${item.kind}` as MessageKey)}
                        {item.room ? <span className="muted"> · {item.room}</span> : null}
                      </p>
                      <p className="agenda-title">{localized(item, "title", locale)}</p>
                      {item.speakerIds.length ? (
                        <p className="agenda-speakers">
                          {item.speakerIds
                            .map((id) => speakerById.get(id)?.name)
                            .filter(Boolean)
                            .join(", ")}
                        </p>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </section>

        {speakers.length ? (
          <section className="section" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{t("events.speakers")}</h2>
            <ul className="speaker-grid">
              {speakers.map((s) => (
                <li key={s.id} className="speaker">
                  <Avatar name={s.name} fileId={s.photo_file_id} size="lg" />
                  <div>
                    <h3 className="speaker-name">{s.name}</h3>
                    <p className="speaker-position">{localized(s, "position", locale)}</p>
                    {localized(s, "bio", locale) ? <p className="small muted">{localized(s, "bio", locale)}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {organizations.length ? (
          <section className="section" aria-labelledby="orgs-heading">
            <h2 id="orgs-heading">{t("events.organizers")}</h2>
            <div className="org-roles">
              {roles
                .filter((role) => organizations.some((o) => o.role === role))
                .map((role) => (
                  <div key={role} className="org-role">
                    <h3 className="org-role-title">{t(`events.role.${role}` as MessageKey)}</h3>
                    <ul className="partner-strip">
                      {organizations
                        .filter((o) => o.role === role)
                        .map((o) => (
                          <li key={o.id}>
                            <Link to={`/orgs/${o.id}`} className="partner">
                              <OrgLogo name={localized(o, "name", locale)} shortName={o.short_name} fileId={o.logo_file_id} />
                              <span>{localized(o, "name", locale)}</span>
                            </Link>
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
            </div>
          </section>
        ) : null}

        {mous.length ? (
          <section className="section" aria-labelledby="mous-heading">
            <h2 id="mous-heading">{t("events.signedHere")}</h2>
            <div className="card-grid">
              {mous.map((mou) => (
                <MouSummaryCard key={mou.id} mou={mou} />
              ))}
            </div>
          </section>
        ) : null}
        {event.is_sample ? <p className="small muted sample-note">{t("sample.explain")}</p> : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
