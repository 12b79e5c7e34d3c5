import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The heading of a staff page, with the way back to the administration index. */
export function AdminPageHead({ title, lead }: { title: string; lead: string }) {
  const t = useT();
  return (
    <>
      <p>
        <Link to="/admin">← {t("admin.title")}</Link>
      </p>
      <header className="page-head">
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </header>
    </>
  );
}
