import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorRef, requireManagedEvent } from "~/events/manage.server";
import { readQuestions } from "~/events/questions";
import { readAnswers } from "~/events/registration-form.server";
import { WalkInSchema } from "~/events/event.schema";
import { addWalkIn } from "~/events/walk-ins.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { AttendeeFields } from "~/ui/events/attendee-fields";
import { CheckField } from "~/ui/form-controls";
import { ErrorSummary } from "~/ui/error-summary";

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
  const errors: Record<string, string> = data && !data.ok ? data.errors : {};
  const values: Record<string, string> = data && !data.ok ? data.values : {};
  return (
    <section aria-labelledby="walk-in-heading" className="stack">
      <p>
        <Link to={`/manage/events/${slug}/registrations`}>{t("walkIn.back")}</Link>
      </p>
      <h2 id="walk-in-heading">{t("walkIn.title")}</h2>
      <p className="muted">{t("walkIn.lead")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form card" noValidate>
        <AttendeeFields questions={questions} values={values} errors={errors} desk />
        <CheckField name="consent" id="walk-in-consent" label={t("walkIn.consent")} error={errors.consent} />
        {errors.beyond_capacity ? <CheckField name="beyond_capacity" id="walk-in-beyond_capacity" label={t("walkIn.beyondCapacity")} error={errors.beyond_capacity} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("walkIn.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
