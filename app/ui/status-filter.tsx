import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The GET form that filters a staff list by status; the choice stays in the URL. */
export function StatusFilter<S extends string>({ statuses, value, label }: { statuses: readonly S[]; value: string | null; label: (status: S) => string }) {
  const t = useT();
  return (
    <Form method="get" className="row search-row">
      <label htmlFor="status-filter">{t("admin.outbox.filter")}</label>
      <select id="status-filter" className="control" name="status" defaultValue={value ?? ""}>
        <option value="">{t("admin.outbox.all")}</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        {t("admin.outbox.apply")}
      </button>
    </Form>
  );
}
