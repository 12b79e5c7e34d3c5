import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { listPublicEvents } from "~/events/public-events.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { listPublicSignedMous } from "~/mous/public-mous.server";
import { listEventPartners } from "~/orgs/partners.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { EventCard } from "~/ui/event-card";
import { MouSummaryCard } from "~/ui/mou-summary";
import { OrgLogo } from "~/ui/org-logo";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const locale = getLocale(request);
  const [upcoming, past, partners, mous] = await Promise.all([
    listPublicEvents(db, "upcoming", 6),
    listPublicEvents(db, "past", 3),
    listEventPartners(db),
    listPublicSignedMous(db, { limit: 6 }),
  ]);
  return json({ title: translate(locale, "app.name"), upcoming, past, partners, mous });
}

export default function Home() {
  const { upcoming, past, partners, mous } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="hero">
        <div className="container">
          <p className="eyebrow hero-eyebrow">{t("app.name")}</p>
          <h1>{t("home.title")}</h1>
          <p className="hero-lead">{t("home.lead")}</p>
          <p className="hero-actions">
            <Link to="/events" className="button button-primary">
              {t("home.cta.events")}
            </Link>
            <Link to="/verify" className="button button-on-dark">
              {t("home.cta.verify")}
            </Link>
          </p>
        </div>
      </section>

      <section className="container section" aria-labelledby="upcoming-heading">
        <div className="section-head">
          <h2 id="upcoming-heading">{t("home.upcoming")}</h2>
          <Link to="/events">{t("common.viewAll")}</Link>
        </div>
        {upcoming.length ? (
          <div className="card-grid">
            {upcoming.map((event) => (
              <EventCard key={event.slug} event={event} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("home.noUpcoming")}</p>
        )}
      </section>

      <section className="container section" aria-labelledby="mous-heading">
        <h2 id="mous-heading">{t("home.signedMous")}</h2>
        {mous.length ? (
          <div className="card-grid">
            {mous.map((mou) => (
              <MouSummaryCard key={mou.id} mou={mou} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("home.noMous")}</p>
        )}
      </section>

      {past.length ? (
        <section className="container section" aria-labelledby="past-heading">
          <h2 id="past-heading">{t("home.pastEvents")}</h2>
          <div className="card-grid">
            {past.map((event) => (
              <EventCard key={event.slug} event={event} />
            ))}
          </div>
        </section>
      ) : null}

      <section className="section section-tinted" aria-labelledby="partners-heading">
        <div className="container">
          <h2 id="partners-heading">{t("home.partners")}</h2>
          <ul className="partner-strip">
            {partners.map((org) => (
              <li key={org.id}>
                <Link to={`/orgs/${org.id}`} className="partner">
                  <OrgLogo name={localized(org, "name", locale)} shortName={org.short_name} fileId={org.logo_file_id} />
                  <span>{localized(org, "name", locale)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
