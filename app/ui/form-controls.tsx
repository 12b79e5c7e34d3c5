import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/use-t";

type Common = { name: string; label: ReactNode; error?: string; hint?: ReactNode; id?: string; required?: boolean };

function describedBy(fieldId: string, hint: ReactNode, error?: string) {
  return [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Label, hint and error around any control, wired as Field does for inputs. */
function FieldFrame({ fieldId, label, hint, error, required, children }: { fieldId: string; children: ReactNode } & Omit<Common, "name">) {
  const t = useT();
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
      {children}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextAreaField({ name, label, error, hint, id, required, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} required={required}>
      <textarea id={fieldId} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} {...rest} />
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  id,
  required,
  options,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} required={required}>
      <select id={fieldId} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
