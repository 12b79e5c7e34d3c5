import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can, delegatingOrgIds, getActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { findPublicEvent } from "~/events/public-events.server";
import { countTakenSeats } from "~/events/seats.server";
import { consentText } from "~/events/consent.server";
import { readQuestions } from "~/events/questions";
import { parseDelegation, readAnswers } from "~/events/registration-form.server";
import { DelegationSchema, RegistrationSchema } from "~/events/event.schema";
import { registrationWindow } from "~/events/registration-window";
import { registerAttendees, type Attendee } from "~/events/register.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { listOrganizationNames } from "~/orgs/organizations.server";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { AttendeeFields } from "~/ui/events/attendee-fields";
import { CheckField, SelectField, TextAreaField } from "~/ui/form-controls";
import { ErrorSummary } from "~/ui/error-summary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Đăng ký · ${data.event.title_vi}` : "Đăng ký" }];

async function loadEvent(slug: string | undefined) {
  const event = await findPublicEvent(getDb(), slug ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  return event;
}

async function delegationOrgs(args: LoaderFunctionArgs) {
  return listOrganizationNames(getDb(), delegatingOrgIds(await getActor(args)));
}

export async function loader(args: LoaderFunctionArgs) {
  const event = await loadEvent(args.params.slug);
  const taken = await countTakenSeats(getDb(), event.id);
  return json({
    event: {
      slug: event.slug,
      title_vi: event.title_vi,
      title_en: event.title_en,
      starts_at: event.starts_at,
      ends_at: event.ends_at,
      venue_vi: event.venue_vi,
      venue_en: event.venue_en,
      capacity: event.capacity,
      requires_approval: event.requires_approval,
    },
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - taken),
    window: registrationWindow(event, nowIso()),
    questions: readQuestions(event.questions),
    orgs: await delegationOrgs(args),
  });
}

type DelegationResult = { name: string; status: string; position: number | null; existing: boolean };

export async function action(args: ActionFunctionArgs) {
  const { request, context, params } = args;
  const locale = getLocale(request);
  const db = getDb();
  const event = await loadEvent(params.slug);
  const form = await readForm(request);
  const closed = () => json({ errors: { _form: translate(locale, "register.closed") }, values: formValues(form), delegation: null, existing: false }, { status: 400 });
  if (registrationWindow(event, nowIso()) !== "open") return closed();
  const mail = { origin: context.origin };

  if (form.get("intent") === "delegation") {
    const actor = await getActor(args);
    if (!actor.user) throw redirect(`/login?redirectTo=${encodeURIComponent(`/events/${event.slug}/register`)}`);
    const parsed = parseForm(form, DelegationSchema, locale);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, delegation: null, existing: false }, { status: 400 });
    const [org] = can(actor, { action: "event.delegate", orgId: parsed.data.org_id }) ? await listOrganizationNames(db, [parsed.data.org_id]) : [];
    if (!org) return json({ errors: { org_id: translate(locale, "validation.invalid") }, values: formValues(form), delegation: null, existing: false }, { status: 400 });
    const lines = parseDelegation(parsed.data.people, localized(org, "name", locale), locale);
    const lineErrors = lines.filter((l) => l.error).map((l) => l.error);
    if (lineErrors.length || !lines.length) {
      return json({ errors: { people: lineErrors.join(" ") || translate(locale, "validation.required") }, values: formValues(form), delegation: null, existing: false }, { status: 400 });
    }
    const attendees = lines.map((l) => l.attendee!);
    const outcomes = await registerAttendees(
      db,
      event.id,
      attendees,
      { locale, consentText: consentText(locale), userId: null, orgId: org.id, registeredBy: actor.user.id },
      mail,
    );
    if (outcomes.some((o) => o.kind === "closed")) return closed();
    const delegation: DelegationResult[] = outcomes.map((o, i) =>
      o.kind === "created"
        ? { name: attendees[i].name, status: o.registration.status, position: o.position, existing: false }
        : { name: attendees[i].name, status: o.kind === "existing" ? o.registration.status : "closed", position: null, existing: true },
    );
    return json({ errors: {}, values: {}, delegation, existing: false });
  }

  const parsed = parseForm(form, RegistrationSchema, locale);
  const { answers, errors: answerErrors } = readAnswers(form, readQuestions(event.questions), locale);
  if (!parsed.ok || Object.keys(answerErrors).length) {
    return json({ errors: { ...(parsed.ok ? {} : parsed.errors), ...answerErrors }, values: formValues(form), delegation: null, existing: false }, { status: 400 });
  }
  const { consent: _consent, ...person } = parsed.data;
  const attendee: Attendee = { ...person, phone: person.phone ?? null, answers };
  const actor = await getActor(args);
  const [outcome] = await registerAttendees(
    db,
    event.id,
    [attendee],
    { locale, consentText: consentText(locale), userId: actor.user?.id ?? null, orgId: null, registeredBy: actor.user?.id ?? null },
    mail,
  );
  if (outcome.kind === "closed") return closed();
  // An address already registered gets its ticket link again by email, never on this page: typing
  // someone's address must not reveal their ticket.
  if (outcome.kind === "existing") return json({ errors: {}, values: {}, delegation: null, existing: true });
  const thanks = outcome.registration.status === "confirmed" ? "ticket.thanks" : outcome.registration.status === "pending" ? "ticket.thanksPending" : "ticket.thanksWaitlisted";
  return redirectWithFlash(`/tickets/${outcome.registration.ticket_code}`, { key: thanks }, args.context.secure);
}

export default function Register() {
  const { event, seatsLeft, window, questions, orgs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const isDelegation = values.intent === "delegation";
  const own = (name: string) => (isDelegation ? undefined : errors[name]);
  return (
    <div className="container page narrow register-page">
      <p className="eyebrow">
        <Link to={`/events/${event.slug}`}>{localized(event, "title", locale)}</Link>
      </p>
      <h1>{t("register.title")}</h1>
      <p className="lead">
        {formatDate(event.starts_at, locale, "dateTime")} · {localized(event, "venue", locale)}
      </p>
      {window !== "open" ? (
        <div className="alert alert-info" role="status">
          {t(window === "not_yet_open" ? "register.notYetOpen" : "register.closed")}
        </div>
      ) : (
        <>
          {seatsLeft === 0 ? (
            <div className="alert alert-info" role="status">
              {t("events.full")}
            </div>
          ) : null}
          {event.requires_approval ? <p className="muted">{t("register.approvalNote")}</p> : null}
          {data?.existing ? (
            <div className="alert alert-success" role="status">
              {t("register.existing")}
            </div>
          ) : null}
          {isDelegation ? null : <ErrorSummary errors={errors} />}
          <Form method="post" className="form card" noValidate>
            <AttendeeFields questions={questions} values={isDelegation ? {} : values} errors={isDelegation ? {} : errors} />
            <CheckField name="consent" id="consent" className="consent" required label={t("register.consentText")} error={own("consent")} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("register.submit")}
              </button>
            </div>
          </Form>

          {orgs.length ? (
            <section className="section" aria-labelledby="delegation-heading">
              <h2 id="delegation-heading">{t("register.delegationTitle")}</h2>
              <p className="muted">{t("register.delegationLead")}</p>
              {data?.delegation ? (
                <div className="alert alert-success" role="status">
                  <p>{t("register.delegationDone")}</p>
                  <ul>
                    {data.delegation.map((d) => (
                      <li key={d.name}>
                        {d.name}: {t(`registration.status.${d.status}` as "registration.status.confirmed")}
                        {d.position ? ` (${t("register.waitlistPlace", { position: d.position })})` : ""}
                        {d.existing ? ` — ${t("register.alreadyRegistered")}` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {isDelegation ? <ErrorSummary errors={errors} /> : null}
              <Form method="post" className="form card" noValidate>
                <input type="hidden" name="intent" value="delegation" />
                <SelectField
                  name="org_id"
                  id="delegation-org"
                  label={t("register.delegationOrg")}
                  required
                  defaultValue={values.org_id}
                  error={isDelegation ? errors.org_id : undefined}
                  options={orgs.map((o) => ({ value: o.id, label: localized(o, "name", locale) }))}
                />
                <TextAreaField
                  name="people"
                  id="delegation-people"
                  label={t("register.delegationPeople")}
                  hint={t("register.delegationHint")}
                  required
                  rows={5}
                  defaultValue={isDelegation ? values.people : ""}
                  error={isDelegation ? errors.people : undefined}
                />
                <CheckField name="consent" id="delegation-consent" className="consent" required label={t("register.consentText")} error={isDelegation ? errors.consent : undefined} />
                <div className="form-actions">
                  <button type="submit" className="button" disabled={busy}>
                    {t("register.delegationSubmit")}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
