import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorRef, requireManagedEvent } from "~/events/manage.server";
import { readQuestions } from "~/events/questions";
import { readAnswers } from "~/events/registration-form.server";
import { addWalkIn, WalkInSchema } from "~/events/walk-ins.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormAlert } from "~/ui/field";
import { SelectField, TextAreaField } from "~/ui/form-controls";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  return json({ slug: event.slug, questions: readQuestions(event.questions) });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = parseForm(form, WalkInSchema, locale);
  const { answers, errors: answerErrors } = readAnswers(form, readQuestions(event.questions), locale);
  if (!parsed.ok || Object.keys(answerErrors).length) return actionFailed({ errors: { ...(parsed.ok ? {} : parsed.errors), ...answerErrors }, values: formValues(form) });
  const { consent: _consent, attendee_locale: attendeeLocale, beyond_capacity, ...person } = parsed.data;
  const outcome = await addWalkIn(
    getDb(),
    event,
    { ...person, phone: person.phone ?? null, answers },
    { locale: attendeeLocale, beyondCapacity: beyond_capacity, actor: actorRef(actor, args.context) },
    { origin: args.context.origin },
  );
  const base = `/manage/events/${event.slug}/registrations`;
  switch (outcome.kind) {
    case "full":
      return actionFailed({ errors: { beyond_capacity: translate(locale, "walkIn.full", { taken: outcome.taken, capacity: outcome.capacity }) }, values: formValues(form) }, 409);
    case "closed":
      return actionFailed({ errors: { _form: translate(locale, "walkIn.closed") }, values: formValues(form) }, 409);
    case "existing":
      return actionFailed({ errors: { email: translate(locale, "walkIn.existing", { status: translate(locale, `registration.status.${outcome.registration.status}`) }) }, values: formValues(form) }, 409);
    default:
      return redirectWithFlash(base, { key: "walkIn.added", params: { name: outcome.registration.name, status: translate(locale, `registration.status.${outcome.registration.status}`) } }, args.context.secure);
  }
}

export default function WalkIn() {
  const { slug, questions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> = data && !data.ok ? data.errors : {};
  const values: Record<string, string> = data && !data.ok ? data.values : {};
  return (
    <section aria-labelledby="walk-in-heading" className="stack">
      <p>
        <Link to={`/manage/events/${slug}/registrations`}>{t("walkIn.back")}</Link>
      </p>
      <h2 id="walk-in-heading">{t("walkIn.title")}</h2>
      <p className="muted">{t("walkIn.lead")}</p>
      {errors._form ? <FormAlert>{errors._form}</FormAlert> : null}
      <Form method="post" className="form card" noValidate>
        <Field name="name" label={t("register.name")} required maxLength={200} defaultValue={values.name} error={errors.name} />
        <Field name="email" type="email" label={t("register.email")} required maxLength={254} defaultValue={values.email} error={errors.email} />
        <Field name="organization" label={t("register.organization")} required maxLength={200} defaultValue={values.organization} error={errors.organization} />
        <Field name="position" label={t("register.position")} required maxLength={200} defaultValue={values.position} error={errors.position} />
        <Field name="phone" type="tel" label={t("register.phone")} maxLength={30} defaultValue={values.phone} error={errors.phone} />
        <SelectField
          name="attendee_locale"
          label={t("walkIn.language")}
          hint={t("walkIn.languageHint")}
          required
          defaultValue={values.attendee_locale ?? locale}
          error={errors.attendee_locale}
          options={[
            { value: "vi", label: "Tiếng Việt" },
            { value: "en", label: "English" },
          ]}
        />
        {questions.map((q) => (
          <TextAreaField
            key={q.id}
            name={`answer.${q.id}`}
            label={localized(q, "label", locale)}
            required={q.required}
            rows={2}
            maxLength={1000}
            defaultValue={values[`answer.${q.id}`]}
            error={errors[`answer.${q.id}`]}
          />
        ))}
        <CheckBox name="consent" label={t("walkIn.consent")} error={errors.consent} />
        {errors.beyond_capacity ? <CheckBox name="beyond_capacity" label={t("walkIn.beyondCapacity")} error={errors.beyond_capacity} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("walkIn.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function CheckBox({ name, label, error }: { name: string; label: string; error?: string }) {
  const id = `walk-in-${name}`;
  return (
    <div className={`field field-check${error ? " field-invalid" : ""}`}>
      <input id={id} type="checkbox" name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
