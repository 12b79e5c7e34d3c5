import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { pageParam } from "~/lib/paging";
import { isOutboxStatus, listOutbox, OUTBOX_PAGE_SIZE } from "~/admin/outbox.server";
import { OUTBOX_STATUSES } from "~/admin/outbox-statuses";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getConfig } from "~/config.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { StatusFilter } from "~/ui/status-filter";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OutboxStatusBadge } from "~/ui/outbox-status";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "outbox.manage" });
  const url = new URL(args.request.url);
  const raw = url.searchParams.get("status");
  const status = isOutboxStatus(raw) ? raw : null;
  const page = pageParam(url);
  const { rows, total } = await listOutbox(getDb(), { status, page });
  return json({
    title: translate(getLocale(args.request), "admin.outbox"),
    rows,
    total,
    status,
    page,
    pageSize: OUTBOX_PAGE_SIZE,
    smtpOff: !getConfig().smtpUrl,
  });
}

export default function AdminOutbox() {
  const { rows, total, status, page, pageSize, smtpOff } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.outbox")} lead={t("admin.outboxLead")} />
      {smtpOff ? <p className="alert alert-info">{t("admin.outbox.smtpOff")}</p> : null}
      <StatusFilter statuses={OUTBOX_STATUSES} value={status} label={(s) => t(`admin.outbox.status.${s}`)} />
      {rows.length ? (
        <DataTable
          headings={[
            t("admin.outbox.created"),
            t("admin.outbox.to"),
            t("admin.outbox.subject"),
            t("admin.outbox.status"),
            t("admin.outbox.attempts"),
            t("admin.outbox.lastError"),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="small">{formatDate(r.created_at, locale, "dateTime")}</td>
              <td className="mono small">{r.to_address}</td>
              <td>
                <Link to={`/admin/outbox/${r.id}`}>{r.subject}</Link>
                <br />
                <span className="muted small">{r.kind}</span>
              </td>
              <td>
                <OutboxStatusBadge status={r.status} />
              </td>
              <td>{r.attempts}</td>
              <td className="small error-text">{r.last_error ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("admin.outbox.none")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
