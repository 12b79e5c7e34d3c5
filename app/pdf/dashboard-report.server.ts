import type { DashboardChart } from "~/commitments/dashboard-charts";
import { drawBarChart } from "./bar-chart.server";
import { startPdf } from "./document.server";

export type DashboardReportInput = {
  title: string;
  appName: string;
  /** "Prepared on …" with the date and time in Vietnam, already in the reader's language. */
  prepared: string;
  filtersHeading: string;
  /** Each filter in words; empty when none is set, and `noFilters` says so. */
  filters: { label: string; value: string }[];
  noFilters: string;
  figuresHeading: string;
  figures: { label: string; value: string }[];
  charts: DashboardChart[];
  chartLabels: { noData: string; group: string; total: string };
  pageOf: (page: number, pages: number) => string;
};

const BRAND = "#0b3b66";
const TEXT = "#13202e";
const MUTED = "#51606f";
const TILE = "#f3f6f9";

function cover(doc: PDFKit.PDFDocument, input: DashboardReportInput) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.rect(0, 0, doc.page.width, 64).fill(BRAND);
  doc.fillColor("#ffffff").font("semibold").fontSize(11).text(input.appName, left, 26, { width });
  doc.fillColor(TEXT).font("bold").fontSize(22).text(input.title, left, 96, { width });
  doc.moveDown(0.3).font("regular").fontSize(10).fillColor(MUTED).text(input.prepared, { width });

  doc.moveDown(1.2).font("semibold").fontSize(12).fillColor(TEXT).text(input.filtersHeading, left, doc.y, { width });
  doc.moveDown(0.3).font("regular").fontSize(10);
  if (!input.filters.length) doc.text(input.noFilters, { width });
  for (const f of input.filters) {
    doc.font("semibold").text(`${f.label}: `, { continued: true, width }).font("regular").text(f.value);
  }

  doc.moveDown(1.2).font("semibold").fontSize(12).text(input.figuresHeading, left, doc.y, { width });
  doc.moveDown(0.5);
  const columns = 4;
  const gap = 8;
  const tileWidth = (width - gap * (columns - 1)) / columns;
  const tileHeight = 58;
  const top = doc.y;
  input.figures.forEach((f, i) => {
    const x = left + (i % columns) * (tileWidth + gap);
    const y = top + Math.floor(i / columns) * (tileHeight + gap);
    doc.rect(x, y, tileWidth, tileHeight).fill(TILE);
    doc.fillColor(TEXT).font("bold").fontSize(18).text(f.value, x + 8, y + 8, { width: tileWidth - 16, lineBreak: false });
    doc.fillColor(MUTED).font("regular").fontSize(8).text(f.label, x + 8, y + 34, { width: tileWidth - 16, height: 20 });
  });
  doc.x = left;
  doc.y = top + Math.ceil(input.figures.length / columns) * (tileHeight + gap) + 16;
}

function pageNumbers(doc: PDFKit.PDFDocument, input: DashboardReportInput) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Written inside the bottom margin: pdfkit would otherwise start a page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(`${input.title} · ${input.pageOf(i + 1, count)}`, doc.page.margins.left, doc.page.height - 30, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The printable monitoring report: a cover with the filters in words, the date and the tiles'
 * figures, then every dashboard chart drawn as vectors with its data table, in Be Vietnam Pro.
 */
export async function renderDashboardReport(input: DashboardReportInput): Promise<Buffer> {
  const { pdf: doc, done } = startPdf({ size: "A4", margin: 48, bufferPages: true, info: { Title: input.title } });
  cover(doc, input);
  for (const chart of input.charts) drawBarChart(doc, chart, input.chartLabels);
  pageNumbers(doc, input);
  doc.end();
  return done;
}
