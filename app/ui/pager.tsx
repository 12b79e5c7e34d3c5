import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Previous/next links for a paged staff list; `search` keeps the other query parameters. */
export function Pager({ page, pageSize, total, search = "" }: { page: number; pageSize: number; total: number; search?: string }) {
  const t = useT();
  const last = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) =>
    `?${new URLSearchParams(
      [...new URLSearchParams(search).entries()].filter(([k]) => k !== "page").concat([["page", String(p)]])
    ).toString()}`;
  return (
    <nav className="pager" aria-label={t("admin.pagination")}>
      {page > 1 ? <Link to={href(page - 1)}>← {t("admin.previous")}</Link> : <span />}
      <span className="muted small">
        {t("admin.page", { page })} / {last} · {t("admin.count", { n: total })}
      </span>
      {page < last ? <Link to={href(page + 1)}>{t("admin.next")} →</Link> : <span />}
    </nav>
  );
}
