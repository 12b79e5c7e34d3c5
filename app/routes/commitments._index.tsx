import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
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
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("commitments.title")}</h1>
        <p className="lead">{t("commitments.lead")}</p>
      </header>
      <Form method="get" className="row filter-bar">
        <div className="field">
          <label htmlFor="status-filter">{t("commitments.filter")}</label>
          <select id="status-filter" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("commitments.all")}</option>
            {COMMITMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`commitments.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mou-filter">{t("commitments.filter.mou")}</label>
          <select id="mou-filter" name="mou" defaultValue={query.mou ?? ""}>
            <option value="">{t("commitments.all")}</option>
            {choices.mous.map((m) => (
              <option key={m.id} value={m.id}>
                {m.reference}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="owner-filter">{t("commitments.filter.owner")}</label>
          <select id="owner-filter" name="owner" defaultValue={query.owner ?? ""}>
            <option value="">{t("commitments.all")}</option>
            {choices.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {localized(o, "name", locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="due-filter">{t("commitments.filter.due")}</label>
          <select id="due-filter" name="due" defaultValue={query.due ?? ""}>
            <option value="">{t("commitments.all")}</option>
            {(["7", "30", "90"] as const).map((d) => (
              <option key={d} value={d}>
                {t("commitments.filter.dueDays", { days: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-quiet">
          {t("commitments.apply")}
        </button>
      </Form>
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
