import { csvDocument, xlsxWorkbook } from "~/lib/spreadsheet.server";
import type { Registration } from "~db/schema";
import { readQuestions, type EventQuestion } from "./questions";

type Row = Record<string, string>;

function rowsOf(registrations: Registration[], questions: EventQuestion[]): { header: string[]; rows: Row[] } {
  const header = ["ticket_code", "status", "name", "email", "phone", "organization", "position", "registered_at", "confirmed_at", "checked_in_at", ...questions.map((q) => q.label_vi)];
  const rows = registrations.map((r) => {
    const answers = JSON.parse(r.answers || "{}") as Record<string, string>;
    const row: Row = {
      ticket_code: r.ticket_code,
      status: r.status,
      name: r.name,
      email: r.email,
      phone: r.phone ?? "",
      organization: r.organization ?? "",
      position: r.position ?? "",
      registered_at: r.created_at,
      confirmed_at: r.confirmed_at ?? "",
      checked_in_at: r.checked_in_at ?? "",
    };
    for (const q of questions) row[q.label_vi] = answers[q.id] ?? "";
    return row;
  });
  return { header, rows };
}

export function registrationsCsv(registrations: Registration[], questionsJson: string): string {
  const { header, rows } = rowsOf(registrations, readQuestions(questionsJson));
  return csvDocument(
    header,
    rows.map((row) => header.map((h) => row[h])),
  );
}

export async function registrationsXlsx(registrations: Registration[], questionsJson: string, sheetName: string): Promise<Buffer> {
  const { header, rows } = rowsOf(registrations, readQuestions(questionsJson));
  return xlsxWorkbook([{ name: sheetName || "registrations", header, rows: rows.map((row) => header.map((h) => row[h])) }]);
}
