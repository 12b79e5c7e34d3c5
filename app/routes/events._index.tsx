import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { listPublicEvents } from "~/events/public-events.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { EventCard } from "~/ui/event-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const locale = getLocale(request);
  const [upcoming, past] = await Promise.all([listPublicEvents(db, "upcoming"), listPublicEvents(db, "past")]);
  return json({ title: `${translate(locale, "events.title")} · ${translate(locale, "app.shortName")}`, upcoming, past });
}

export default function Events() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("events.title")}</h1>
        <p className="lead">{t("events.lead")}</p>
      </header>
      <section className="section" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("events.upcoming")}</h2>
        {upcoming.length ? (
          <div className="card-grid">
            {upcoming.map((event) => (
              <EventCard key={event.slug} event={event} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("events.none")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="past-heading">
        <h2 id="past-heading">{t("events.past")}</h2>
        {past.length ? (
          <div className="card-grid">
            {past.map((event) => (
              <EventCard key={event.slug} event={event} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("events.none")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
