import { useEffect, useId, useRef, useState } from "react";
import type { FieldErrors } from "~/lib/action-result";
import { useT } from "~/i18n/use-t";

type Target = { href: string; label: string };

/** The control named `name` in the summary's form (the summary sits in it or just before it). */
function findControl(summary: HTMLElement, name: string): HTMLElement | null {
  const next = summary.nextElementSibling;
  const scope: ParentNode = summary.closest("form") ?? (next instanceof HTMLFormElement ? next : document);
  return scope.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
}

/** A label's words without the required star or the "(optional)" note; none for a consent statement, too long to repeat. */
function labelText(control: HTMLElement): string {
  const label = (control as HTMLInputElement).labels?.[0];
  if (!label) return "";
  const words = label.cloneNode(true) as HTMLElement;
  for (const mark of words.querySelectorAll(".required-mark, .optional-mark")) mark.remove();
  const text = (words.textContent ?? "").trim();
  return text.length > 80 ? "" : text;
}

/**
 * After a failed submit: what went wrong, at the top of the form, with a link to each field in
 * error (the GOV.UK pattern). It takes the focus, so a screen reader reads it first and a keyboard
 * starts from it. Rendered by the server too: without JavaScript the browser's autofocus moves
 * there and the links point at the fields' ids; with it, each link also names its field's label.
 */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const t = useT();
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [targets, setTargets] = useState<Record<string, Target>>({});
  const fields = Object.entries(errors).filter(([name]) => name !== "_form");
  // Callers may build a fresh object on every render: only a new answer moves the focus.
  const answer = JSON.stringify(errors);

  useEffect(() => {
    const summary = ref.current;
    if (!summary) return;
    summary.focus();
    const found: Record<string, Target> = Object.create(null);
    for (const name of Object.keys(JSON.parse(answer) as FieldErrors)) {
      const control = findControl(summary, name);
      if (control?.id) found[name] = { href: `#${control.id}`, label: labelText(control) };
    }
    setTargets(found);
  }, [answer]);

  if (!errors._form && fields.length === 0) return null;
  return (
    <div ref={ref} className="alert alert-error error-summary" tabIndex={-1} aria-labelledby={headingId} autoFocus>
      <div role="alert">
        <h2 id={headingId} className="error-summary-title">
          {errors._form ?? t("common.formHasErrors")}
        </h2>
        {fields.length ? (
          <ul className="error-summary-list">
            {fields.map(([name, message]) => {
              const target = targets[name];
              return (
                <li key={name}>
                  <a href={target?.href ?? `#field-${name}`}>{target?.label ? `${target.label}: ${message}` : message}</a>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
