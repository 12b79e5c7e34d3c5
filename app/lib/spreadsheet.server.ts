import ExcelJS from "exceljs";
import { isoToVietnamLocal } from "./time";

/** A moment in time (ISO UTC), shown in Vietnam's time: a date cell in a workbook, "YYYY-MM-DD HH:mm" in a CSV. */
export type Instant = { instant: string };
/** One cell: text, or a moment, or nothing. */
export type Cell = string | Instant | null;

/** How a workbook shows its date cells; the header of such a column says that the times are Vietnam's. */
const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

/** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(cell: Cell): string {
  const text = cell === null ? "" : typeof cell === "string" ? cell : isoToVietnamLocal(cell.instant).replace("T", " ");
  const v = neutralize(text);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with a byte-order mark, so that Excel shows Vietnamese letters; CRLF line ends as RFC 4180 asks. */
export function csvDocument(header: string[], rows: Cell[][]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((row) => row.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * A spreadsheet date has no time zone: it holds the wall-clock time it shows. Vietnam's wall clock
 * is UTC+7 all year, so the cell gets the UTC date whose clock reads as Vietnam's.
 */
function xlsxValue(cell: Cell): string | Date | null {
  if (cell === null) return null;
  if (typeof cell === "string") return neutralize(cell);
  return new Date(`${isoToVietnamLocal(cell.instant)}:00.000Z`);
}

/** One worksheet a table, bold frozen header, text neutralized like the CSV's, moments as date cells. */
export async function xlsxWorkbook(sheets: { name: string; header: string[]; rows: Cell[][] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "data");
    sheet.columns = s.header.map((h, i) => ({ header: h, key: String(i), width: Math.min(40, Math.max(12, h.length + 2)) }));
    for (const row of s.rows) {
      const added = sheet.addRow(Object.fromEntries(row.map((cell, i) => [String(i), xlsxValue(cell)])));
      row.forEach((cell, i) => {
        if (cell !== null && typeof cell !== "string") added.getCell(i + 1).numFmt = DATE_TIME_FORMAT;
      });
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
