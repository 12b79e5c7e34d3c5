import { json } from "@remix-run/node";
import type { ActionFailure, ActionResult } from "./action-result";

/** A failed form: its errors next to the fields, 400 unless said otherwise (409, 413, 429 with Retry-After). */
export function actionFailed(failure: Omit<ActionFailure, "ok" | "values"> & { values?: Record<string, string> }, init: number | ResponseInit = 400) {
  return json<ActionFailure>({ ok: false, errors: failure.errors, values: failure.values ?? {} }, typeof init === "number" ? { status: init } : init);
}

/** A form that did its work and stays on its page, with a notice and whatever the page shows next. */
export function actionDone<Done extends object = object>(notice?: string, done?: Done, init?: ResponseInit) {
  return json<Extract<ActionResult<Done>, { ok: true }>>({ ok: true, notice, ...(done as Done) }, init);
}
