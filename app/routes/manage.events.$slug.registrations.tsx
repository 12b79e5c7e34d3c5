import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorRef, decideForEvent, requireManagedEvent } from "~/events/manage.server";
import { DecisionSchema, listRegistrations } from "~/events/registrations.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { FormAlert } from "~/ui/field";
import { PostButton } from "~/ui/post-button";
import type { RegistrationStatus } from "~db/schema";

const STATUSES = ["pending", "confirmed", "waitlisted", "cancelled", "rejected"] as const satisfies RegistrationStatus[];

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const statusParam = url.searchParams.get("status");
  const status = (STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as RegistrationStatus) : undefined;
  const registrations = await listRegistrations(getDb(), event.id, { q: q || undefined, status });
  return json({
    event: { slug: event.slug, requires_approval: event.requires_approval },
    registrations: registrations.map((r) => ({
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

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const parsed = parseForm(await readForm(args.request), DecisionSchema, locale);
  if (!parsed.ok) return json({ error: translate(locale, "validation.invalid"), notice: null }, { status: 400 });
  const { intent } = parsed.data;
  const result = await decideForEvent(getDb(), event.id, parsed.data, actorRef(actor, args.context), { origin: args.context.origin });
  if (result !== "done") return json({ error: translate(locale, result === "no_seat" ? "registrations.noSeat" : "manage.actionNotAllowed"), notice: null }, { status: 409 });
  return json({ error: null, notice: translate(locale, `registrations.done.${intent}`) });
}

export default function RegistrationsList() {
  const { event, registrations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const base = `/manage/events/${event.slug}`;
  const actionButton = (id: string, intent: string, label: string, extra = "") => (
    <PostButton key={intent} fields={{ id, intent }} className={`button button-small ${extra}`}>
      {label}
    </PostButton>
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
        <a className="button button-quiet" href={`${base}/registrations.csv`} download>
          {t("registrations.exportCsv")}
        </a>
        <a className="button button-quiet" href={`${base}/registrations.xlsx`} download>
          {t("registrations.exportXlsx")}
        </a>
      </div>
      {registrations.length === 0 ? (
        <p className="empty">{t("registrations.none")}</p>
      ) : (
        <DataTable headings={[t("register.name"), t("register.organization"), t("manage.status"), t("registrations.registeredAt"), { label: t("manage.actions"), hidden: true }]}>
          {registrations.map((r) => (
            <tr key={r.id}>
              <td>
                {r.name}
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
                  {r.status === "pending" ? [actionButton(r.id, "approve", t("registrations.approve"), "button-primary"), actionButton(r.id, "reject", t("registrations.reject"))] : null}
                  {r.status === "waitlisted" ? actionButton(r.id, "promote", t("registrations.promote")) : null}
                  {["pending", "confirmed", "waitlisted"].includes(r.status) ? actionButton(r.id, "cancel", t("registrations.cancel"), "button-quiet") : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
