import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/use-t";

type Common = { name: string; label: ReactNode; error?: string; hint?: ReactNode; id?: string; required?: boolean };

/** Label, hint and error around a control, wired like `Field` (aria-invalid, aria-describedby). */
function Control({ name, label, error, hint, id, required, children }: Common & { children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const t = useT();
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId}>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : <span className="optional-mark"> ({t("common.optional")})</span>}
      </label>
      {hint ? (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id: fieldId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({ name, label, error, hint, id, required, options, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <Control {...{ name, label, error, hint, id, required }}>
      {(a11y) => (
        <select name={name} required={required} {...a11y} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Control>
  );
}

export function TextAreaField({ name, label, error, hint, id, required, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Control {...{ name, label, error, hint, id, required }}>{(a11y) => <textarea name={name} required={required} rows={5} {...a11y} {...textarea} />}</Control>;
}
