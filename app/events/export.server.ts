import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { localized, translate } from "~/i18n/translate";
import { csvDocument, xlsxWorkbook, type Cell } from "~/lib/spreadsheet.server";
import type { Registration } from "~db/schema";
import { readQuestions } from "./questions";

/** The columns of the registrations export, headed in the reader's language. */
const COLUMNS: [MessageKey, (r: Registration, t: (key: MessageKey) => string) => Cell][] = [
  ["export.ticketCode", (r) => r.ticket_code],
  ["manage.status", (r, t) => t(`registration.status.${r.status}`)],
  ["register.name", (r) => r.name],
  ["register.email", (r) => r.email],
  ["register.phone", (r) => r.phone],
  ["register.organization", (r) => r.organization],
  ["register.position", (r) => r.position],
  ["export.language", (r, t) => t(r.locale === "en" ? "lang.en" : "lang.vi")],
  ["export.registeredAt", (r) => ({ instant: r.created_at })],
  ["export.confirmedAt", (r) => (r.confirmed_at ? { instant: r.confirmed_at } : null)],
  ["export.checkedInAt", (r) => (r.checked_in_at ? { instant: r.checked_in_at } : null)],
];

/**
 * The registrations as a table for people: headers and status labels in the reader's language,
 * times in Vietnam's (said in the header), and one column per question, headed by its text.
 */
function registrationsTable(registrations: Registration[], questionsJson: string, locale: Locale) {
  const t = (key: MessageKey) => translate(locale, key);
  const questions = readQuestions(questionsJson);
  const header = [...COLUMNS.map(([key]) => t(key)), ...questions.map((q) => localized(q, "label", locale))];
  const rows = registrations.map((r) => {
    const answers = JSON.parse(r.answers || "{}") as Record<string, string>;
    return [...COLUMNS.map(([, value]) => value(r, t)), ...questions.map((q) => answers[q.id] ?? null)];
  });
  return { header, rows };
}

export function registrationsCsv(registrations: Registration[], questionsJson: string, locale: Locale): string {
  const { header, rows } = registrationsTable(registrations, questionsJson, locale);
  return csvDocument(header, rows);
}

export async function registrationsXlsx(registrations: Registration[], questionsJson: string, locale: Locale): Promise<Buffer> {
  return xlsxWorkbook([{ name: translate(locale, "export.sheet"), ...registrationsTable(registrations, questionsJson, locale) }]);
}
