import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { loadDashboard, loadDashboardChoices } from "~/commitments/dashboard.server";
import { dashboardQuery, parseDashboardFilter } from "~/commitments/dashboard.schema";
import { COMMITMENT_STATUSES } from "~/commitments/status";
import { dashboardCharts } from "~/commitments/dashboard-charts";
import { getDb } from "~/db.server";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { BarChart } from "~/ui/bar-chart";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { FilterBar, InputFilter, SelectFilter } from "~/ui/filter-bar";
import { Pager } from "~/ui/pager";
import commitmentsStyles from "~/styles/commitments.css";
import monitoringStyles from "~/styles/monitoring.css";

export const links = () => [
  { rel: "stylesheet", href: commitmentsStyles },
  { rel: "stylesheet", href: monitoringStyles },
];

export const meta: MetaFunction = () => [{ title: "Giám sát · Dashboard" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  const url = new URL(args.request.url);
  const filter = parseDashboardFilter(url);
  const db = getDb();
  const [data, choices] = await Promise.all([loadDashboard(db, filter, { page: pageParam(url) }), loadDashboardChoices(db, filter)]);
  return json({ ...data, choices, filter, query: dashboardQuery(filter), page: pageParam(url), pageSize: PAGE_SIZE });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const { filter, choices } = data;
  const any = t("monitoring.any");
  const mouCount = (status: string) => data.mousByStatus.find((m) => m.status === status)?.count ?? 0;
  const commitmentCount = (status: string) => data.commitmentsByStatus.find((c) => c.status === status)?.count ?? 0;
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <p className="lead">{t("dashboard.lead")}</p>
      </header>

      <FilterBar label={t("monitoring.filters")} clearHref="/dashboard">
        <InputFilter type="date" name="from" label={t("monitoring.from")} value={filter.from} />
        <InputFilter type="date" name="to" label={t("monitoring.to")} value={filter.to} />
        <SelectFilter name="event" label={t("monitoring.event")} value={filter.event} anyLabel={any} options={choices.events.map((e) => ({ value: e.id, label: localized(e, "title", locale) }))} />
        <SelectFilter name="partner" label={t("monitoring.partner")} value={filter.partner} anyLabel={any} options={choices.partners.map((o) => ({ value: o.id, label: localized(o, "name", locale) }))} />
        <SelectFilter name="sector" label={t("monitoring.sector")} value={filter.sector} anyLabel={any} options={choices.sectors.map((s) => ({ value: s, label: s }))} />
        <SelectFilter name="province" label={t("monitoring.province")} value={filter.province} anyLabel={any} options={choices.provinces.map((p) => ({ value: p, label: p }))} />
        <SelectFilter name="status" label={t("monitoring.status")} value={filter.status} anyLabel={any} options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`commitments.status.${s}`) }))} />
      </FilterBar>

      <section aria-label={t("dashboard.title")} className="tiles section">
        <div className="tile">
          <span className="tile-value">{data.upcomingEvents}</span>
          <span className="tile-label">{t("dashboard.upcomingEvents")}</span>
        </div>
        <div className="tile">
          <span className="tile-value">{data.confirmedRegistrations}</span>
          <span className="tile-label">{t("dashboard.confirmedRegistrations")}</span>
        </div>
        <Link to="/mous" className="tile">
          <span className="tile-value">{mouCount("active")}</span>
          <span className="tile-label">{t("dashboard.activeMous")}</span>
        </Link>
        <Link to="/mous" className="tile tile-warning">
          <span className="tile-value">{mouCount("awaiting_signatures")}</span>
          <span className="tile-label">{t("dashboard.awaitingSignatures")}</span>
        </Link>
        {(["delayed", "at_risk"] as const).map((s) => (
          <Link key={s} to={`/commitments?status=${s}`} className={`tile ${s === "delayed" ? "tile-danger" : "tile-warning"}`}>
            <span className="tile-value">{commitmentCount(s)}</span>
            <span className="tile-label">{t(`commitments.status.${s}`)}</span>
          </Link>
        ))}
      </section>

      <section className="section exports" aria-label={t("monitoring.exports")}>
        <Link className="button button-primary" to={`/dashboard/attention${data.query}`}>
          {t("monitoring.attention")}
        </Link>
        <a className="button button-quiet" href={`/dashboard.csv${data.query}`} download>
          {t("monitoring.csv")}
        </a>
        <a className="button button-quiet" href={`/dashboard.xlsx${data.query}`} download>
          {t("monitoring.xlsx")}
        </a>
        <a className="button button-quiet" href={`/dashboard.pdf${data.query}`} download>
          {t("monitoring.pdf")}
        </a>
      </section>

      <section className="section" aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t("monitoring.charts")}</h2>
        <div className="charts">
          {dashboardCharts(data, filter, t, locale).map((chart) => (
            <BarChart key={chart.title} {...chart} />
          ))}
        </div>
      </section>

      <section className="section" aria-labelledby="late-heading">
        <h2 id="late-heading">{t("dashboard.lateMilestones")}</h2>
        {data.lateMilestones.rows.length === 0 ? (
          <p className="empty">{t("dashboard.noLate")}</p>
        ) : (
          <DataTable headings={[t("dashboard.milestone"), t("commitments.owner"), t("commitments.mou"), t("commitments.due"), { label: t("dashboard.late"), numeric: true }]}>
            {data.lateMilestones.rows.map((m) => (
              <tr key={m.id}>
                <td>
                  <strong>{localized(m, "title", locale)}</strong>
                  <br />
                  <Link to={`/commitments/${m.commitment_id}`} className="small">
                    {localized({ title_vi: m.commitment_title_vi, title_en: m.commitment_title_en }, "title", locale)}
                  </Link>
                </td>
                <td>
                  <Link to={`/orgs/${m.org_id}`}>{localized({ name_vi: m.org_name_vi, name_en: m.org_name_en }, "name", locale)}</Link>
                </td>
                <td>
                  <Link to={`/mous/${m.mou_id}`} className="mono">
                    {m.reference}
                  </Link>
                </td>
                <td>{formatDay(m.due_on, locale)}</td>
                <td className="num">{t("dashboard.daysLate", { days: m.daysLate })}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager page={data.page} pageSize={data.pageSize} total={data.lateMilestones.total} search={location.search} />
      </section>

      <section className="section" aria-labelledby="mous-heading">
        <h2 id="mous-heading">{t("dashboard.mousByStatus")}</h2>
        <div className="table-wrap">
          <table className="data-table">
            <tbody>
              {data.mousByStatus.map((m) => (
                <tr key={m.status}>
                  <th scope="row">{t(`mou.status.${m.status}`)}</th>
                  <td className="num">{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
