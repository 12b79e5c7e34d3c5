import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { listManageableEvents } from "~/events/manage.server";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { SampleBadge } from "~/ui/layout";
import { Pager } from "~/ui/pager";
import { pageParam, PAGE_SIZE } from "~/lib/paging";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction = () => [{ title: "Quản lý sự kiện · Manage events" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "event.create" });
  const page = pageParam(new URL(args.request.url));
  const { rows, total } = await listManageableEvents(getDb(), actor, page);
  return json({ events: rows, total, page, pageSize: PAGE_SIZE });
}

export default function ManageEvents() {
  const { events, total, page, pageSize } = useLoaderData<typeof loader>();
  const search = useLocation().search;
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <div className="page-head">
        <h1>{t("manage.title")}</h1>
        <Link to="/manage/events/new" className="button button-primary">
          {t("manage.new")}
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="empty">{t("manage.noEvents")}</p>
      ) : (
        <DataTable headings={[t("events.title"), t("events.when"), t("manage.status"), t("manage.seatsTaken")]}>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/manage/events/${e.slug}`}>{localized(e, "title", locale)}</Link> {e.is_sample ? <SampleBadge /> : null}
              </td>
              <td>{formatDate(e.starts_at, locale, "dateTime")}</td>
              <td>
                <span className={`badge badge-status-${e.status}`}>{t(`events.status.${e.status}`)}</span>
              </td>
              <td>{e.capacity === null ? Number(e.taken) : `${Number(e.taken)}/${e.capacity}`}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {total > 0 ? <Pager page={page} pageSize={pageSize} total={total} search={search} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
