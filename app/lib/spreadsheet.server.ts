import ExcelJS from "exceljs";

/** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const v = neutralize(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with a byte-order mark, so that Excel shows Vietnamese letters; CRLF line ends as RFC 4180 asks. */
export function csvDocument(header: string[], rows: string[][]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((row) => row.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One worksheet a table, bold frozen header, cells neutralized like the CSV's. */
export async function xlsxWorkbook(sheets: { name: string; header: string[]; rows: string[][] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "data");
    sheet.columns = s.header.map((h, i) => ({ header: h, key: String(i), width: Math.min(40, Math.max(12, h.length + 2)) }));
    for (const row of s.rows) sheet.addRow(Object.fromEntries(row.map((v, i) => [String(i), neutralize(v)])));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
