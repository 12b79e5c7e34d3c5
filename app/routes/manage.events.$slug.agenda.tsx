import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { actionFailed } from "~/lib/action-result.server";
import { deleteAgendaItem, saveAgendaItem } from "~/events/agenda.server";
import { AgendaItemSchema } from "~/events/event.schema";
import { actorRef, requireManagedEvent } from "~/events/manage.server";
import { listAgenda, listEventSpeakers } from "~/events/public-events.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { isoToVietnamLocal } from "~/lib/time";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { Field } from "~/ui/field";
import { SelectField } from "~/ui/form-controls";
import { PostButton } from "~/ui/post-button";
import { ErrorSummary } from "~/ui/error-summary";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const db = getDb();
  const [agenda, speakers] = await Promise.all([listAgenda(db, event.id), listEventSpeakers(db, event.id)]);
  return json({ event: { starts_at: event.starts_at, ends_at: event.ends_at }, agenda, speakers });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const db = getDb();
  if (form.get("intent") === "delete") {
    await deleteAgendaItem(db, event.id, String(form.get("id") ?? ""), actorRef(actor, args.context));
    return redirect(`/manage/events/${event.slug}/agenda`);
  }
  const parsed = parseForm(form, AgendaItemSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const result = await saveAgendaItem(db, event.id, parsed.data, actorRef(actor, args.context));
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (result.kind === "overlap") {
    const other = result.other;
    const message = translate(locale, "agenda.overlap", {
      title: localized(other, "title", locale),
      from: formatDate(other.starts_at, locale, "time"),
      to: formatDate(other.ends_at, locale, "time"),
      room: other.room ?? translate(locale, "agenda.noRoom"),
    });
    return json({ errors: { _form: message, starts_at: message }, values }, { status: 400 });
  }
  if (result.kind === "outside_event") return json({ errors: { _form: translate(locale, "agenda.outsideEvent"), starts_at: translate(locale, "agenda.outsideEvent") }, values }, { status: 400 });
  return redirect(`/manage/events/${event.slug}/agenda`);
}

export default function AgendaEditor() {
  const { event, agenda, speakers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const editing = agenda.find((a) => a.id === params.get("edit"));
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> =
    data?.values ??
    (editing
      ? { id: editing.id, starts_at: isoToVietnamLocal(editing.starts_at), ends_at: isoToVietnamLocal(editing.ends_at), room: editing.room ?? "", kind: editing.kind, title_vi: editing.title_vi, title_en: editing.title_en }
      : { starts_at: isoToVietnamLocal(event.starts_at), ends_at: isoToVietnamLocal(event.starts_at) });
  const chosen = new Set(editing?.speakerIds ?? []);
  const speakerName = new Map(speakers.map((s) => [s.id, s.name]));
  return (
    <div className="stack">
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("manage.tab.agenda")}</h2>
        {agenda.length === 0 ? (
          <p className="empty">{t("events.noAgenda")}</p>
        ) : (
          <DataTable headings={[t("events.agendaTime"), t("agenda.room"), t("events.agendaSession"), t("events.speakers"), { label: t("manage.actions"), hidden: true }]}>
            {agenda.map((item) => (
              <tr key={item.id}>
                <td className="nowrap">
                  {formatDate(item.starts_at, locale, "shortDate")} {formatDate(item.starts_at, locale, "time")}–{formatDate(item.ends_at, locale, "time")}
                </td>
                <td>{item.room ?? "—"}</td>
                <td>
                  <span className="muted small">{t(`events.agendaKind.${item.kind}`)}</span>
                  <br />
                  {localized(item, "title", locale)}
                </td>
                <td>{item.speakerIds.map((id) => speakerName.get(id)).filter(Boolean).join(", ")}</td>
                <td className="row">
                  <Link to={`?edit=${item.id}`} className="button button-small">
                    {t("manage.edit")}
                  </Link>
                  <PostButton fields={{ intent: "delete", id: item.id }} className="button button-small button-quiet">
                    {t("manage.delete")}
                  </PostButton>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section className="card" aria-labelledby="agenda-form-heading">
        <h2 id="agenda-form-heading">{editing ? t("agenda.editItem") : t("agenda.addItem")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" className="form" noValidate key={editing?.id ?? `new-${agenda.length}`}>
          {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
          <div className="form-grid">
            <Field name="starts_at" type="datetime-local" label={t("manage.field.startsAt")} required defaultValue={values.starts_at} error={errors.starts_at} />
            <Field name="ends_at" type="datetime-local" label={t("manage.field.endsAt")} required defaultValue={values.ends_at} error={errors.ends_at} />
            <Field name="room" label={t("agenda.room")} maxLength={100} defaultValue={values.room} error={errors.room} />
            <SelectField
              name="kind"
              label={t("agenda.kind")}
              required
              defaultValue={values.kind ?? "talk"}
              options={(["keynote", "panel", "talk", "demo", "ceremony", "break"] as const).map((k) => ({ value: k, label: t(`events.agendaKind.${k}`) }))}
            />
            <Field name="title_vi" label={`${t("manage.field.title")} (${t("lang.vi")})`} required maxLength={300} defaultValue={values.title_vi} error={errors.title_vi} />
            <Field name="title_en" label={`${t("manage.field.title")} (${t("lang.en")})`} required maxLength={300} defaultValue={values.title_en} error={errors.title_en} />
          </div>
          {speakers.length ? (
            <fieldset className="fieldset">
              <legend>{t("events.speakers")}</legend>
              <div className="check-grid">
                {speakers.map((s) => (
                  <label key={s.id} className="check">
                    <input type="checkbox" name="speakers" value={s.id} defaultChecked={chosen.has(s.id)} /> {s.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {editing ? t("common.save") : t("agenda.addItem")}
            </button>
            {editing ? (
              <Link to="." className="button button-quiet">
                {t("common.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
