import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";

/** Statuses whose thrown response carries its own message, already in the reader's language. */
const TITLED_STATUSES: Partial<Record<number, MessageKey>> = {
  400: "error.400.title",
  405: "error.405.title",
  413: "error.413.title",
  429: "error.429.title",
};

type StatusHandler = (info: { status: number; data: unknown }) => ReactNode;

/**
 * The one error view of the portal. Routes re-export it and may pass handlers for particular
 * status codes; anything unexpected shows a calm 500 page that leaks no internals.
 */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error)) {
    const custom = statusHandlers[error.status];
    if (custom) return <>{custom({ status: error.status, data: error.data })}</>;
    if (error.status === 404) return <ErrorPanel code={404} title={t("error.404.title")} body={t("error.404.body")} />;
    if (error.status === 403) return <ErrorPanel code={403} title={t("error.403.title")} body={t("error.403.body")} />;
    const titled = TITLED_STATUSES[error.status];
    if (titled) return <ErrorPanel code={error.status} title={t(titled)} body={typeof error.data === "string" ? error.data : ""} />;
  } else if (typeof document === "undefined") {
    console.error(error);
  }
  return <ErrorPanel code={500} title={t("error.500.title")} body={t("error.500.body")} />;
}

function ErrorPanel({ code, title, body }: { code: number; title: string; body: string }) {
  const t = useT();
  return (
    <div className="container error-page">
      <p className="error-code" aria-hidden="true">
        {code}
      </p>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/" className="button">
          {t("error.goHome")}
        </Link>
      </p>
    </div>
  );
}
