import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "~/db.server";
import { AttendeeEditSchema } from "~/events/event.schema";
import { actorRef, requireManagedEvent } from "~/events/manage.server";
import { readQuestions } from "~/events/questions";
import { editAttendee, findEventRegistration, registrationHistory, resendTicket } from "~/events/registration-desk.server";
import { readAnswers } from "~/events/registration-form.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { pageParam } from "~/lib/paging";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { AttendeeFields } from "~/ui/events/attendee-fields";
import { RegistrationHistory } from "~/ui/events/registration-history";
import { FormAlert } from "~/ui/field";

// A rendered page takes its headers from here: this is how a throttled resend's Retry-After gets out.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const db = getDb();
  const r = await findEventRegistration(db, event.id, args.params.id ?? "");
  const page = pageParam(new URL(args.request.url));
  const history = await registrationHistory(db, r.id, page);
  return json({
    slug: event.slug,
    questions: readQuestions(event.questions),
    registration: {
      id: r.id,
      ticket_code: r.ticket_code,
      status: r.status,
      name: r.name,
      email: r.email,
      phone: r.phone,
      organization: r.organization,
      position: r.position,
      locale: r.locale,
      answers: JSON.parse(r.answers || "{}") as Record<string, string>,
      walk_in: r.registered_by !== null && r.org_id === null && r.user_id === null,
      consent_at: r.consent_at,
      created_at: r.created_at,
      checked_in_at: r.checked_in_at,
      erased: r.erased_at !== null,
    },
    history: { ...history, page },
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const db = getDb();
  const id = args.params.id ?? "";
  const here = `/manage/events/${event.slug}/registrations/${id}`;
  if (form.get("intent") === "resend") {
    const outcome = await resendTicket(db, event.id, id, actorRef(actor, args.context), { origin: args.context.origin });
    if (outcome.kind === "throttled") {
      const seconds = Math.max(1, Math.ceil((outcome.retryAt.getTime() - Date.now()) / 1000));
      const message = translate(locale, "desk.resendThrottled", { time: formatDate(outcome.retryAt.toISOString(), locale, "time") });
      return actionFailed({ errors: { resend: message } }, { status: 429, headers: { "Retry-After": String(seconds) } });
    }
    if (outcome.kind === "not_active") return actionFailed({ errors: { resend: translate(locale, "desk.resendInactive") } }, 409);
    const { email } = await findEventRegistration(db, event.id, id);
    return redirectWithFlash(here, { key: "desk.resent", params: { email } }, args.context.secure);
  }
  const parsed = parseForm(form, AttendeeEditSchema, locale);
  const { answers, errors: answerErrors } = readAnswers(form, readQuestions(event.questions), locale);
  if (!parsed.ok || Object.keys(answerErrors).length) return actionFailed({ errors: { ...(parsed.ok ? {} : parsed.errors), ...answerErrors }, values: formValues(form) });
  const { attendee_locale, ...person } = parsed.data;
  const outcome = await editAttendee(db, event.id, id, { ...person, phone: person.phone ?? null, answers, locale: attendee_locale }, actorRef(actor, args.context));
  if (outcome.kind === "email_taken") return actionFailed({ errors: { email: translate(locale, "desk.emailTaken") }, values: formValues(form) }, 409);
  if (outcome.kind === "erased") return actionFailed({ errors: { _form: translate(locale, "desk.erased") } }, 409);
  return redirectWithFlash(here, { key: outcome.changed.length ? "desk.saved" : "desk.unchanged" }, args.context.secure);
}

export default function RegistrationDetail() {
  const { slug, questions, registration: r, history } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> = data && !data.ok ? data.errors : {};
  const saved: Record<string, string> = Object.fromEntries(questions.map((q) => [`answer.${q.id}`, r.answers[q.id] ?? ""]));
  const values: Record<string, string> =
    data && !data.ok && Object.keys(data.values).length
      ? data.values
      : { ...saved, name: r.name, email: r.email, phone: r.phone ?? "", organization: r.organization ?? "", position: r.position ?? "", attendee_locale: r.locale };
  return (
    <section aria-labelledby="detail-heading" className="stack registration-detail">
      <p>
        <Link to={`/manage/events/${slug}/registrations`}>{t("walkIn.back")}</Link>
      </p>
      <h2 id="detail-heading">{t("desk.title", { name: r.name || "—" })}</h2>
      {errors._form ? <FormAlert>{errors._form}</FormAlert> : null}
      {r.erased ? <p className="alert alert-info">{t("desk.erased")}</p> : null}
      <dl className="facts facts-light card">
        <Fact label={t("manage.status")}>
          <span className={`badge badge-reg-${r.status}`}>{t(`registration.status.${r.status}`)}</span>
        </Fact>
        <Fact label={t("desk.ticketCode")}>
          <code className="ticket-code">{r.ticket_code}</code>
        </Fact>
        <Fact label={t("register.email")}>{r.email || "—"}</Fact>
        <Fact label={t("register.phone")}>{r.phone ?? "—"}</Fact>
        <Fact label={t("register.organization")}>{[r.organization, r.position].filter(Boolean).join(" · ") || "—"}</Fact>
        <Fact label={t("walkIn.language")}>{t(r.locale === "en" ? "lang.en" : "lang.vi")}</Fact>
        <Fact label={t("registrations.registeredAt")}>{`${formatDate(r.created_at, locale, "dateTime")} · ${t(
          r.walk_in ? "desk.registeredByDesk" : "desk.registeredBySelf"
        )}`}</Fact>
        <Fact label={t("desk.checkedIn")}>{r.checked_in_at ? formatDate(r.checked_in_at, locale, "dateTime") : t("desk.notCheckedIn")}</Fact>
        <Fact label={t("desk.consentAt")}>{formatDate(r.consent_at, locale, "dateTime")}</Fact>
      </dl>

      <section className="stack" aria-labelledby="answers-heading">
        <h3 id="answers-heading">{t("desk.answers")}</h3>
        {questions.length === 0 ? (
          <p className="muted">{t("desk.noQuestions")}</p>
        ) : (
          <dl className="facts facts-light">
            {questions.map((q) => (
              <Fact key={q.id} label={localized(q, "label", locale)}>
                {r.answers[q.id] || t("desk.noAnswer")}
              </Fact>
            ))}
          </dl>
        )}
      </section>

      <RegistrationHistory entries={history.entries} total={history.total} page={history.page} registeredAt={r.created_at} questions={questions} />

      {r.erased ? null : (
        <>
          <section className="stack" aria-labelledby="resend-heading">
            <h3 id="resend-heading">{t("desk.resendTitle")}</h3>
            <p className="muted">{t("desk.resendLead", { email: r.email })}</p>
            {errors.resend ? <FormAlert>{errors.resend}</FormAlert> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" className="button">
                {t("desk.resend")}
              </button>
            </Form>
          </section>

          <section className="stack" aria-labelledby="edit-heading">
            <h3 id="edit-heading">{t("desk.editTitle")}</h3>
            <p className="muted">{t("desk.editLead")}</p>
            {Object.keys(errors).some((k) => k !== "_form" && k !== "resend") ? <FormAlert>{t("common.formHasErrors")}</FormAlert> : null}
            <Form method="post" className="form card" noValidate>
              <input type="hidden" name="intent" value="edit" />
              <AttendeeFields questions={questions} values={values} errors={errors} desk />
              <div className="form-actions">
                <button type="submit" className="button button-primary">
                  {t("desk.save")}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}

    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
