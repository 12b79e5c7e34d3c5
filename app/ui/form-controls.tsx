import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { PASSWORD_MIN_LENGTH } from "~/auth/password-rules";
import { useT } from "~/i18n/use-t";
import { Field, FieldFrame } from "./field";

type Frame = { name: string; label: ReactNode; error?: string; hint?: ReactNode; id?: string; required?: boolean };

export function SelectField({
  name,
  label,
  error,
  hint,
  id,
  required,
  options,
  ...select
}: Frame & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame {...{ name, label, error, hint, id, required }}>
      {(wiring) => (
        <select {...wiring} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  id,
  required,
  ...textarea
}: Frame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame {...{ name, label, error, hint, id, required }}>{(wiring) => <textarea rows={5} {...wiring} {...textarea} />}</FieldFrame>
  );
}

/** A new password, with the length rule said up front (sign-up, reset, change). */
export function NewPasswordField({ label, error, id }: { label: string; error?: string; id?: string }) {
  const t = useT();
  return (
    <Field
      id={id}
      name="password"
      type="password"
      label={label}
      hint={t("signup.passwordHint")}
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      error={error}
    />
  );
}

/** The choice of Vietnamese or English (sign-up, profile, an attendee's language at the desk). */
export function LocaleField({ label, defaultValue, error, name = "locale", hint }: { label: string; defaultValue: string; error?: string; name?: string; hint?: string }) {
  const t = useT();
  return (
    <SelectField
      name={name}
      label={label}
      hint={hint}
      required
      defaultValue={defaultValue}
      error={error}
      options={[
        { value: "vi", label: t("lang.vi") },
        { value: "en", label: t("lang.en") },
      ]}
    />
  );
}

/** A checkbox with its label after it and its error below (consent, a say-so). */
export function CheckField({ name, id, label, error, required, className }: { name: string; id: string; label: ReactNode; error?: string; required?: boolean; className?: string }) {
  return (
    <div className={["field field-check", className, error ? "field-invalid" : null].filter(Boolean).join(" ")}>
      <input id={id} type="checkbox" name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
