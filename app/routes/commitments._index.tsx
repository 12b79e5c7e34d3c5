import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor } from "~/auth/permissions.server";
import { listTrackedCommitments } from "~/commitments/commitments.server";
import { COMMITMENT_STATUSES, isCommitmentStatus } from "~/commitments/status-list";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { Pager } from "~/ui/pager";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { CommitmentFacts } from "~/ui/commitment-facts";
import { CommitmentStatusBadge } from "~/ui/commitment-status-badge";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction = () => [{ title: "Cam kết · Commitments" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const url = new URL(args.request.url);
  const status = url.searchParams.get("status");
  const filter = isCommitmentStatus(status) ? status : null;
  const org = url.searchParams.get("org");
  const page = pageParam(url);
  const { rows, total } = await listTrackedCommitments(getDb(), actor, { status: filter, orgId: org && org.length <= 64 ? org : null, page });
  return json({ commitments: rows, filter, total, page, pageSize: PAGE_SIZE });
}

export default function Commitments() {
  const { commitments, filter, total, page, pageSize } = useLoaderData<typeof loader>();
  const location = useLocation();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("commitments.title")}</h1>
        <p className="lead">{t("commitments.lead")}</p>
      </header>
      <Form method="get" className="row filter-bar">
        <div className="field">
          <label htmlFor="status-filter">{t("commitments.filter")}</label>
          <select id="status-filter" name="status" defaultValue={filter ?? ""}>
            <option value="">{t("commitments.all")}</option>
            {COMMITMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`commitments.status.${s}`)}
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
            <CommitmentFacts commitment={c} />
            {c.milestones.length ? (
              <details className="milestones" open={c.status === "delayed" || c.status === "at_risk"}>
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
      <Pager page={page} pageSize={pageSize} total={total} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
