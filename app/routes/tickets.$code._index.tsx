import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { eraseRegistration } from "~/events/personal-data.server";
import { cancelRegistration, waitlistPosition } from "~/events/registrations.server";
import { PRIVATE_HEADERS, requireTicket } from "~/events/ticket.server";
import { ticketQrDataUrl } from "~/pdf/ticket.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormAlert } from "~/ui/field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction = () => [{ title: "Vé tham dự · Ticket" }, { name: "robots", content: "noindex" }, { name: "referrer", content: "no-referrer" }];
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export async function loader({ params }: LoaderFunctionArgs) {
  const { registration: r, event } = await requireTicket(params.code);
  const active = ["confirmed", "pending", "waitlisted"].includes(r.status);
  return json(
    {
      ticket: {
        code: r.ticket_code,
        status: r.status,
        name: r.name,
        email: r.email,
        organization: r.organization,
        position: r.position,
        checked_in_at: r.checked_in_at,
        erased: Boolean(r.erased_at),
        active,
      },
      waitlistPosition: await waitlistPosition(getDb(), r),
      qr: r.status === "confirmed" ? await ticketQrDataUrl(r.ticket_code) : null,
      event: {
        slug: event.slug,
        status: event.status,
        title_vi: event.title_vi,
        title_en: event.title_en,
        venue_vi: event.venue_vi,
        venue_en: event.venue_en,
        address: event.address,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
      },
    },
    { headers: PRIVATE_HEADERS },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { registration } = await requireTicket(params.code);
  const locale = getLocale(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const mail = { origin: context.origin };
  if (intent === "cancel") {
    if (form.get("confirm") !== "on") return json({ error: translate(locale, "ticket.cancelConfirmRequired") }, { status: 400 });
    const result = await cancelRegistration(getDb(), registration.id, { id: null, name: "attendee", ip: context.clientIp }, mail, "attendee");
    if (result !== "cancelled") return json({ error: translate(locale, "ticket.cannotCancel") }, { status: 409 });
    return redirectWithFlash(`/tickets/${registration.ticket_code}`, { key: "ticket.cancelled" }, context.secure);
  }
  if (intent === "erase") {
    if (form.get("confirm") !== "on") return json({ error: translate(locale, "ticket.eraseConfirmRequired") }, { status: 400 });
    await eraseRegistration(getDb(), registration.id, mail);
    return redirect(`/tickets/${registration.ticket_code}`);
  }
  return json({ error: translate(locale, "validation.invalid") }, { status: 400 });
}

export default function Ticket() {
  const { ticket, event, qr, waitlistPosition } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const base = `/tickets/${ticket.code}`;
  if (ticket.erased) {
    return (
      <div className="container page narrow">
        <h1>{t("ticket.title")}</h1>
        <div className="alert alert-info" role="status">
          {t("ticket.erased")}
        </div>
      </div>
    );
  }
  return (
    <div className="container page narrow ticket-page">
      {data?.error ? <FormAlert>{data.error}</FormAlert> : null}
      <p className="eyebrow">
        <Link to={`/events/${event.slug}`}>{localized(event, "title", locale)}</Link>
      </p>
      <h1>{t("ticket.title")}</h1>
      <div className="card ticket">
        <p className="ticket-status">
          <span className={`badge badge-reg-${ticket.status}`}>{t(`registration.status.${ticket.status}`)}</span>
          {waitlistPosition ? <strong className="waitlist-place"> {t("register.waitlistPlace", { position: waitlistPosition })}</strong> : null}
          {event.status === "cancelled" ? <span className="badge badge-danger">{t("events.status.cancelled")}</span> : null}
        </p>
        <h2 className="ticket-name">{ticket.name}</h2>
        <p className="muted">{[ticket.position, ticket.organization].filter(Boolean).join(", ")}</p>
        <dl className="facts facts-light">
          <div>
            <dt>{t("events.when")}</dt>
            <dd>
              {formatDate(event.starts_at, locale, "dateTime")} – {formatDate(event.ends_at, locale, "time")} ({t("events.timeZoneNote")})
            </dd>
          </div>
          <div>
            <dt>{t("events.where")}</dt>
            <dd>{[localized(event, "venue", locale), event.address].filter(Boolean).join(", ")}</dd>
          </div>
        </dl>
        {ticket.checked_in_at ? <p className="badge badge-success">{t("checkin.checkedInAt", { time: formatDate(ticket.checked_in_at, locale, "dateTime") })}</p> : null}
        {qr ? (
          <figure className="ticket-qr">
            <img src={qr} alt={t("ticket.qrAlt")} width={240} height={240} />
            <figcaption className="mono small">{ticket.code}</figcaption>
          </figure>
        ) : (
          <p className="muted">{t(ticket.status === "pending" ? "ticket.pendingNote" : ticket.status === "waitlisted" ? "ticket.waitlistNote" : "ticket.inactiveNote")}</p>
        )}
        <p className="row">
          {ticket.status === "confirmed" ? (
            <a href={`${base}/ticket.pdf`} className="button button-primary">
              {t("ticket.downloadPdf")}
            </a>
          ) : null}
          <a href={`/events/${event.slug}/calendar.ics`} className="button">
            {t("events.addToCalendar")}
          </a>
        </p>
      </div>

      {ticket.active ? (
        <section className="section" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t("ticket.cancelTitle")}</h2>
          <p className="muted">{t("ticket.cancelLead")}</p>
          <Form method="post" noValidate className="form">
            <input type="hidden" name="intent" value="cancel" />
            <div className="field field-check">
              <input id="cancel-confirm" type="checkbox" name="confirm" required />
              <label htmlFor="cancel-confirm">{t("ticket.cancelConfirm")}</label>
            </div>
            <button type="submit" className="button button-danger">
              {t("ticket.cancel")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="section" aria-labelledby="data-heading">
        <h2 id="data-heading">{t("ticket.dataTitle")}</h2>
        <p className="muted">{t("ticket.dataLead")}</p>
        <p>
          <a href={`${base}/data.json`} className="button" download>
            {t("ticket.exportData")}
          </a>
        </p>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="erase" />
          <div className="field field-check">
            <input id="erase-confirm" type="checkbox" name="confirm" required />
            <label htmlFor="erase-confirm">{t("ticket.eraseConfirm")}</label>
          </div>
          <button type="submit" className="button button-danger">
            {t("ticket.erase")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
