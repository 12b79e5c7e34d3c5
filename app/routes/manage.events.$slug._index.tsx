import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { MAIL_SEGMENTS } from "~/events/mail-segments";
import { allowedActions, applyLifecycle, emailSegment } from "~/events/event-lifecycle.server";
import { LifecycleSchema, MailSchema } from "~/events/event.schema";
import { actorRef, countRegistrations, requireManagedEvent } from "~/events/manage.server";
import { registrationWindow } from "~/events/registration-window";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormAlert } from "~/ui/field";
import { SelectField, TextAreaField } from "~/ui/form-controls";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  return json({
    event,
    counts: await countRegistrations(getDb(), event.id),
    window: registrationWindow(event, nowIso()),
    actions: allowedActions(event),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const mail = { origin: args.context.origin };
  if (form.get("intent") === "mail") {
    const parsed = parseForm(form, MailSchema, locale);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, notice: null }, { status: 400 });
    const { segment, ...message } = parsed.data;
    const sent = await emailSegment(getDb(), event, segment, message, actorRef(actor, args.context), mail);
    return json({ errors: {}, values: {}, notice: translate(locale, "manage.mailQueued", { count: sent }) });
  }
  const parsed = parseForm(form, LifecycleSchema, locale);
  if (!parsed.ok) return json({ errors: parsed.errors, values: {}, notice: null }, { status: 400 });
  const done = await applyLifecycle(getDb(), event.id, parsed.data.intent, actorRef(actor, args.context), mail);
  if (!done) return json({ errors: { _form: translate(locale, "manage.actionNotAllowed") }, values: {}, notice: null }, { status: 409 });
  return json({ errors: {}, values: {}, notice: translate(locale, `manage.done.${parsed.data.intent}`) });
}

export default function ManagedEventOverview() {
  const { event, counts, window, actions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const stats: [MessageKey, string | number][] = [
    ["registration.status.confirmed", event.capacity === null ? counts.confirmed : `${counts.confirmed}/${event.capacity}`],
    ["registration.status.pending", counts.pending],
    ["registration.status.waitlisted", counts.waitlisted],
    ["registration.status.cancelled", counts.cancelled],
    ["manage.checkedIn", counts.checkedIn],
  ];
  return (
    <div className="stack">
      {data?.notice ? (
        <div className="alert alert-success" role="status">
          {data.notice}
        </div>
      ) : null}
      {errors._form ? <FormAlert>{errors._form}</FormAlert> : null}
      <section className="card" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t("manage.tab.overview")}</h2>
        <dl className="stat-grid">
          {stats.map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">
          {formatDate(event.starts_at, locale, "dateTime")} · {t(`manage.window.${window}`)}
        </p>
        <p>
          <Link to={`/events/${event.slug}`}>{t("manage.viewPublic")}</Link>
        </p>
      </section>

      {actions.length ? (
        <section className="card" aria-labelledby="lifecycle-heading">
          <h2 id="lifecycle-heading">{t("manage.lifecycle")}</h2>
          <div className="row lifecycle-actions">
            {actions.map((a) => (
              <Form method="post" key={a}>
                <input type="hidden" name="intent" value={a} />
                <button type="submit" className={`button ${a === "publish" ? "button-primary" : a === "cancel" ? "button-danger" : ""}`}>
                  {t(`manage.action.${a}`)}
                </button>
              </Form>
            ))}
          </div>
          {actions.includes("cancel") ? <p className="small muted">{t("manage.cancelWarning")}</p> : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="mail-heading">
        <h2 id="mail-heading">{t("manage.mailTitle")}</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="mail" />
          <SelectField
            name="segment"
            label={t("manage.mailSegment")}
            required
            defaultValue={values.segment ?? "confirmed"}
            error={errors.segment}
            options={MAIL_SEGMENTS.map((segment) => ({
              value: segment,
              label: t(`manage.mailSegment.${segment}`, { count: segment === "not_checked_in" ? counts.confirmed - counts.checkedIn : counts[segment] }),
            }))}
          />
          <Field name="subject" label={t("manage.mailSubject")} required maxLength={200} defaultValue={values.subject} error={errors.subject} />
          <TextAreaField name="body" label={t("manage.mailBody")} required rows={5} maxLength={5000} defaultValue={values.body} error={errors.body} />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("manage.mailSend")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
