import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AUDIT_PAGE_SIZE, listAuditEntries, pageParam } from "~/admin/audit.server";
import { verifyAuditChain } from "~/audit/audit-log.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
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
      <p>
        <Link to="/admin">← {t("admin.title")}</Link>
      </p>
      <header className="page-head">
        <h1>{t("admin.audit")}</h1>
        <p className="lead">{t("admin.auditLead")}</p>
      </header>
      {broken ? (
        <p className="alert alert-error" role="alert">
          {t("admin.audit.chainBroken", { seq: broken.seq, id: broken.id, reason: broken.reason })}
        </p>
      ) : (
        <p className="alert alert-success" role="status">
          {t("admin.audit.chainOk", { n: total })}
        </p>
      )}
      {rows.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.seq")}</th>
                <th scope="col">{t("admin.audit.at")}</th>
                <th scope="col">{t("admin.audit.actor")}</th>
                <th scope="col">{t("admin.audit.action")}</th>
                <th scope="col">{t("admin.audit.entity")}</th>
                <th scope="col">{t("admin.audit.changes")}</th>
                <th scope="col">{t("admin.audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
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
