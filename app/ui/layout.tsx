import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/messages";

type HeaderUser = { id: string; name: string; email: string; isStaff: boolean; isOrganizer: boolean } | null;

type NavItem = { to: string; label: MessageKey; show: (user: HeaderUser) => boolean };

// Links are shown by role for convenience only; every route checks permission on the server.
const NAV: NavItem[] = [
  { to: "/events", label: "nav.events", show: () => true },
  { to: "/mous", label: "nav.mous", show: (u) => u !== null },
  { to: "/commitments", label: "nav.commitments", show: (u) => u !== null },
  { to: "/manage/events", label: "nav.manageEvents", show: (u) => Boolean(u && (u.isOrganizer || u.isStaff)) },
  { to: "/dashboard", label: "nav.dashboard", show: (u) => Boolean(u?.isStaff) },
  { to: "/admin", label: "nav.admin", show: (u) => Boolean(u?.isStaff) },
];

export function SiteHeader({ user }: { user: HeaderUser }) {
  const t = useT();
  const items = NAV.filter((item) => item.show(user));
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="container header-row">
        {/* Named by its own words (WCAG 2.5.3: what a voice user reads out must be part of the name). */}
        <Link to="/" className="brand" title={t("app.name")}>
          <span className="brand-mark">ĐMST</span>
          <span className="brand-text">
            <span className="brand-name">{t("app.shortName")}</span>
            <span className="brand-sub">NIC · Vĩnh Phúc</span>
          </span>
        </Link>
        <details className="nav-toggle">
          <summary>{t("nav.menu")}</summary>
          <PrimaryNav items={items} />
        </details>
        <div className="nav-desktop">
          <PrimaryNav items={items} />
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          {user ? (
            <>
              <Link to="/account" className="header-account" title={user.email}>
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="button button-quiet">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="button button-quiet">
              {t("nav.login")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

function PrimaryNav({ items }: { items: NavItem[] }) {
  const t = useT();
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} prefetch="intent">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A plain form, so the switch works without JavaScript; the server remembers the choice in a cookie. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "vi" ? "en" : "vi";
  return (
    <Form method="post" action="/language" className="lang-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="button button-quiet" lang={other}>
        {other === "en" ? "EN" : "VI"}
        <span className="visually-hidden"> – {t("lang.switchTo")}</span>
      </button>
    </Form>
  );
}

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <div>
          <p className="footer-title">{t("app.name")}</p>
          <p>{t("footer.about")}</p>
        </div>
        <div>
          <p>{t("app.owner")}</p>
          <p>{t("footer.privacy")}</p>
          <p>
            <Link to="/verify">{t("nav.verify")}</Link>
          </p>
        </div>
      </div>
    </footer>
  );
}

export function SampleBadge() {
  const t = useT();
  return (
    <span className="badge badge-sample" title={t("sample.explain")}>
      {t("sample.badge")}
    </span>
  );
}
