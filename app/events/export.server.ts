import ExcelJS from "exceljs";
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

/** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const v = neutralize(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with a byte-order mark, so that Excel shows Vietnamese letters; CRLF line ends as RFC 4180 asks. */
export function registrationsCsv(registrations: Registration[], questionsJson: string): string {
  const { header, rows } = rowsOf(registrations, readQuestions(questionsJson));
  const lines = [header.map(csvCell).join(","), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function registrationsXlsx(registrations: Registration[], questionsJson: string, sheetName: string): Promise<Buffer> {
  const { header, rows } = rowsOf(registrations, readQuestions(questionsJson));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "registrations");
  sheet.columns = header.map((h) => ({ header: h, key: h, width: Math.min(40, Math.max(12, h.length + 2)) }));
  for (const row of rows) sheet.addRow(Object.fromEntries(header.map((h) => [h, neutralize(row[h])])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
