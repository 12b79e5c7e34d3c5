import type { InputHTMLAttributes, ReactNode } from "react";
import { useT } from "~/i18n/use-t";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
};

/** The ids an input's aria-describedby names: its hint and its error, when there are. */
export function describedByOf(fieldId: string, hint: ReactNode, error?: string): string | undefined {
  return [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Label, hint and error around one control (input, textarea, select), wired for screen readers. */
export function FieldFrame({
  fieldId,
  label,
  hint,
  error,
  required,
  children,
}: {
  fieldId: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
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

/** A labelled input with its error next to it, wired for screen readers (aria-invalid, aria-describedby). */
export function Field({ name, label, error, hint, id, required, ...input }: FieldProps) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} required={required}>
      <input id={fieldId} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedByOf(fieldId, hint, error)} {...input} />
    </FieldFrame>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-error" role="alert">
      {children}
    </div>
  );
}
