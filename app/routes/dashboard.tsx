import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { loadDashboard, loadDashboardChoices } from "~/commitments/dashboard.server";
import { dashboardQuery, parseDashboardFilter } from "~/commitments/dashboard.schema";
import { COMMITMENT_STATUSES } from "~/commitments/status";
import { getDb } from "~/db.server";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { BarChart, type ChartSeries } from "~/ui/bar-chart";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
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
  const mouCount = (status: string) => data.mousByStatus.find((m) => m.status === status)?.count ?? 0;
  const commitmentCount = (status: string) => data.commitmentsByStatus.find((c) => c.status === status)?.count ?? 0;
  const statusSeries: ChartSeries[] = COMMITMENT_STATUSES.map((s) => ({ key: s, label: t(`commitments.status.${s}`), className: `series-${s}` }));
  const groupLabel = (key: string | null) => key ?? t("monitoring.unknown");
  const withFilter = (extra: Record<string, string>) => `/dashboard${dashboardQuery({ ...filter, ...extra })}`;
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <p className="lead">{t("dashboard.lead")}</p>
      </header>

      <Form method="get" className="card dashboard-filters" aria-label={t("monitoring.filters")}>
        <div className="field">
          <label htmlFor="f-from">{t("monitoring.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("monitoring.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={filter.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-event">{t("monitoring.event")}</label>
          <select id="f-event" name="event" defaultValue={filter.event ?? ""}>
            <option value="">{t("monitoring.any")}</option>
            {choices.events.map((e) => (
              <option key={e.id} value={e.id}>
                {localized(e, "title", locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-partner">{t("monitoring.partner")}</label>
          <select id="f-partner" name="partner" defaultValue={filter.partner ?? ""}>
            <option value="">{t("monitoring.any")}</option>
            {choices.partners.map((o) => (
              <option key={o.id} value={o.id}>
                {localized(o, "name", locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sector">{t("monitoring.sector")}</label>
          <select id="f-sector" name="sector" defaultValue={filter.sector ?? ""}>
            <option value="">{t("monitoring.any")}</option>
            {choices.sectors.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-province">{t("monitoring.province")}</label>
          <select id="f-province" name="province" defaultValue={filter.province ?? ""}>
            <option value="">{t("monitoring.any")}</option>
            {choices.provinces.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("monitoring.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("monitoring.any")}</option>
            {COMMITMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`commitments.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button button-primary">
            {t("monitoring.apply")}
          </button>
          <Link to="/dashboard" className="button button-quiet">
            {t("monitoring.clear")}
          </Link>
        </div>
      </Form>

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
      </section>

      <section className="section" aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t("monitoring.charts")}</h2>
        <div className="charts">
          <BarChart
            title={t("dashboard.commitmentsByStatus")}
            series={[{ key: "count", label: t("monitoring.count"), className: "series-count" }]}
            rows={data.commitmentsByStatus.map((c) => ({ label: t(`commitments.status.${c.status}`), href: `/commitments?status=${c.status}`, values: { count: c.count } }))}
          />
          <BarChart
            title={t("monitoring.signedPerMonth")}
            series={[{ key: "count", label: t("monitoring.count"), className: "series-count" }]}
            rows={data.signedPerMonth.map((m) => ({ label: m.month, values: { count: m.count } }))}
          />
          <BarChart title={t("monitoring.statusByMonth")} series={statusSeries} rows={data.statusByMonth.map((m) => ({ label: m.month, values: m.counts }))} />
          <BarChart
            title={t("monitoring.byPartner")}
            series={statusSeries}
            rows={data.byPartner.map((p) => ({ label: localized(p, "name", locale), href: p.key ? withFilter({ partner: p.key }) : undefined, values: p.counts }))}
          />
          <BarChart
            title={t("monitoring.bySector")}
            series={statusSeries}
            rows={data.bySector.map((g) => ({ label: groupLabel(g.key), href: g.key ? withFilter({ sector: g.key }) : undefined, values: g.counts }))}
          />
          <BarChart
            title={t("monitoring.byProvince")}
            series={statusSeries}
            rows={data.byProvince.map((g) => ({ label: groupLabel(g.key), href: g.key ? withFilter({ province: g.key }) : undefined, values: g.counts }))}
          />
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
