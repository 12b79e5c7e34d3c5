import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countFailedJobs } from "~/admin/jobs.server";
import { countOutboxByStatus } from "~/admin/outbox.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "admin.access" });
  return json({ title: translate(getLocale(args.request), "admin.title"), outbox: await countOutboxByStatus(getDb()), failedJobs: await countFailedJobs(getDb()) });
}

const SECTIONS: { to: string; title: MessageKey; lead: MessageKey }[] = [
  { to: "/admin/users", title: "admin.users", lead: "admin.usersLead" },
  { to: "/admin/verification", title: "orgs.queue.title", lead: "orgs.queue.lead" },
  { to: "/admin/orgs", title: "admin.orgs", lead: "admin.orgsLead" },
  { to: "/admin/outbox", title: "admin.outbox", lead: "admin.outboxLead" },
  { to: "/admin/jobs", title: "admin.jobs", lead: "admin.jobsLead" },
  { to: "/admin/audit", title: "admin.audit", lead: "admin.auditLead" },
];

export default function AdminIndex() {
  const { outbox, failedJobs } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("admin.title")}</h1>
        <p className="lead">{t("admin.lead")}</p>
      </header>
      <div className="card-grid">
        {SECTIONS.map((s) => (
          <article key={s.to} className="card">
            <h2 className="card-title">
              <Link to={s.to}>{t(s.title)}</Link>
            </h2>
            <p className="muted">{t(s.lead)}</p>
            {s.to === "/admin/outbox" && outbox.failed > 0 ? (
              <p>
                <span className="badge badge-danger">
                  {t("admin.outbox.status.failed")}: {outbox.failed}
                </span>
              </p>
            ) : null}
            {s.to === "/admin/jobs" && failedJobs > 0 ? (
              <p>
                <span className="badge badge-danger">
                  {t("admin.jobs.status.failed")}: {failedJobs}
                </span>
              </p>
            ) : null}
          </article>
        ))}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
