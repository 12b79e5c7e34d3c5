import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { ATTENTION_SORTS, isAttentionSort, type AttentionSort } from "~/commitments/attention-sorts";
import { listAttention } from "~/commitments/attention.server";
import { dashboardQuery, parseDashboardFilter } from "~/commitments/dashboard.schema";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, formatDay, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { CommitmentStatusBadge } from "~/ui/commitment-status-badge";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  const url = new URL(args.request.url);
  const filter = parseDashboardFilter(url);
  const rawSort = url.searchParams.get("sort");
  const sort: AttentionSort = isAttentionSort(rawSort) ? rawSort : "days_late";
  const page = pageParam(url);
  const { rows, total } = await listAttention(getDb(), filter, sort, page);
  return json({ title: translate(getLocale(args.request), "monitoring.attention"), rows, total, sort, page, pageSize: PAGE_SIZE, query: dashboardQuery(filter) });
}

const SORT_LABELS = {
  days_late: "monitoring.daysLate",
  due_on: "commitments.due",
  last_update: "monitoring.lastUpdate",
  owner: "commitments.owner",
} as const;

export default function Attention() {
  const { rows, total, sort, page, pageSize, query } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const sortHref = (s: AttentionSort) => `?${new URLSearchParams([...new URLSearchParams(query).entries(), ["sort", s]]).toString()}`;
  return (
    <div className="container page">
      <header className="page-head">
        <div>
          <h1>{t("monitoring.attention")}</h1>
          <p className="lead">{t("monitoring.attentionLead")}</p>
        </div>
        <Link to={`/dashboard${query}`} className="button button-quiet">
          {t("dashboard.title")}
        </Link>
      </header>
      <nav aria-label={t("monitoring.sortBy")} className="row">
        <span>{t("monitoring.sortBy")}:</span>
        {ATTENTION_SORTS.map((s) =>
          s === sort ? (
            <strong key={s} aria-current="true">
              {t(SORT_LABELS[s])}
            </strong>
          ) : (
            <Link key={s} to={sortHref(s)}>
              {t(SORT_LABELS[s])}
            </Link>
          ),
        )}
      </nav>
      {rows.length === 0 ? (
        <p className="empty">{t("monitoring.noData")}</p>
      ) : (
        <div className="table-wrap table-cards">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("monitoring.commitment")}</th>
                <th scope="col">{t("commitments.owner")}</th>
                <th scope="col">{t("monitoring.status")}</th>
                <th scope="col" className="num" aria-sort={sort === "days_late" ? "descending" : undefined}>
                  {t("monitoring.daysLate")}
                </th>
                <th scope="col" aria-sort={sort === "due_on" ? "ascending" : undefined}>
                  {t("commitments.due")}
                </th>
                <th scope="col" aria-sort={sort === "last_update" ? "ascending" : undefined}>
                  {t("monitoring.lastUpdate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("monitoring.commitment")}>
                    <Link to={`/commitments/${c.id}`}>{localized(c, "title", locale)}</Link>
                    <br />
                    <Link to={`/mous/${c.mou_id}`} className="mono small">
                      {c.reference}
                    </Link>
                  </td>
                  <td data-label={t("commitments.owner")}>
                    <Link to={`/orgs/${c.org_id}`}>{localized({ name_vi: c.org_name_vi, name_en: c.org_name_en }, "name", locale)}</Link>
                  </td>
                  <td data-label={t("monitoring.status")}>
                    <CommitmentStatusBadge status={c.status} />
                  </td>
                  <td className="num" data-label={t("monitoring.daysLate")}>{t("dashboard.daysLate", { days: c.days_late })}</td>
                  <td data-label={t("commitments.due")}>{formatDay(c.due_on, locale)}</td>
                  <td data-label={t("monitoring.lastUpdate")}>{c.last_update ? formatDate(c.last_update, locale) : t("monitoring.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
