import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { findOutboxEmail, resendEmail } from "~/admin/outbox.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { redirectWithFlash } from "~/lib/flash.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OutboxStatusBadge } from "~/ui/outbox-status";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.email.subject ?? "" }];

async function loadEmail(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "outbox.manage" });
  const email = await findOutboxEmail(getDb(), args.params.id ?? "");
  if (!email) throw new Response("Not found", { status: 404 });
  return { actor, email };
}

export async function loader(args: LoaderFunctionArgs) {
  const { email } = await loadEmail(args);
  return json({ email });
}

/** Staff put a failed email back in the queue. */
export async function action(args: ActionFunctionArgs) {
  const { actor, email } = await loadEmail(args);
  await resendEmail(getDb(), email.id, actor.user, args.context.clientIp);
  return redirectWithFlash(`/admin/outbox/${email.id}`, { key: "admin.outbox.resent" }, args.context.secure);
}

export default function OutboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const details: [string, string | null][] = [
    [t("admin.outbox.to"), email.to_name ? `${email.to_name} <${email.to_address}>` : email.to_address],
    [t("admin.outbox.kind"), email.kind],
    [t("admin.outbox.language"), t(`lang.${email.locale}`)],
    [t("admin.outbox.created"), formatDate(email.created_at, locale, "dateTime")],
    [t("admin.outbox.attempts"), String(email.attempts)],
    [t("admin.outbox.sentAt"), email.sent_at ? formatDate(email.sent_at, locale, "dateTime") : null],
    [t("admin.outbox.nextAttempt"), email.status === "pending" && email.next_attempt_at ? formatDate(email.next_attempt_at, locale, "dateTime") : null],
    [t("admin.outbox.lastError"), email.last_error],
  ];
  return (
    <div className="container page">
      <p>
        <Link to="/admin/outbox">← {t("admin.outbox.backToList")}</Link>
      </p>
      <header className="page-head">
        <p className="eyebrow">
          <OutboxStatusBadge status={email.status} />
        </p>
        <h1>{email.subject}</h1>
      </header>
      <dl className="org-facts">
        {details
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd className={label === t("admin.outbox.lastError") ? "error-text" : undefined}>{value}</dd>
            </Fragment>
          ))}
      </dl>
      {email.status === "failed" ? (
        <Form method="post" noValidate className="section">
          <button type="submit" className="button button-primary">
            {t("admin.outbox.resend")}
          </button>
        </Form>
      ) : null}
      <section className="section" aria-labelledby="body-heading">
        <h2 id="body-heading">{t("admin.outbox.body")}</h2>
        <pre className="card mail-body">{email.text_body}</pre>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
