import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** What a used, expired or mistyped emailed link shows: calm, and a way forward. */
export function InvalidLink({ retry }: { retry: { to: string; label: string } }) {
  const t = useT();
  return (
    <div className="container page narrow">
      <h1>{t("link.invalid.title")}</h1>
      <p className="alert alert-info">{t("link.invalid.body")}</p>
      <p>
        <Link to={retry.to} className="button">
          {retry.label}
        </Link>
      </p>
    </div>
  );
}
