import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorRef, decideForEvent, requireManagedEvent } from "~/events/manage.server";
import { pageRegistrations } from "~/events/registrations.server";
import { DecisionSchema } from "~/events/event.schema";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { FormAlert } from "~/ui/field";
import { Pager } from "~/ui/pager";
import { PostButton } from "~/ui/post-button";
import type { RegistrationStatus } from "~db/schema";

const STATUSES = ["pending", "confirmed", "waitlisted", "cancelled", "rejected"] as const satisfies RegistrationStatus[];

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const statusParam = url.searchParams.get("status");
  const status = (STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as RegistrationStatus) : undefined;
  const page = pageParam(url);
  const { rows, total } = await pageRegistrations(getDb(), event.id, { q: q || undefined, status }, page);
  return json({
    event: { slug: event.slug, requires_approval: event.requires_approval },
    total,
    page,
    pageSize: PAGE_SIZE,
    registrations: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organization: r.organization,
      position: r.position,
      status: r.status,
      created_at: r.created_at,
      checked_in_at: r.checked_in_at,
    })),
  });
}

type Answer = { error: string | null; errors: Record<string, string | undefined>; notice: string | null };

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const parsed = parseForm(await readForm(args.request), DecisionSchema, locale);
  if (!parsed.ok) return json<Answer>({ error: parsed.errors.id ?? translate(locale, "validation.invalid"), errors: parsed.errors, notice: null }, { status: 400 });
  const { intent, id: ids } = parsed.data;
  const outcome = await decideForEvent(getDb(), event.id, parsed.data, actorRef(actor, args.context), { origin: args.context.origin });
  if (outcome.kind === "reason_required") {
    const message = translate(locale, "registrations.reasonRequired");
    return json<Answer>({ error: message, errors: { reason: message }, notice: null }, { status: 400 });
  }
  const done = outcome.results.filter((r) => r === "done").length;
  if (ids.length > 1) return json<Answer>({ error: null, errors: {}, notice: translate(locale, "registrations.bulkDone", { done, skipped: ids.length - done }) });
  const [result] = outcome.results;
  if (result !== "done") return json<Answer>({ error: translate(locale, result === "no_seat" ? "registrations.noSeat" : "manage.actionNotAllowed"), errors: {}, notice: null }, { status: 409 });
  return json<Answer>({ error: null, errors: {}, notice: translate(locale, `registrations.done.${intent}`) });
}

export default function RegistrationsList() {
  const { event, registrations, total, page, pageSize } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const base = `/manage/events/${event.slug}`;
  const reasonError = data?.errors.reason;
  const actionButton = (id: string, intent: string, label: string, extra = "") => (
    <PostButton key={intent} fields={{ id, intent }} className={`button button-small ${extra}`}>
      {label}
    </PostButton>
  );
  // Rejecting or cancelling tells the attendee why: the button opens a small form for the reason.
  const withReason = (r: { id: string; name: string }, intent: "reject" | "cancel") => (
    <details key={intent} className="reason-action">
      <summary className="button button-small button-quiet">{t(intent === "reject" ? "registrations.reject" : "registrations.cancel")}</summary>
      <Form method="post" noValidate className="form reason-form">
        <input type="hidden" name="id" value={r.id} />
        <input type="hidden" name="intent" value={intent} />
        <label htmlFor={`reason-${intent}-${r.id}`}>{t("registrations.reason")}</label>
        <textarea id={`reason-${intent}-${r.id}`} name="reason" rows={2} maxLength={1000} />
        <button type="submit" className="button button-small button-danger">
          {t(intent === "reject" ? "registrations.confirmReject" : "registrations.confirmCancel")}
        </button>
      </Form>
    </details>
  );
  return (
    <section aria-labelledby="registrations-heading" className="stack">
      <h2 id="registrations-heading">{t("manage.tab.registrations")}</h2>
      {data?.notice ? (
        <div className="alert alert-success" role="status">
          {data.notice}
        </div>
      ) : null}
      {data?.error ? <FormAlert>{data.error}</FormAlert> : null}
      <div className="row registrations-tools">
        <Form method="get" className="row search-form" role="search">
          <label htmlFor="reg-q" className="visually-hidden">
            {t("registrations.searchLabel")}
          </label>
          <input id="reg-q" type="search" name="q" defaultValue={params.get("q") ?? ""} placeholder={t("registrations.searchLabel")} maxLength={100} />
          <label htmlFor="reg-status" className="visually-hidden">
            {t("manage.status")}
          </label>
          <select id="reg-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("registrations.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`registration.status.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t("common.search")}
          </button>
        </Form>
        <Link className="button button-primary" to={`${base}/registrations/new`}>
          {t("walkIn.add")}
        </Link>
        <a className="button button-quiet" href={`${base}/registrations.csv`} download>
          {t("registrations.exportCsv")}
        </a>
        <a className="button button-quiet" href={`${base}/registrations.xlsx`} download>
          {t("registrations.exportXlsx")}
        </a>
      </div>
      {registrations.length > 0 ? (
        <Form method="post" noValidate id="bulk-form" className="card form bulk-form" aria-labelledby="bulk-heading">
          <h3 id="bulk-heading">{t("registrations.bulkTitle")}</h3>
          <div className="row">
            <div className="field">
              <label htmlFor="bulk-intent">{t("registrations.bulkAction")}</label>
              <select id="bulk-intent" name="intent" defaultValue="approve">
                {(["approve", "promote", "reject", "cancel"] as const).map((intent) => (
                  <option key={intent} value={intent}>
                    {t(`registrations.${intent}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${reasonError ? " field-invalid" : ""}`}>
              <label htmlFor="bulk-reason">{t("registrations.reason")}</label>
              <input id="bulk-reason" name="reason" maxLength={1000} aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? "bulk-reason-error" : undefined} />
              {reasonError ? (
                <p className="field-error" id="bulk-reason-error">
                  {reasonError}
                </p>
              ) : null}
            </div>
          </div>
          <button type="submit" className="button">
            {t("registrations.bulkApply")}
          </button>
        </Form>
      ) : null}
      {registrations.length === 0 ? (
        <p className="empty">{t("registrations.none")}</p>
      ) : (
        <DataTable headings={[{ label: t("registrations.bulkTitle"), hidden: true }, t("register.name"), t("register.organization"), t("manage.status"), t("registrations.registeredAt"), { label: t("manage.actions"), hidden: true }]}>
          {registrations.map((r) => (
            <tr key={r.id}>
              <td>
                <input type="checkbox" name="id" value={r.id} form="bulk-form" className="row-select" aria-label={t("registrations.select", { name: r.name })} />
              </td>
              <td>
                <Link to={`${base}/registrations/${r.id}`} aria-label={t("desk.openFor", { name: r.name })}>
                  {r.name}
                </Link>
                <br />
                <span className="small muted">{r.email}</span>
              </td>
              <td>
                {r.organization}
                {r.position ? <span className="small muted"> · {r.position}</span> : null}
              </td>
              <td>
                <span className={`badge badge-reg-${r.status}`}>{t(`registration.status.${r.status}`)}</span>
                {r.checked_in_at ? <span className="badge badge-success">{t("checkin.checkedInAt", { time: formatDate(r.checked_in_at, locale, "time") })}</span> : null}
              </td>
              <td className="nowrap">{formatDate(r.created_at, locale, "shortDate")}</td>
              <td>
                <div className="row">
                  {r.status === "pending" ? [actionButton(r.id, "approve", t("registrations.approve"), "button-primary"), withReason(r, "reject")] : null}
                  {r.status === "waitlisted" ? actionButton(r.id, "promote", t("registrations.promote")) : null}
                  {["pending", "confirmed", "waitlisted"].includes(r.status) ? withReason(r, "cancel") : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {total > 0 ? <Pager page={page} pageSize={pageSize} total={total} search={params.toString()} /> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
