import { RegistrationSchema } from "./event.schema";
import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";
import type { FieldErrors } from "~/lib/action-result";
import type { EventQuestion } from "./questions";
import type { Attendee } from "./register.server";

/** Answers to the event's own questions, checked against the questions the event asks. */
export function readAnswers(form: FormData, questions: EventQuestion[], locale: Locale): { answers: Record<string, string>; errors: FieldErrors } {
  const answers: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const q of questions) {
    const raw = form.get(`answer.${q.id}`);
    const value = typeof raw === "string" ? raw.trim() : "";
    if (value.length > 1000) errors[`answer.${q.id}`] = translate(locale, "validation.tooLong", { max: 1000 });
    else if (q.required && !value) errors[`answer.${q.id}`] = translate(locale, "validation.required");
    else if (value) answers[q.id] = value;
  }
  return { answers, errors };
}

export type DelegationLine = { line: number; attendee?: Attendee; error?: string };

/** The delegation box: one person a line, "Name, email, position". */
export function parseDelegation(text: string, organization: string, locale: Locale): DelegationLine[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 50) return [{ line: 51, error: translate(locale, "register.delegationTooMany", { max: 50 }) }];
  const seen = new Set<string>();
  return lines.map((text, i) => {
    const [name, mail, ...rest] = text.split(",").map((s) => s.trim());
    const parsed = RegistrationSchema.pick({ name: true, email: true, position: true }).safeParse({ name, email: mail, position: rest.join(", ") || "—" });
    if (!parsed.success) return { line: i + 1, error: translate(locale, "register.delegationLine", { line: i + 1 }) };
    const key = parsed.data.email.toLowerCase();
    if (seen.has(key)) return { line: i + 1, error: translate(locale, "register.delegationDuplicate", { line: i + 1 }) };
    seen.add(key);
    return { line: i + 1, attendee: { name: parsed.data.name, email: parsed.data.email, position: parsed.data.position, organization, phone: null, answers: {} } };
  });
}
