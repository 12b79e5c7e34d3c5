import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { auditQuery, parseAuditFilter } from "~/admin/audit.schema";
import { listAuditEntries, loadAuditChoices } from "~/admin/audit.server";
import { auditActionLabel, auditTypeLabel } from "~/audit/audit-labels";
import { verifyAuditChain } from "~/audit/audit-log.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Notice } from "~/ui/field";
import { FilterBar, InputFilter, SelectFilter } from "~/ui/filter-bar";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "audit.read" });
  const db = getDb();
  const url = new URL(args.request.url);
  const filter = parseAuditFilter(url);
  const page = pageParam(url);
  const [{ rows, total }, choices, broken] = await Promise.all([listAuditEntries(db, filter, page), loadAuditChoices(db), verifyAuditChain(db)]);
  return json({ title: translate(getLocale(args.request), "admin.audit"), rows, total, page, pageSize: PAGE_SIZE, broken, filter, choices, query: auditQuery(filter) });
}

export default function AdminAudit() {
  const { rows, total, page, pageSize, broken, filter, choices, query } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const search = useLocation().search;
  const any = t("monitoring.any");
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.audit")} lead={t("admin.auditLead")} />
      {broken ? (
        <p className="alert alert-error" role="alert">
          {t("admin.audit.chainBroken", { seq: broken.seq, id: broken.id, reason: broken.reason })}
        </p>
      ) : (
        <Notice>{t("admin.audit.chainOk", { n: choices.entries })}</Notice>
      )}
      <FilterBar label={t("monitoring.filters")} clearHref="/admin/audit">
        <InputFilter name="actor" label={t("admin.audit.filterActor")} value={filter.actor} maxLength={120} />
        <SelectFilter name="action" label={t("admin.audit.action")} value={filter.action} anyLabel={any} options={choices.actions.map((a) => ({ value: a, label: auditActionLabel(t, a) }))} />
        <SelectFilter name="type" label={t("admin.audit.filterType")} value={filter.type} anyLabel={any} options={choices.types.map((type) => ({ value: type, label: auditTypeLabel(t, type) }))} />
        <InputFilter name="id" label={t("admin.audit.entityId")} value={filter.id} maxLength={64} />
        <InputFilter type="date" name="from" label={t("admin.audit.filterFrom")} value={filter.from} />
        <InputFilter type="date" name="to" label={t("admin.audit.filterTo")} value={filter.to} />
      </FilterBar>
      <p className="section">
        <a className="button button-quiet" href={`/admin/audit.csv${query}`} download>
          {t("admin.audit.csv")}
        </a>
      </p>
      {rows.length ? (
        <DataTable
          headings={[t("admin.audit.seq"), t("admin.audit.at"), t("admin.audit.actor"), t("admin.audit.action"), t("admin.audit.entity"), t("admin.audit.changes"), t("admin.audit.ip")]}
        >
          {rows.map((r) => (
            <tr key={r.id} className={broken?.seq === r.seq ? "audit-broken" : undefined}>
              <td className="mono">{r.seq}</td>
              <td className="small">{formatDate(r.at, locale, "dateTime")}</td>
              <td className="small">
                {r.actor_name ?? r.actor_label ?? t("admin.audit.system")}
                {r.actor_email ? <div className="muted">{r.actor_email}</div> : null}
                {r.org_id ? <Link to={`/orgs/${r.org_id}`}>{localized({ name_vi: r.org_name_vi, name_en: r.org_name_en }, "name", locale)}</Link> : null}
              </td>
              <td className="small">
                {auditActionLabel(t, r.action)}
                <div className="mono muted">{r.action}</div>
              </td>
              <td className="small">
                {auditTypeLabel(t, r.entity_type)}
                {r.entity_id ? (
                  <div className="mono">{r.href ? <Link to={r.href}>{r.entity_id}</Link> : r.entity_id}</div>
                ) : null}
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
        <p className="empty">{total === 0 && !query ? t("admin.audit.none") : t("admin.audit.noMatch")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
