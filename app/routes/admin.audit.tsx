import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "~/admin/audit.server";
import { pageParam } from "~/lib/paging";
import { verifyAuditChain } from "~/audit/audit-log.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Notice } from "~/ui/field";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "audit.read" });
  const db = getDb();
  const page = pageParam(new URL(args.request.url));
  const [{ rows, total }, broken] = await Promise.all([listAuditEntries(db, page), verifyAuditChain(db)]);
  return json({ title: translate(getLocale(args.request), "admin.audit"), rows, total, page, pageSize: AUDIT_PAGE_SIZE, broken });
}

export default function AdminAudit() {
  const { rows, total, page, pageSize, broken } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.audit")} lead={t("admin.auditLead")} />
      {broken ? (
        <p className="alert alert-error" role="alert">
          {t("admin.audit.chainBroken", { seq: broken.seq, id: broken.id, reason: broken.reason })}
        </p>
      ) : (
        <Notice>{t("admin.audit.chainOk", { n: total })}</Notice>
      )}
      {rows.length ? (
        <DataTable
          headings={[
            t("admin.audit.seq"),
            t("admin.audit.at"),
            t("admin.audit.actor"),
            t("admin.audit.action"),
            t("admin.audit.entity"),
            t("admin.audit.changes"),
            t("admin.audit.ip"),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} className={broken?.seq === r.seq ? "audit-broken" : undefined}>
              <td className="mono">{r.seq}</td>
              <td className="small">{formatDate(r.at, locale, "dateTime")}</td>
              <td className="small">{r.actor_label ?? t("admin.audit.system")}</td>
              <td className="mono small">{r.action}</td>
              <td className="small">
                {r.entity_type}
                {r.entity_id ? <span className="mono"> {r.entity_id}</span> : null}
              </td>
              <td className="mono audit-change">
                {r.before ? <div>− {r.before}</div> : null}
                {r.after ? <div>+ {r.after}</div> : null}
              </td>
              <td className="mono small">{r.ip ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("admin.audit.none")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
