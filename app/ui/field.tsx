import type { InputHTMLAttributes, ReactNode } from "react";
import { useT } from "~/i18n/use-t";

type FrameProps = { name: string; label: ReactNode; error?: string; hint?: ReactNode; id?: string; required?: boolean };

/** What a control needs to be tied to its label, hint and error. */
export type ControlWiring = { id: string; name: string; required?: boolean; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * Label, hint and error around one control, wired for screen readers (aria-invalid,
 * aria-describedby). `Field` puts an input in it; selects and text areas use it the same way.
 */
export function FieldFrame({
  name,
  label,
  error,
  hint,
  id,
  required,
  children,
}: FrameProps & { children: (wiring: ControlWiring) => ReactNode }) {
  const t = useT();
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {" "}
            *
          </span>
        ) : (
          <span className="optional-mark"> ({t("common.optional")})</span>
        )}
      </label>
      {hint ? (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id: fieldId, name, required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & FrameProps;

/** A labelled input with its error next to it. */
export function Field({ name, label, error, hint, id, required, ...input }: FieldProps) {
  return <FieldFrame {...{ name, label, error, hint, id, required }}>{(wiring) => <input {...wiring} {...input} />}</FieldFrame>;
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-error" role="alert">
      {children}
    </div>
  );
}

/** A short confirmation after a form did its work, announced politely to screen readers. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert-success" role="status">
      {children}
    </p>
  );
}
