import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { loadDashboard } from "~/commitments/dashboard.server";
import { getDb } from "~/db.server";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction = () => [{ title: "Giám sát · Dashboard" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  return json(await loadDashboard(getDb(), actor));
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const mouCount = (status: string) => data.mousByStatus.find((m) => m.status === status)?.count ?? 0;
  const commitmentCount = (status: string) => data.commitmentsByStatus.find((c) => c.status === status)?.count ?? 0;
  const maxCommitments = Math.max(1, ...data.commitmentsByStatus.map((c) => c.count));
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <p className="lead">{t("dashboard.lead")}</p>
      </header>
      <section aria-label={t("dashboard.title")} className="tiles">
        <div className="tile">
          <p className="tile-value">{data.upcomingEvents}</p>
          <p className="tile-label">{t("dashboard.upcomingEvents")}</p>
        </div>
        <div className="tile">
          <p className="tile-value">{data.confirmedRegistrations}</p>
          <p className="tile-label">{t("dashboard.confirmedRegistrations")}</p>
        </div>
        <div className="tile">
          <p className="tile-value">{mouCount("active")}</p>
          <p className="tile-label">{t("dashboard.activeMous")}</p>
        </div>
        <div className="tile tile-warning">
          <p className="tile-value">{mouCount("awaiting_signatures")}</p>
          <p className="tile-label">{t("dashboard.awaitingSignatures")}</p>
        </div>
        <div className="tile tile-danger">
          <p className="tile-value">{commitmentCount("delayed")}</p>
          <p className="tile-label">{t("commitments.status.delayed")}</p>
        </div>
      </section>

      <section className="section" aria-labelledby="by-status-heading">
        <h2 id="by-status-heading">{t("dashboard.commitmentsByStatus")}</h2>
        <ul className="status-bars card">
          {data.commitmentsByStatus.map((c) => (
            <li key={c.status}>
              <Link to={`/commitments?status=${c.status}`}>
                <span>{t(`commitments.status.${c.status}`)}</span>
                <span className={`status-bar status-bar-${c.status}`} style={{ width: `${(c.count / maxCommitments) * 100}%` }} aria-hidden="true" />
                <span className="num">{c.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="late-heading">
        <h2 id="late-heading">{t("dashboard.lateMilestones")}</h2>
        {data.lateMilestones.length === 0 ? (
          <p className="empty">{t("dashboard.noLate")}</p>
        ) : (
          <DataTable headings={[t("dashboard.milestone"), t("commitments.owner"), t("commitments.mou"), t("commitments.due"), { label: t("dashboard.late"), numeric: true }]}>
            {data.lateMilestones.map((m) => (
              <tr key={m.id}>
                <td>
                  <strong>{localized(m, "title", locale)}</strong>
                  <br />
                  <span className="small muted">{localized({ title_vi: m.commitment_title_vi, title_en: m.commitment_title_en }, "title", locale)}</span>
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
