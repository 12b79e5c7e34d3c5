import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireManagedEvent } from "~/events/manage.server";
import type { MessageKey } from "~/i18n/messages";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title_vi} · Quản lý` : "Quản lý sự kiện" }];

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  return json({ event: { slug: event.slug, status: event.status, title_vi: event.title_vi, title_en: event.title_en } });
}

const TABS: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "", label: "manage.tab.overview", end: true },
  { to: "edit", label: "manage.tab.edit" },
  { to: "agenda", label: "manage.tab.agenda" },
  { to: "speakers", label: "manage.tab.speakers" },
  { to: "registrations", label: "manage.tab.registrations" },
  { to: "check-in", label: "manage.tab.checkIn" },
  { to: "clone", label: "manage.tab.clone" },
];

/** The frame of every organizer page of one event: its title, status and the tabs. */
export default function ManagedEventLayout() {
  const { event } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/manage/events/${event.slug}`;
  return (
    <div className="container page manage-event">
      <p className="eyebrow">
        <a href="/manage/events">{t("manage.title")}</a>
      </p>
      <h1 className="manage-title">{localized(event, "title", locale)}</h1>
      <p>
        <span className={`badge badge-status-${event.status}`}>{t(`events.status.${event.status}`)}</span>
      </p>
      <nav className="tabs" aria-label={t("manage.tabsLabel")}>
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to ? `${base}/${tab.to}` : base} end={tab.end}>
            {t(tab.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
