import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { getDb } from "~/db.server";
import { actorRef, countRegistrations, requireManagedEvent } from "~/events/manage.server";
import { listCheckedIn, undoCheckIn } from "~/events/check-in.server";
import { checkIn, listRegistrations } from "~/events/registrations.server";
import { CheckInSchema } from "~/events/event.schema";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PostButton } from "~/ui/post-button";
import { TicketScanner } from "~/ui/ticket-scanner";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const db = getDb();
  const [counts, matches, arrivals] = await Promise.all([
    countRegistrations(db, event.id),
    q ? listRegistrations(db, event.id, { q }, 30) : Promise.resolve([]),
    listCheckedIn(db, event.id),
  ]);
  return json({
    counts,
    arrivals,
    matches: matches.map((r) => ({ id: r.id, name: r.name, email: r.email, organization: r.organization, status: r.status, checked_in_at: r.checked_in_at })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const parsed = parseForm(await readForm(args.request), CheckInSchema, locale);
  if (parsed.ok && parsed.data.intent === "undo" && parsed.data.id) {
    const undone = await undoCheckIn(getDb(), event.id, parsed.data.id, actorRef(actor, args.context));
    return undone === "undone"
      ? json({ kind: "undone" as const, message: translate(locale, "checkin.undone") })
      : json({ kind: "not_checked_in" as const, message: translate(locale, "checkin.notCheckedIn") }, { status: 409 });
  }
  if (!parsed.ok || (!parsed.data.code && !parsed.data.id)) {
    return json({ kind: "invalid" as const, message: translate(locale, "checkin.enterCode") }, { status: 400 });
  }
  const result = await checkIn(getDb(), event.id, { ticketCode: parsed.data.code, registrationId: parsed.data.id }, actorRef(actor, args.context));
  switch (result.kind) {
    case "checked_in":
      return json({ kind: result.kind, message: translate(locale, "checkin.success", { name: result.registration.name }) });
    case "already":
      return json(
        {
          kind: result.kind,
          message: translate(locale, "checkin.already", { name: result.registration.name, time: formatDate(result.registration.checked_in_at!, locale, "dateTime") }),
        },
        { status: 409 },
      );
    case "not_confirmed":
      return json(
        { kind: result.kind, message: translate(locale, "checkin.notConfirmed", { name: result.registration.name, status: translate(locale, `registration.status.${result.registration.status}`) }) },
        { status: 409 },
      );
    default:
      return json({ kind: result.kind, message: translate(locale, "checkin.unknown") }, { status: 404 });
  }
}

export default function CheckIn() {
  const { counts, matches, arrivals } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const codeForm = useRef<HTMLFormElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const revalidator = useRevalidator();
  // Several doors check people in at once: each device refreshes the counts and arrivals on its own.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 15_000);
    return () => clearInterval(timer);
  }, [revalidator]);
  useEffect(() => {
    if (data && codeInput.current) {
      codeInput.current.value = "";
      codeInput.current.focus();
    }
  }, [data]);
  const onScanned = (code: string) => {
    if (!codeInput.current || !codeForm.current) return;
    codeInput.current.value = code;
    codeForm.current.requestSubmit();
  };
  return (
    <section aria-labelledby="checkin-heading" className="stack checkin">
      <h2 id="checkin-heading">{t("manage.tab.checkIn")}</h2>
      <p className="checkin-count" aria-live="polite">
        {t("checkin.count", { done: counts.checkedIn, total: counts.confirmed })}
      </p>
      {data ? (
        <div className={`alert checkin-result ${data.kind === "checked_in" || data.kind === "undone" ? "alert-success" : "alert-error"}`} role="alert">
          {data.message}
        </div>
      ) : null}
      <Form method="post" noValidate ref={codeForm} className="card form checkin-code" autoComplete="off">
        <label htmlFor="checkin-code">{t("checkin.codeLabel")}</label>
        <div className="row">
          <input ref={codeInput} id="checkin-code" name="code" maxLength={100} autoCapitalize="off" spellCheck={false} className="mono" />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("checkin.submit")}
          </button>
        </div>
        <TicketScanner onCode={onScanned} />
      </Form>
      <Form method="get" className="card form" role="search">
        <label htmlFor="checkin-q">{t("checkin.searchLabel")}</label>
        <div className="row">
          <input id="checkin-q" type="search" name="q" defaultValue={params.get("q") ?? ""} maxLength={100} />
          <button type="submit" className="button">
            {t("common.search")}
          </button>
        </div>
      </Form>
      {params.get("q") && matches.length === 0 ? <p className="empty">{t("registrations.none")}</p> : null}
      <ul className="checkin-matches">
        {matches.map((m) => (
          <li key={m.id} className="card checkin-match">
            <div>
              <p className="card-title">{m.name}</p>
              <p className="small muted">{[m.email, m.organization].filter(Boolean).join(" · ")}</p>
              {m.status !== "confirmed" ? <span className={`badge badge-reg-${m.status}`}>{t(`registration.status.${m.status}`)}</span> : null}
            </div>
            {m.checked_in_at ? (
              <div className="row">
                <span className="badge badge-success">{t("checkin.checkedInAt", { time: formatDate(m.checked_in_at, locale, "time") })}</span>
                <PostButton fields={{ id: m.id, intent: "undo" }} className="button button-small button-quiet">
                  {t("checkin.undo")}
                </PostButton>
              </div>
            ) : m.status === "confirmed" ? (
              <PostButton fields={{ id: m.id }} className="button button-primary checkin-tap">
                {t("checkin.submit")}
              </PostButton>
            ) : null}
          </li>
        ))}
      </ul>
      {arrivals.length > 0 ? (
        <section aria-labelledby="arrivals-heading" className="stack">
          <h3 id="arrivals-heading">{t("checkin.arrivals")}</h3>
          <ul className="checkin-arrivals">
            {arrivals.map((a) => (
              <li key={a.id}>
                <span className="muted small">{formatDate(a.checked_in_at!, locale, "time")}</span> {a.name}
                {a.organization ? <span className="muted small"> · {a.organization}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
