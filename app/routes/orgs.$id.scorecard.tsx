import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { loadScorecard } from "~/commitments/scorecard.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { DomainError } from "~/lib/domain-error";
import { findOrganization } from "~/orgs/organizations.server";
import { BarChart } from "~/ui/bar-chart";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MouStatusBadge } from "~/ui/mou-status";
import commitmentsStyles from "~/styles/commitments.css";
import monitoringStyles from "~/styles/monitoring.css";

export const links = () => [
  { rel: "stylesheet", href: commitmentsStyles },
  { rel: "stylesheet", href: monitoringStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

/** An organization's record as a partner, for staff and its own members. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const orgId = args.params.id ?? "";
  requirePermission(actor, { action: "org.scorecard", orgId });
  const db = getDb();
  const org = await findOrganization(db, orgId);
  if (!org) throw new DomainError("notFound");
  const locale = getLocale(args.request);
  return json({ title: `${translate(locale, "monitoring.scorecard")} · ${localized(org, "name", locale)}`, org, scorecard: await loadScorecard(db, orgId) });
}

export default function Scorecard() {
  const { org, scorecard } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/orgs/${org.id}`}>{localized(org, "name", locale)}</Link>
          </p>
          <h1>{t("monitoring.scorecard")}</h1>
          <p className="lead">{t("monitoring.scorecardLead")}</p>
        </div>
      </header>
      <section className="tiles section" aria-label={t("monitoring.scorecard")}>
        <div className="tile">
          <span className="tile-value">{scorecard.onTimeRate === null ? "–" : `${Math.round(scorecard.onTimeRate * 100)}%`}</span>
          <span className="tile-label">
            {t("monitoring.onTimeRate")} ({t("monitoring.onTimeOf", { n: scorecard.milestonesDue })})
          </span>
        </div>
        {scorecard.mousByStatus
          .filter((m) => m.count > 0)
          .map((m) => (
            <div key={m.status} className="tile">
              <span className="tile-value">{m.count}</span>
              <span className="tile-label">{t(`mou.status.${m.status}`)}</span>
            </div>
          ))}
      </section>
      <div className="charts section">
        <BarChart
          title={t("dashboard.commitmentsByStatus")}
          series={[{ key: "count", label: t("monitoring.count"), className: "series-count" }]}
          rows={scorecard.commitmentsByStatus.map((c) => ({ label: t(`commitments.status.${c.status}`), values: { count: c.count } }))}
        />
      </div>
      <section className="section" aria-labelledby="latest-mous">
        <h2 id="latest-mous">{t("monitoring.latestMous")}</h2>
        {scorecard.latestMous.length === 0 ? <p className="empty">{t("monitoring.noData")}</p> : null}
        <ul className="stack">
          {scorecard.latestMous.map((m) => (
            <li key={m.id}>
              <Link to={`/mous/${m.id}`} className="mono">
                {m.reference}
              </Link>{" "}
              {localized(m, "title", locale)} <MouStatusBadge status={m.status} />
            </li>
          ))}
        </ul>
      </section>
      <section className="section" aria-labelledby="latest-updates">
        <h2 id="latest-updates">{t("monitoring.latestUpdates")}</h2>
        {scorecard.latestUpdates.length === 0 ? <p className="empty">{t("monitoring.noData")}</p> : null}
        <ul className="stack">
          {scorecard.latestUpdates.map((u) => (
            <li key={u.id}>
              <Link to={`/commitments/${u.commitment_id}`}>{localized(u, "title", locale)}</Link> · <span className="small muted">{formatDate(u.created_at, locale)}</span>
              <p className="small">{u.note}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
