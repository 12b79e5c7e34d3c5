import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/**
 * A list's filters as a GET form, so that the filters live in the URL: a filtered view is a link
 * to share, and its exports take the same query string.
 */
export function FilterBar({ label, clearHref, children }: { label: string; clearHref: string; children: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" className="card filter-grid" aria-label={label}>
      {children}
      <div className="row">
        <button type="submit" className="button button-primary">
          {t("monitoring.apply")}
        </button>
        <Link to={clearHref} className="button button-quiet">
          {t("monitoring.clear")}
        </Link>
      </div>
    </Form>
  );
}

/** One choice among options, "any" first. */
export function SelectFilter({ name, label, value, anyLabel, options }: { name: string; label: string; value?: string; anyLabel: string; options: { value: string; label: string }[] }) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A typed filter: a date, or words to search for. */
export function InputFilter({ name, label, value, type = "search", maxLength }: { name: string; label: string; value?: string; type?: "search" | "date"; maxLength?: number }) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} name={name} defaultValue={value ?? ""} maxLength={maxLength} />
    </div>
  );
}
