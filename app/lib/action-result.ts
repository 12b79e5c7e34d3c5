/** One message per field (`_form` for the form as a whole), in the reader's language. */
export type FieldErrors = Record<string, string>;

/** A form that did not pass: what was wrong, and what the user typed so nothing is lost. */
export type ActionFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * What every form action answers when it does not redirect: done (with a notice to show, and
 * whatever else the page needs) or failed with field errors. A redirect after success carries its
 * notice as a flash instead (`redirectWithFlash`).
 */
export type ActionResult<Done extends object = object> = ({ ok: true; notice?: string } & Done) | ActionFailure;

export type FormState = { failed: boolean; errors: FieldErrors; values: Record<string, string>; notice: string | null };

const BLANK: FormState = { failed: false, errors: {}, values: {}, notice: null };

/** The errors, values and notice of an action's answer, empty before the first submission. */
export function formState(result: { ok: true; notice?: string } | ActionFailure | undefined): FormState {
  if (!result) return BLANK;
  return result.ok ? { ...BLANK, notice: result.notice ?? null } : { failed: true, errors: result.errors, values: result.values, notice: null };
}
