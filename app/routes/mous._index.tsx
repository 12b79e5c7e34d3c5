import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { can, requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { listMousFor } from "~/mous/mous.server";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { Pager } from "~/ui/pager";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SampleBadge } from "~/ui/layout";
import { MouStatusBadge } from "~/ui/mou-status";
import stylesheet from "~/styles/mous.css";

export const links = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const locale = getLocale(args.request);
  return json({
    title: translate(locale, "mous.list.title"),
    ...(await listMousFor(getDb(), actor, pageParam(new URL(args.request.url)))),
    page: pageParam(new URL(args.request.url)),
    pageSize: PAGE_SIZE,
    canCreate: can(actor, { action: "mou.create" }),
  });
}

export default function MouList() {
  const { rows: mous, total, page, pageSize, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <div className="page-head">
        <div>
          <h1>{t("mous.list.title")}</h1>
          <p className="lead">{t("mous.list.lead")}</p>
        </div>
        {canCreate ? (
          <Link to="/mous/new" className="button button-primary">
            {t("mous.new.title")}
          </Link>
        ) : null}
      </div>
      {mous.length ? (
        <ul className="mou-list stack">
          {mous.map((m) => (
            <li key={m.id} className="card">
              <p className="eyebrow">
                <span className="mono">{m.reference}</span> <MouStatusBadge status={m.status} />
                {m.is_sample ? <SampleBadge /> : null}
              </p>
              <h2 className="card-title">
                <Link to={`/mous/${m.id}`}>{localized(m, "title", locale)}</Link>
              </h2>
              <p className="muted small">
                {m.parties.map((p) => localized(p, "name", locale)).join(" × ")} · {t(`mous.visibility.${m.visibility}`)} ·{" "}
                {t("mous.list.updated", { date: formatDate(m.updated_at, locale) })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("mous.list.empty")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
