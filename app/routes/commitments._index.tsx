import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor } from "~/auth/permissions.server";
import { CommitmentListQuerySchema } from "~/commitments/commitment.schema";
import { listCommitmentsPage } from "~/commitments/commitment-list.server";
import { COMMITMENT_STATUSES } from "~/commitments/status";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { CommitmentFacts } from "~/ui/commitment-facts";
import { CommitmentStatusBadge } from "~/ui/commitment-status-badge";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FilterBar, SelectFilter } from "~/ui/filter-bar";
import { Pager } from "~/ui/pager";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction = () => [{ title: "Cam kết · Commitments" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const query = CommitmentListQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await listCommitmentsPage(getDb(), actor, query);
  return json({ ...page, query });
}

export default function Commitments() {
  const { commitments, query, choices, total, page, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const search = useLocation().search;
  const all = t("commitments.all");
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("commitments.title")}</h1>
        <p className="lead">{t("commitments.lead")}</p>
      </header>
      <FilterBar label={t("monitoring.filters")} clearHref="/commitments">
        <SelectFilter name="status" label={t("commitments.filter")} value={query.status} anyLabel={all} options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`commitments.status.${s}`) }))} />
        <SelectFilter name="mou" label={t("commitments.filter.mou")} value={query.mou} anyLabel={all} options={choices.mous.map((m) => ({ value: m.id, label: m.reference }))} />
        <SelectFilter name="owner" label={t("commitments.filter.owner")} value={query.owner} anyLabel={all} options={choices.owners.map((o) => ({ value: o.id, label: localized(o, "name", locale) }))} />
        <SelectFilter name="due" label={t("commitments.filter.due")} value={query.due} anyLabel={all} options={(["7", "30", "90"] as const).map((d) => ({ value: d, label: t("commitments.filter.dueDays", { days: d }) }))} />
      </FilterBar>
      {commitments.length === 0 ? <p className="empty">{t("commitments.none")}</p> : null}
      <ul className="commitment-list">
        {commitments.map((c) => (
          <li key={c.id} className={`card commitment commitment-${c.status}`}>
            <div className="commitment-head">
              <h2 className="card-title">
                <Link to={`/commitments/${c.id}`}>{localized(c, "title", locale)}</Link>
              </h2>
              <CommitmentStatusBadge status={c.status} />
            </div>
            {c.toConfirm ? <p className="badge badge-warning">{t("commitments.toConfirm", { n: c.toConfirm })}</p> : null}
            {c.returned ? <p className="badge badge-danger">{t("commitments.returned", { n: c.returned })}</p> : null}
            <CommitmentFacts commitment={c} />
            {c.milestones.length ? (
              <details className="milestones" open={Boolean(c.toConfirm || c.returned) || c.status === "very_late" || c.status === "delayed" || c.status === "at_risk"}>
                <summary>
                  {t("commitments.milestones")} ({c.milestones.filter((m) => m.status === "done").length}/{c.milestones.length})
                </summary>
                <ol>
                  {c.milestones.map((m) => (
                    <li key={m.id} className={m.late ? "milestone-late" : undefined}>
                      <span>{localized(m, "title", locale)}</span>
                      <span className="small muted">
                        {formatDay(m.due_on, locale)} · {t(`milestones.status.${m.status}` as MessageKey)}
                      </span>
                      {m.late ? <span className="badge badge-danger">{t("commitments.lateMilestone")}</span> : null}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {total > pageSize ? <Pager page={page} pageSize={pageSize} total={total} search={search} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
