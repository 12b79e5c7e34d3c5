import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { pageParam } from "~/lib/paging";
import { RetrySchema } from "~/admin/admin.schema";
import { isJobStatus, JOBS_PAGE_SIZE, listJobs, retryJob } from "~/admin/jobs.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { JOB_STATUSES } from "~/jobs/kinds";
import { readForm } from "~/lib/form-body.server";
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { StatusFilter } from "~/ui/status-filter";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormAlert, Notice } from "~/ui/field";
import { Pager } from "~/ui/pager";
import { PostButton } from "~/ui/post-button";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const BADGE = { pending: "badge-warning", running: "badge-info", done: "badge-success", failed: "badge-danger" } as const;

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "jobs.manage" });
  const url = new URL(args.request.url);
  const raw = url.searchParams.get("status");
  const status = isJobStatus(raw) ? raw : null;
  const page = pageParam(url);
  const { rows, total } = await listJobs(getDb(), { status, page });
  return json({ title: translate(getLocale(args.request), "admin.jobs"), rows, total, status, page, pageSize: JOBS_PAGE_SIZE });
}

/** Staff put a failed job back in the queue. */
export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "jobs.manage" });
  const locale = getLocale(args.request);
  const parsed = RetrySchema.safeParse(Object.fromEntries(await readForm(args.request)));
  const retried = parsed.success && (await retryJob(getDb(), parsed.data.id, actor.user, args.context.clientIp));
  return retried ? json({ notice: translate(locale, "admin.jobs.retried"), error: null }) : json({ notice: null, error: translate(locale, "admin.jobs.notFailed") }, { status: 409 });
}

export default function AdminJobs() {
  const { rows, total, status, page, pageSize } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.jobs")} lead={t("admin.jobsLead")} />
      {result?.notice ? <Notice>{result.notice}</Notice> : null}
      {result?.error ? <FormAlert>{result.error}</FormAlert> : null}
      <StatusFilter statuses={JOB_STATUSES} value={status} label={(s) => t(`admin.jobs.status.${s}`)} />
      {rows.length ? (
        <DataTable
          headings={[t("admin.outbox.created"), t("admin.jobs.kind"), t("admin.outbox.status"), t("admin.outbox.attempts"), t("admin.jobs.nextRun"), t("admin.outbox.lastError"), ""]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="small">{formatDate(r.created_at, locale, "dateTime")}</td>
              <td className="mono small">{r.kind}</td>
              <td>
                <span className={`badge ${BADGE[r.status]}`}>{t(`admin.jobs.status.${r.status}`)}</span>
              </td>
              <td>{r.attempts}</td>
              <td className="small">{r.status === "pending" ? formatDate(r.run_at, locale, "dateTime") : r.finished_at ? formatDate(r.finished_at, locale, "dateTime") : ""}</td>
              <td className="small error-text">{r.last_error ?? ""}</td>
              <td>{r.status === "failed" ? <PostButton fields={{ id: r.id }}>{t("admin.jobs.retry")}</PostButton> : null}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("admin.jobs.none")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
