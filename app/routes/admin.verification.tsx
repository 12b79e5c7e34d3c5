import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { decideRegistration, listAwaitingVerification } from "~/orgs/registration.server";
import { VerificationDecisionSchema } from "~/orgs/org.schema";
import { AdminPageHead } from "~/ui/admin-page-head";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { SampleBadge } from "~/ui/layout";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.verify" });
  const page = Math.max(1, Math.min(10_000, Number(new URL(args.request.url).searchParams.get("page")) || 1));
  return json({ title: translate(getLocale(args.request), "orgs.queue.title"), page, queue: await listAwaitingVerification(getDb(), page) });
}

/** Staff verify an organization awaiting it, or refuse it with a reason. */
export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.verify" });
  const parsed = parseForm(await readForm(args.request), VerificationDecisionSchema, getLocale(args.request));
  if (!parsed.ok) return actionFailed(parsed);
  await decideRegistration(getDb(), parsed.data, actor.user, args.context.clientIp);
  return redirectWithFlash("/admin/verification", { key: "orgs.queue.decided" }, args.context.secure);
}

export default function VerificationQueue() {
  const { queue, page } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <AdminPageHead title={t("orgs.queue.title")} lead={t("orgs.queue.lead")} />
      {queue.rows.length ? (
        <div className="stack">
          {queue.rows.map((o) => (
            <article key={o.id} className="card" aria-labelledby={`org-${o.id}`}>
              <h2 className="card-title" id={`org-${o.id}`}>
                <Link to={`/orgs/${o.id}`}>{localized(o, "name", locale)}</Link> {o.is_sample ? <SampleBadge /> : null}
              </h2>
              {o.same_code > 0 ? <p className="badge badge-danger">{t("orgs.queue.duplicate", { count: o.same_code })}</p> : null}
              <dl className="org-facts">
                <dt>{t("orgs.kind")}</dt>
                <dd>{t(`orgs.kind.${o.kind}`)}</dd>
                <dt>{t("orgs.taxCode")}</dt>
                <dd>{o.tax_code ?? "—"}</dd>
                <dt>{t("orgs.province")}</dt>
                <dd>{o.province ?? "—"}</dd>
                <dt>{t("orgs.sector")}</dt>
                <dd>{o.sector ?? "—"}</dd>
                <dt>{t("orgs.website")}</dt>
                <dd>{o.website ?? "—"}</dd>
                <dt>{t("orgs.address")}</dt>
                <dd>{o.address ?? "—"}</dd>
                <dt>{t("orgs.contact")}</dt>
                <dd>{[o.contact_name, o.contact_email, o.contact_phone].filter(Boolean).join(" · ") || "—"}</dd>
                <dt>{t("orgs.queue.registeredBy")}</dt>
                <dd>
                  {o.registered_by_email ?? "—"} · {formatDate(o.created_at, locale, "dateTime")}
                </dd>
              </dl>
              <div className="form-actions">
                <Form method="post">
                  <input type="hidden" name="org_id" value={o.id} />
                  <button type="submit" name="intent" value="verify" className="button button-primary">
                    {t("orgs.verify")}
                  </button>
                </Form>
                <Form method="post" noValidate className="form">
                  <input type="hidden" name="org_id" value={o.id} />
                  <Field name="reason" id={`reason-${o.id}`} label={t("orgs.queue.reason")} required maxLength={1000} />
                  <button type="submit" name="intent" value="reject" className="button">
                    {t("orgs.queue.reject")}
                  </button>
                </Form>
              </div>
            </article>
          ))}
        </div>
      ) : (
        <p className="empty">{t("orgs.queue.empty")}</p>
      )}
      <Pager page={page} pageSize={queue.pageSize} total={queue.total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
