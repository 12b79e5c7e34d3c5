import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { describedByOf, FieldFrame } from "./field";

type Common = { name: string; label: ReactNode; error?: string; hint?: ReactNode; id?: string; required?: boolean };

export function TextAreaField({ name, label, error, hint, id, required, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} required={required}>
      <textarea id={fieldId} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedByOf(fieldId, hint, error)} {...rest} />
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
      <select id={fieldId} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedByOf(fieldId, hint, error)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
