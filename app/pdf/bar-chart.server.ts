import type { DashboardChart } from "~/commitments/dashboard-charts";

/** The page's chart colours (app/styles/app.css and monitoring.css), by series key. */
const SERIES_COLORS: Record<string, string> = {
  very_late: "#7a160f",
  delayed: "#b42318",
  at_risk: "#c99a2e",
  on_track: "#0b6e6d",
  done: "#17692f",
  cancelled: "#d5dde6",
  count: "#0b6e6d",
};
const TEXT = "#13202e";
const MUTED = "#51606f";
const RULE = "#d5dde6";
const ROW = 14;
const LABEL_WIDTH = 150;
const LABEL_CHARS = 30;

type Labels = { noData: string; group: string; total: string };

function pageBottom(doc: PDFKit.PDFDocument) {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function legend(doc: PDFKit.PDFDocument, chart: DashboardChart, left: number, width: number) {
  let x = left;
  let y = doc.y;
  doc.font("regular").fontSize(8);
  for (const s of chart.series) {
    const w = 12 + doc.widthOfString(s.label) + 12;
    if (x + w > left + width) {
      x = left;
      y += 12;
    }
    doc.rect(x, y + 1, 8, 8).fill(SERIES_COLORS[s.key] ?? MUTED);
    doc.fillColor(TEXT).text(s.label, x + 12, y, { lineBreak: false });
    x += w;
  }
  doc.y = y + 16;
}

function bars(doc: PDFKit.PDFDocument, chart: DashboardChart, left: number, width: number, totals: number[]) {
  const barWidth = width - LABEL_WIDTH - 40;
  const max = Math.max(1, ...totals);
  doc.font("regular").fontSize(8);
  chart.rows.forEach((row, i) => {
    ensureRoom(doc, ROW);
    const y = doc.y;
    const label = row.label.length > LABEL_CHARS ? `${row.label.slice(0, LABEL_CHARS - 1)}…` : row.label;
    doc.fillColor(TEXT).text(label, left, y + 2, { width: LABEL_WIDTH - 6, align: "right", lineBreak: false });
    let x = left + LABEL_WIDTH;
    for (const s of chart.series) {
      const w = ((row.values[s.key] ?? 0) / max) * barWidth;
      if (w > 0) doc.rect(x, y, w, ROW - 4).fill(SERIES_COLORS[s.key] ?? MUTED);
      x += w;
    }
    doc.fillColor(TEXT).text(String(totals[i]), x + 4, y + 2, { lineBreak: false });
    doc.y = y + ROW;
  });
}

function table(doc: PDFKit.PDFDocument, chart: DashboardChart, left: number, width: number, totals: number[], labels: Labels) {
  const withTotal = chart.series.length > 1;
  const headings = [labels.group, ...chart.series.map((s) => s.label), ...(withTotal ? [labels.total] : [])];
  const groupWidth = withTotal ? 140 : width - 100;
  const numWidth = (width - groupWidth) / (headings.length - 1);
  const widths = headings.map((_, i) => (i === 0 ? groupWidth : numWidth));
  // Only the group's name and the headings may wrap; figures are one short line, set without the
  // line wrapper, which is most of a table's cost.
  const line = (cells: string[], heading: boolean) => {
    doc.font(heading ? "semibold" : "regular").fontSize(7.5);
    const wrapping = heading ? cells : cells.slice(0, 1);
    const height = Math.max(...wrapping.map((c, i) => doc.heightOfString(c, { width: widths[i] - 6 }))) + 5;
    ensureRoom(doc, height);
    const y = doc.y;
    let x = left;
    doc.fillColor(TEXT);
    cells.forEach((c, i) => {
      if (i < wrapping.length) doc.text(c, x + 3, y + 2.5, { width: widths[i] - 6, align: i === 0 ? "left" : "right" });
      else doc.text(c, x + widths[i] - 3 - doc.widthOfString(c), y + 2.5, { lineBreak: false });
      x += widths[i];
    });
    doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.y = y + height;
  };
  line(headings, true);
  chart.rows.forEach((row, i) => line([row.label, ...chart.series.map((s) => String(row.values[s.key] ?? 0)), ...(withTotal ? [String(totals[i])] : [])], false));
}

/**
 * One dashboard chart as vector graphics, the same stacked bars as the page's SVG, followed by
 * its data table: a printed report keeps every figure readable, not only the bars' lengths.
 */
export function drawBarChart(doc: PDFKit.PDFDocument, chart: DashboardChart, labels: Labels) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  ensureRoom(doc, 60 + Math.min(chart.rows.length, 6) * ROW);
  doc.font("semibold").fontSize(12).fillColor(TEXT).text(chart.title, left, doc.y, { width });
  doc.moveDown(0.3);
  if (!chart.rows.length) {
    doc.font("regular").fontSize(9).fillColor(MUTED).text(labels.noData, left, doc.y, { width });
    doc.moveDown(1);
    return;
  }
  const totals = chart.rows.map((r) => chart.series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  if (chart.series.length > 1) legend(doc, chart, left, width);
  bars(doc, chart, left, width, totals);
  doc.y += 8;
  table(doc, chart, left, width, totals, labels);
  doc.y += 18;
}
