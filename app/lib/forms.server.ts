import type { z } from "zod";
import type { Locale } from "~/i18n/locale";
import { MESSAGES, type MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { ActionFailure, FieldErrors } from "./action-result";
import { isAcceptedFieldName, MAX_FIELDS, nestFields } from "./field-names.server";

/** A parsed form: its data, or the same failure an action answers with (`actionFailed(result)`). */
export type FormResult<T> = { ok: true; data: T } | ActionFailure;

function isMessageKey(value: string): value is MessageKey {
  return value in MESSAGES;
}

/** One zod issue as a sentence in the reader's language. Schemas may name a message key as their message. */
function describeIssue(issue: z.ZodIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(locale, issue.message);
  switch (issue.code) {
    case "too_big":
      return issue.type === "string" ? translate(locale, "validation.tooLong", { max: Number(issue.maximum) }) : translate(locale, "validation.invalid");
    case "too_small":
      if (issue.type === "string" && Number(issue.minimum) <= 1) return translate(locale, "validation.required");
      return issue.type === "string" ? translate(locale, "validation.tooShort", { min: Number(issue.minimum) }) : translate(locale, "validation.invalid");
    case "invalid_string":
      return issue.validation === "email" ? translate(locale, "validation.email") : translate(locale, "validation.invalid");
    case "invalid_type":
      return issue.received === "undefined" || issue.received === "null" ? translate(locale, "validation.required") : translate(locale, "validation.invalid");
    default:
      return translate(locale, "validation.invalid");
  }
}

/** Text fields of a form, for putting the user's input back into the form after an error. */
export function formValues(formData: FormData): Record<string, string> {
  // Field names are the sender's: no name may reach the prototype.
  const values = Object.create(null) as Record<string, string>;
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("password")) values[key] = value.slice(0, 5000);
  }
  return values;
}

/**
 * Parses a form with its schema. On failure: one message per field, in the reader's language,
 * and the submitted values so that nothing the user typed is lost.
 */
export function parseForm<S extends z.ZodTypeAny>(formData: FormData, schema: S, locale: Locale): FormResult<z.output<S>> {
  const raw = Object.create(null) as Record<string, FormDataEntryValue | FormDataEntryValue[]>;
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return validate(raw, formData, schema, locale);
}

/**
 * Like `parseForm` for forms with repeated rows: a field named `clauses.2.body_vi` becomes
 * `{ clauses: [, , { body_vi }] }`, and its error comes back under the same name.
 */
export function parseStructuredForm<S extends z.ZodTypeAny>(formData: FormData, schema: S, locale: Locale): FormResult<z.output<S>> {
  const texts = [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  const nested = nestFields(texts);
  if (!nested.ok) {
    const message = translate(locale, nested.reason === "tooManyFields" ? "request.tooManyFields" : "request.badFieldName", { max: MAX_FIELDS });
    // The form is shown again from these values: a refused name (a row a billion rows down) must not come back.
    const values = Object.fromEntries(Object.entries(formValues(formData)).filter(([name]) => isAcceptedFieldName(name)));
    return { ok: false, errors: { _form: message }, values };
  }
  return validate(nested.value, formData, schema, locale);
}

function validate<S extends z.ZodTypeAny>(raw: unknown, formData: FormData, schema: S, locale: Locale): FormResult<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_form";
    errors[field] ??= describeIssue(issue, locale);
  }
  return { ok: false, errors, values: formValues(formData) };
}
